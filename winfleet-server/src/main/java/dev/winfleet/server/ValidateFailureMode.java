package dev.winfleet.server;

/** What {@code /validate} answers when the policy throws or runs out of time. */
public enum ValidateFailureMode {
  /** Allow, with a warning: availability over enforcement. */
  ALLOW,
  /**
   * Deny, with a message: matches the ValidatingWebhookConfiguration's {@code failurePolicy: Fail},
   * which denies when the webhook does not answer at all.
   */
  DENY
}
