package dev.winfleet.cli;

import picocli.CommandLine;

/** Entry point of the {@code winfleet} command. */
public final class Main {

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
    return newCommandLine().execute(args);
  }

  /** The configured command line, shared by {@link #main} and the tests. */
  public static CommandLine newCommandLine() {
    CommandLine cli = new CommandLine(new WinfleetCommand());
    cli.setExecutionExceptionHandler(new ErrorReporter());
    cli.setParameterExceptionHandler(ErrorReporter::usageError);
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setUsageHelpAutoWidth(true);
    return cli;
  }
}
