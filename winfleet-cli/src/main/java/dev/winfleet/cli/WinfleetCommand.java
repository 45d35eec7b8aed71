package dev.winfleet.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The top-level {@code winfleet} command: prints help when called without a subcommand. Its
 * subcommands are declared on {@link AllCommands}, so that a run of one subcommand can build
 * picocli's model of that one alone ({@link Main#commandLineFor}).
 */
@Command(
    name = "winfleet",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    description = {
      "Windows containers as first-class citizens in mixed Linux/Windows Kubernetes clusters.",
      "",
      "A Windows container is bound to its host's Windows build: the wrong image on the wrong node"
          + " fails only at run time, with \"The container operating system does not match the"
          + " host operating system\". winfleet knows every Windows release and the rules between"
          + " image and host.",
      ""
    },
    footerHeading = "%nExit codes:%n",
    footer = {
      "  0  done; nothing found at the failure threshold",
      "  1  done; the answer is no (a finding, an unsupported combination, a failed reference)",
      "  2  bad usage or unreadable input",
      "  3  internal error (a bug: please report it)",
      "",
      "Examples:",
      "  winfleet releases",
      "  winfleet compat --host ltsc2022 --image 10.0.17763.5206",
      "  winfleet compat --matrix",
      "  winfleet inspect mcr.microsoft.com/windows/servercore:ltsc2022",
      "  winfleet check manifests/ --fleet fleet.yaml",
      "  winfleet images lock k8s/ -o images.lock.json",
      "  helm template ./chart | winfleet check -",
      "  winfleet rules",
      "  winfleet cluster check --kubeconfig ~/.kube/config",
      "  winfleet node manifests --kubeconfig ~/.kube/config --cni flannel-vxlan",
      "  winfleet containerize ./Shop --target ltsc2022",
      "  winfleet plan upgrade --fleet fleet.yaml --workloads k8s/ --nodes win19-a --to ltsc2022",
      "  winfleet install --image REGISTRY/winfleet:TAG --verify-image | kubectl apply -f -",
      "  winfleet demo"
    })
class WinfleetCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return ExitCodes.OK;
  }

  /** {@code winfleet} with all its subcommands: what help, completion and the docs see. */
  @Command(
      subcommands = {
        ReleasesCommand.class,
        CompatCommand.class,
        InspectCommand.class,
        ImagesCommand.class,
        CheckCommand.class,
        RulesCommand.class,
        ClusterCommand.class,
        NodeCommand.class,
        ContainerizeCommand.class,
        LogMonitorCommand.class,
        PlanCommand.class,
        ServeCommand.class,
        FleetCommand.class,
        InstallCommand.class,
        UninstallCommand.class,
        CompletionCommand.class,
        DemoCommand.class,
        CommandLine.HelpCommand.class
      })
  static final class AllCommands extends WinfleetCommand {}
}
