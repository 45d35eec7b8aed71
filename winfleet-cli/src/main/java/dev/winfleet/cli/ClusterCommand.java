package dev.winfleet.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code winfleet cluster}: commands about a whole cluster. */
@Command(
    name = "cluster",
    mixinStandardHelpOptions = true,
    description = {"Commands about a whole cluster: is it ready for Windows nodes?", ""},
    subcommands = {ClusterCheckCommand.class, CommandLine.HelpCommand.class})
final class ClusterCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return ExitCodes.OK;
  }
}
