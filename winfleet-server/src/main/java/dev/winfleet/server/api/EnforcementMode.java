package dev.winfleet.server.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * How far the webhook acts on its decisions ({@code winfleet serve --mode}, {@code winfleet install
 * --mode}). The one place that turns a policy's decisions into what the mode allows: {@link
 * #apply(AdmissionPolicy)} wraps any policy, so the rules engine never knows the mode.
 */
public enum EnforcementMode {
  /** Deny what the policy denies and apply its placement patches. */
  ENFORCE,
  /**
   * Never deny and never change an object: a denial comes back as an admission warning ({@code
   * kubectl} prints it) saying what enforce mode would do, and placement patches are dropped with a
   * warning naming them. Findings are still counted in the metrics.
   */
  WARN,
  /**
   * As {@link #WARN} for any request that still arrives; {@code winfleet install --mode audit}
   * registers no webhooks at all.
   */
  AUDIT;

  /** The prefix of warnings that replace a denial. */
  public static final String WOULD_DENY = "winfleet would deny this in enforce mode: ";

  /** The lower-case name used by flags and Helm values. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** {@code policy} as this mode lets it act; the policy itself for {@link #ENFORCE}. */
  public AdmissionPolicy apply(AdmissionPolicy policy) {
    Objects.requireNonNull(policy, "policy");
    if (this == ENFORCE) {
      return policy;
    }
    return new AdmissionPolicy() {
      @Override
      public MutationDecision mutate(AdmissionRequestView request) {
        MutationDecision d = policy.mutate(request);
        List<String> warnings = new ArrayList<>(d.warnings());
        if (d.hasPatch()) {
          warnings.add(
              "winfleet would change this in enforce mode ("
                  + d.patch().size()
                  + " patch operation"
                  + (d.patch().size() == 1 ? "" : "s")
                  + ": "
                  + paths(d)
                  + "); left unchanged in "
                  + label()
                  + " mode");
        }
        return new MutationDecision(List.of(), warnings, d.findingRules());
      }

      @Override
      public ValidationDecision validate(AdmissionRequestView request) {
        ValidationDecision d = policy.validate(request);
        if (d.allowed()) {
          return d;
        }
        List<String> warnings = new ArrayList<>();
        warnings.add(WOULD_DENY + d.message());
        warnings.addAll(d.warnings());
        return new ValidationDecision(true, "", warnings, d.findingRules());
      }
    };
  }

  private static String paths(MutationDecision d) {
    List<String> paths = new ArrayList<>();
    for (JsonPatch.Operation op : d.patch()) {
      paths.add(op.op().wire() + " " + op.path());
    }
    return String.join(", ", paths);
  }
}
