package dev.winfleet.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code winfleet plan}: the fleet planner's questions. */
@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Plan fleet changes before making them: what breaks when Windows hosts are upgraded, and"
          + " how to pre-pull large Windows base images without flooding the network.",
      ""
    },
    subcommands = {PlanUpgradeCommand.class, PlanPatchCommand.class, PlanPrepullCommand.class},
    footerHeading = "%nExit codes:%n",
    footer = {
      "  0  planned; nothing breaks",
      "  1  planned; something breaks (plan upgrade)",
      "  2  bad usage or unreadable input",
      "",
      "Examples:",
      "  winfleet plan upgrade --fleet fleet.yaml --workloads k8s/ --nodes win19-a,win19-b --to ltsc2022",
      "  winfleet plan patch --fleet fleet.yaml --workloads k8s/ --to 10.0.26100.4061",
      "  winfleet plan prepull --fleet fleet.yaml --images mcr.microsoft.com/windows/servercore:ltsc2022"
          + " --images-file images.json --node-bandwidth 1Gbit/s --registry-bandwidth 10Gbit/s"
    })
final class PlanCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return ExitCodes.USAGE;
  }
}
