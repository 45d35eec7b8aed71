package dev.winfleet.cli;

import dev.winfleet.server.install.InstallManifests;
import dev.winfleet.server.install.InstallOptions;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
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
          + " PodDisruptionBudget, the Service, and the Mutating- and"
          + " ValidatingWebhookConfiguration.",
      "",
      "TLS: by default a new CA and serving certificate are generated and written into a Secret"
          + " and the webhooks' caBundle (valid 825 days; run install again to renew). With"
          + " --cert-manager, cert-manager issues and renews the certificate and injects the CA.",
      ""
    },
    footerHeading = "%nExit codes:%n",
    footer = {
      "  0  manifests printed",
      "  2  bad usage",
      "",
      "Examples:",
      "  winfleet install | kubectl apply -f -",
      "  winfleet install --crds | kubectl create -f -    # PolicyReport CRDs, if absent",
      "  winfleet install --namespace platform --image registry.example.com/winfleet:0.1.0"
          + " --cert-manager | kubectl apply -f -"
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
      names = "--image",
      paramLabel = "REF",
      description = "winfleet's image (default: the image Jib builds, winfleet:<version>).")
  String image;

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
    InstallOptions options;
    try {
      options =
          new InstallOptions(
              namespace,
              image == null ? "winfleet:" + VersionProvider.version() : image,
              replicas,
              certManager);
    } catch (IllegalArgumentException e) {
      throw new UserException(e.getMessage());
    }
    InstallManifests.GeneratedTls tls =
        certManager ? null : InstallManifests.generateTls(namespace, Clock.systemUTC().instant());
    PrintWriter out = spec.commandLine().getOut();
    out.print(InstallManifests.yaml(InstallManifests.objects(options, tls)));
    out.flush();
    return ExitCodes.OK;
  }
}
