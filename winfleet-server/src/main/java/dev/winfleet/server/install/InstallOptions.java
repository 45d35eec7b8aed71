package dev.winfleet.server.install;

import dev.winfleet.server.api.EnforcementMode;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What {@code winfleet install} was asked for.
 *
 * @param namespace where winfleet runs; left out of its own webhooks
 * @param image winfleet's container image
 * @param replicas webhook pods (3 by default: a validating webhook with {@code failurePolicy: Fail}
 *     must survive a node drain)
 * @param certManager TLS through cert-manager instead of a generated CA
 * @param mode enforce (both webhooks), warn (the validating webhook only, never denying) or audit
 *     (no webhooks)
 * @param failurePolicy what the API server does when the validating webhook does not answer; null
 *     for the mode's default ({@link FailurePolicy#forMode})
 */
public record InstallOptions(
    String namespace,
    String image,
    int replicas,
    boolean certManager,
    EnforcementMode mode,
    FailurePolicy failurePolicy) {

  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

  /** The ValidatingWebhookConfiguration's {@code failurePolicy}. */
  public enum FailurePolicy {
    Fail,
    Ignore;

    /** Fail when enforcing (a down webhook must not let everything through), else Ignore. */
    public static FailurePolicy forMode(EnforcementMode mode) {
      return mode == EnforcementMode.ENFORCE ? Fail : Ignore;
    }
  }

  public InstallOptions {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(mode, "mode");
    if (!DNS_LABEL.matcher(namespace).matches()) {
      throw new IllegalArgumentException(
          "namespace '" + namespace + "' is not a DNS label (lower-case letters, digits, '-')");
    }
    if (image.isBlank()) {
      throw new IllegalArgumentException("image must not be empty");
    }
    if (replicas < 1) {
      throw new IllegalArgumentException("replicas must be at least 1: " + replicas);
    }
    if (failurePolicy == null) {
      failurePolicy = FailurePolicy.forMode(mode);
    }
  }

  /** Warn mode with the mode's failure policy: the defaults of {@code winfleet install}. */
  public InstallOptions(String namespace, String image, int replicas, boolean certManager) {
    this(namespace, image, replicas, certManager, EnforcementMode.WARN, null);
  }

  public InstallOptions withMode(EnforcementMode newMode) {
    return new InstallOptions(namespace, image, replicas, certManager, newMode, null);
  }
}
