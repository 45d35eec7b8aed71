package dev.winfleet.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code winfleet node}: what Windows nodes need. */
@Command(
    name = "node",
    mixinStandardHelpOptions = true,
    description = {"What Windows nodes need to join a cluster.", ""},
    subcommands = {NodeManifestsCommand.class, CommandLine.HelpCommand.class})
final class NodeCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return ExitCodes.OK;
  }
}
