package dev.winfleet.server;

/** How the server answered one admission request, for metrics and the recent-verdict log. */
public enum Verdict {
  /** Allowed without change. */
  ALLOWED("allowed"),
  /** Allowed with a JSON Patch. */
  PATCHED("patched"),
  /** Denied by the policy. */
  DENIED("denied"),
  /** The policy failed or ran out of time; admitted unchanged with a warning. */
  FAILED_OPEN("failed_open"),
  /** The policy failed or ran out of time; denied as configured. */
  FAILED_CLOSED("failed_closed"),
  /** Not an AdmissionReview we can answer: HTTP 4xx. */
  INVALID("invalid");

  private final String label;

  Verdict(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
