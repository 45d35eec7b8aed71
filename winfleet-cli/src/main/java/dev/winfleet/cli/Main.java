package dev.winfleet.cli;

import java.util.Arrays;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code winfleet} command. */
public final class Main {

  /** Subcommands that look at the whole command tree: they always get all of it. */
  private static final Set<Class<?>> NEED_ALL_COMMANDS =
      Set.of(CommandLine.HelpCommand.class, CompletionCommand.class);

  private Main() {}

  public static void main(String[] args) {
    // Server logs as one plain line each ("winfleet: ..."), not java.util.logging's two-line
    // default.
    if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
      System.setProperty("java.util.logging.SimpleFormatter.format", "winfleet: %5$s%6$s%n");
    }
    System.exit(run(args));
  }

  /** Runs the command line and returns its exit code; never calls {@code System.exit}. */
  public static int run(String... args) {
    return commandLineFor(args).execute(args);
  }

  /** The configured command line with every subcommand, shared by {@link #main} and the tests. */
  public static CommandLine newCommandLine() {
    return configured(new CommandLine(new WinfleetCommand.AllCommands()));
  }

  /**
   * The configured command line for these arguments. When the first one names a subcommand, the
   * tree holds {@code winfleet} and that subcommand only: picocli builds the model of every command
   * it is given by reflection, which for all of them was about a sixth of a second of a short run
   * such as a {@code check} of one file (docs/decisions/0021-check-performance.md). Everything else
   * ({@code --help}, {@code help}, {@code completion}, no arguments, a mistyped name) gets {@link
   * #newCommandLine()}.
   */
  public static CommandLine commandLineFor(String... args) {
    if (args.length == 0) {
      return newCommandLine();
    }
    for (Class<?> type :
        WinfleetCommand.AllCommands.class.getAnnotation(Command.class).subcommands()) {
      Command command = type.getAnnotation(Command.class);
      if (command.name().equals(args[0]) || Arrays.asList(command.aliases()).contains(args[0])) {
        if (NEED_ALL_COMMANDS.contains(type)) {
          break;
        }
        CommandLine root = new CommandLine(new WinfleetCommand());
        root.addSubcommand(command.name(), new CommandLine(type));
        return configured(root);
      }
    }
    return newCommandLine();
  }

  private static CommandLine configured(CommandLine cli) {
    cli.setExecutionExceptionHandler(new ErrorReporter());
    cli.setParameterExceptionHandler(ErrorReporter::usageError);
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setUsageHelpAutoWidth(true);
    return cli;
  }
}
