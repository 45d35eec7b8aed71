package dev.winfleet.cli;

import dev.winfleet.server.install.InstallManifests;
import dev.winfleet.server.install.InstallOptions;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code winfleet uninstall}: what removes everything {@code winfleet install} created. */
@Command(
    name = "uninstall",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Print what removes everything 'winfleet install' created, in any mode, for"
          + " 'kubectl delete --ignore-not-found -f -': the webhook configurations first (so"
          + " that no request goes to a webhook on its way out), then the Service, the"
          + " Deployment, the TLS Secret (also the one cert-manager issued), RBAC and the"
          + " Namespace. Deleting the Namespace deletes whatever else is in it: use"
          + " --keep-namespace when it holds anything else.",
      ""
    },
    footerHeading = "%nExit codes:%n",
    footer = {
      "  0  objects printed",
      "  2  bad usage",
      "",
      "Examples:",
      "  winfleet uninstall | kubectl delete --ignore-not-found -f -",
      "  winfleet uninstall --namespace platform --keep-namespace --cert-manager"
          + " | kubectl delete --ignore-not-found -f -",
      "  helm uninstall winfleet -n winfleet   # when installed with the Helm chart"
    })
final class UninstallCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--namespace",
      defaultValue = "winfleet",
      description = "The namespace given to install (default: ${DEFAULT-VALUE}).")
  String namespace;

  @Option(
      names = "--cert-manager",
      description =
          "Also delete the cert-manager Issuer and Certificate (install --cert-manager); needs"
              + " cert-manager's resource kinds in the cluster.")
  boolean certManager;

  @Option(names = "--keep-namespace", description = "Leave the Namespace (and what else is in it).")
  boolean keepNamespace;

  @Override
  public Integer call() {
    InstallOptions options;
    try {
      options = new InstallOptions(namespace, "winfleet", 1, certManager);
    } catch (IllegalArgumentException e) {
      throw new UserException(e.getMessage());
    }
    PrintWriter out = spec.commandLine().getOut();
    out.print(InstallManifests.yaml(InstallManifests.removal(options, keepNamespace)));
    out.flush();
    return ExitCodes.OK;
  }
}
