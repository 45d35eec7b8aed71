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
 * @param dashboardAuth how the dashboard checks who asks ({@code serve --dashboard-auth}); null for
 *     {@link DashboardAuth#NONE}
 */
public record InstallOptions(
    String namespace,
    String image,
    int replicas,
    boolean certManager,
    EnforcementMode mode,
    FailurePolicy failurePolicy,
    DashboardAuth dashboardAuth) {

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

  /**
   * The dashboard's authentication as installed. The dashboard listens on the pod's loopback either
   * way (reached through {@code kubectl port-forward}).
   */
  public enum DashboardAuth {
    /** Whoever reaches the dashboard's port (in the pod, through a port-forward) may read it. */
    NONE,
    /**
     * A bearer token the API server accepts (TokenReview) of someone allowed {@code get} on the
     * non-resource URL {@code /winfleet/dashboard} (SubjectAccessReview); winfleet's service
     * account is bound to {@code system:auth-delegator} to ask.
     */
    TOKENREVIEW;

    /** The lower-case name used by flags and Helm values. */
    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
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
    if (dashboardAuth == null) {
      dashboardAuth = DashboardAuth.NONE;
    }
  }

  /** No dashboard authentication. */
  public InstallOptions(
      String namespace,
      String image,
      int replicas,
      boolean certManager,
      EnforcementMode mode,
      FailurePolicy failurePolicy) {
    this(namespace, image, replicas, certManager, mode, failurePolicy, DashboardAuth.NONE);
  }

  /** Warn mode with the mode's failure policy: the defaults of {@code winfleet install}. */
  public InstallOptions(String namespace, String image, int replicas, boolean certManager) {
    this(namespace, image, replicas, certManager, EnforcementMode.WARN, null, null);
  }

  public InstallOptions withMode(EnforcementMode newMode) {
    return new InstallOptions(
        namespace, image, replicas, certManager, newMode, null, dashboardAuth);
  }

  public InstallOptions withDashboardAuth(DashboardAuth auth) {
    return new InstallOptions(namespace, image, replicas, certManager, mode, failurePolicy, auth);
  }
}
