package dev.winfleet.cli;

import dev.winfleet.core.image.ImageReference;
import dev.winfleet.core.image.InvalidImageReferenceException;
import dev.winfleet.registry.api.InspectOptions;
import dev.winfleet.registry.api.InspectionResult;
import dev.winfleet.registry.api.InspectorConfig;
import dev.winfleet.registry.api.PlatformImage;
import dev.winfleet.registry.api.RegistryInspector;
import dev.winfleet.server.api.EnforcementMode;
import dev.winfleet.server.install.InstallManifests;
import dev.winfleet.server.install.InstallOptions;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code winfleet install}: the manifests that run the webhook in a cluster. */
@Command(
    name = "install",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Print the Kubernetes manifests that run winfleet's admission webhook, for"
          + " 'kubectl apply -f -': Namespace, ServiceAccount, read-only RBAC (nodes,"
          + " runtimeclasses, secrets for pull secrets), the audit's RBAC (watch pods and"
          + " workloads; write policyreports, events and its Lease), a hardened Deployment with a"
          + " PodDisruptionBudget, the Service, and the webhook configurations of the mode.",
      "",
      "Modes: warn (default) registers only the ValidatingWebhookConfiguration, with"
          + " failurePolicy Ignore, and the server never denies: what enforce would deny comes"
          + " back as a warning kubectl prints. enforce adds placement (the mutating webhook)"
          + " and denies what no node can run (failurePolicy Fail). audit registers no webhook:"
          + " the audit controller alone judges what runs and writes PolicyReports.",
      "",
      "Readiness gate: the webhook configurations carry the label winfleet.dev/part=webhooks,"
          + " everything else winfleet.dev/part=workload. Apply the workload, wait for the"
          + " Deployment, then apply the webhooks (see the examples), so that the API server"
          + " never calls a webhook that is not serving.",
      "",
      "TLS: by default a new CA and serving certificate are generated and written into a Secret"
          + " and the webhooks' caBundle (valid 825 days; run install again to renew). With"
          + " --cert-manager, cert-manager issues and renews the certificate and injects the CA.",
      "",
      "Dashboard: it listens on the pod's loopback (port 9443; 'kubectl -n NAMESPACE"
          + " port-forward deployment/winfleet 9443'). With --dashboard-auth tokenreview every"
          + " request needs a bearer token the API server accepts, of someone allowed get on the"
          + " non-resource URL /winfleet/dashboard, and winfleet's ServiceAccount is bound to the"
          + " ClusterRole system:auth-delegator to ask; without it no such binding is made."
          + " SECURITY.md shows the ClusterRole that grants readers.",
      ""
    },
    footerHeading = "%nExit codes:%n",
    footer = {
      "  0  manifests printed",
      "  1  --verify-image: the image cannot be pulled or has no linux platform",
      "  2  bad usage (such as no --image for a development build)",
      "",
      "Examples:",
      "  winfleet install --image registry.example.com/winfleet:0.1.0 | kubectl apply -f -",
      "  winfleet install --crds | kubectl create -f -    # PolicyReport CRDs, if absent",
      "  winfleet install --mode enforce --image REF --verify-image > winfleet.yaml",
      "  kubectl apply -f winfleet.yaml -l winfleet.dev/part=workload",
      "  kubectl -n winfleet rollout status deployment/winfleet --timeout=5m",
      "  kubectl apply -f winfleet.yaml -l winfleet.dev/part=webhooks",
      "  winfleet install --image REF --dashboard-auth tokenreview | kubectl apply -f -",
      "  winfleet uninstall | kubectl delete --ignore-not-found -f -"
    })
final class InstallCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--namespace",
      defaultValue = "winfleet",
      description =
          "Namespace to run in; its own webhooks leave it out (default: ${DEFAULT-VALUE}).")
  String namespace;

  @Option(
      names = "--mode",
      defaultValue = "warn",
      paramLabel = "MODE",
      description = "enforce, warn or audit (default: ${DEFAULT-VALUE}); see above.")
  EnforcementMode mode;

  @Option(
      names = "--failure-policy",
      paramLabel = "POLICY",
      description =
          "The validating webhook's failurePolicy, Fail or Ignore (default: Fail in enforce"
              + " mode, Ignore otherwise). The server answers the same way when it fails.")
  InstallOptions.FailurePolicy failurePolicy;

  @Option(
      names = "--image",
      paramLabel = "REF",
      description =
          "winfleet's image (default for a release: ghcr.io/winfleet/winfleet:<version>;"
              + " required for a development build, of which no image is published).")
  String image;

  @Option(
      names = "--verify-image",
      description =
          "Read the image from its registry first and print nothing unless it can be pulled"
              + " and has a linux platform.")
  boolean verifyImage;

  @Mixin RegistryAccessOptions registries = new RegistryAccessOptions();

  @Option(
      names = "--replicas",
      defaultValue = "3",
      description = "Webhook pods (default: ${DEFAULT-VALUE}).")
  int replicas;

  @Option(
      names = "--cert-manager",
      description = "Let cert-manager issue the serving certificate and inject the CA.")
  boolean certManager;

  @Option(
      names = "--dashboard-auth",
      defaultValue = "none",
      paramLabel = "MODE",
      description =
          "none or tokenreview (default: ${DEFAULT-VALUE}): how the dashboard checks who asks;"
              + " tokenreview adds a ClusterRoleBinding to system:auth-delegator. See above.")
  InstallOptions.DashboardAuth dashboardAuth;

  @Option(
      names = "--crds",
      description =
          "Print only the wgpolicyk8s.io PolicyReport and ClusterPolicyReport CRDs the audit"
              + " writes, for 'kubectl create -f -' (which leaves existing ones, e.g. Kyverno's,"
              + " alone).")
  boolean crds;

  @Override
  public Integer call() {
    if (crds) {
      PrintWriter out = spec.commandLine().getOut();
      out.print(InstallManifests.crdsYaml());
      out.flush();
      return ExitCodes.OK;
    }
    String ref = image(image);
    InstallOptions options;
    try {
      options =
          new InstallOptions(
              namespace, ref, replicas, certManager, mode, failurePolicy, dashboardAuth);
    } catch (IllegalArgumentException e) {
      throw new UserException(e.getMessage());
    }
    PrintWriter err = spec.commandLine().getErr();
    if (verifyImage) {
      String problem = pullProblem(ImageReference.parse(ref));
      if (problem != null) {
        err.println("winfleet: " + problem + "; printing nothing");
        err.flush();
        return ExitCodes.FOUND;
      }
    }
    InstallManifests.GeneratedTls tls =
        certManager ? null : InstallManifests.generateTls(namespace, Clock.systemUTC().instant());
    PrintWriter out = spec.commandLine().getOut();
    out.print(InstallManifests.yaml(InstallManifests.objects(options, tls)));
    out.flush();
    if (mode == EnforcementMode.ENFORCE
        && options.failurePolicy() == InstallOptions.FailurePolicy.Fail) {
      err.println(
          "winfleet: enforce mode denies when the webhook does not answer: apply in two steps"
              + " (-l winfleet.dev/part=workload, 'kubectl -n "
              + namespace
              + " rollout status deployment/winfleet', then -l winfleet.dev/part=webhooks);"
              + " 'winfleet install --help' shows how");
      err.flush();
    }
    return ExitCodes.OK;
  }

  /** The image reference, validated; the release default when none is given. */
  static String image(String given) {
    String ref = given;
    if (ref == null) {
      ref =
          VersionProvider.releaseImage()
              .orElseThrow(
                  () ->
                      new UserException(
                          "winfleet "
                              + VersionProvider.version()
                              + " is a development build and no image is published for it:"
                              + " build and push one (README, 'Install in a cluster';"
                              + " docs/decisions/0002-container-image.md) and pass --image"
                              + " REGISTRY/winfleet:TAG"));
    }
    try {
      ImageReference.parse(ref);
    } catch (InvalidImageReferenceException e) {
      throw new UserException("--image: " + e.getMessage());
    }
    return ref.trim();
  }

  /** Why the image cannot run the Deployment, or null when its registry serves a linux image. */
  private String pullProblem(ImageReference reference) {
    InspectorConfig config = registries.inspectorConfig().build();
    try (RegistryInspector inspector = RegistryInspector.create(config)) {
      InspectionResult result =
          inspector.inspect(
              reference,
              InspectOptions.defaults()
                  .withDeadline(Instant.now().plus(RegistryLookup.PER_IMAGE_BUDGET)));
      if (result instanceof InspectionResult.Failed failed) {
        return "cannot pull " + reference + ": " + failed.error().message();
      }
      List<String> platforms = new ArrayList<>();
      for (PlatformImage p : ((InspectionResult.Inspected) result).platforms()) {
        if (p.platform().os().equals("linux")) {
          return null;
        }
        platforms.add(p.platform().os() + "/" + p.platform().architecture());
      }
      return reference
          + " has no linux platform (it has "
          + String.join(", ", platforms)
          + "); winfleet runs on the cluster's Linux nodes";
    }
  }
}
