package dev.winfleet.cli;

import dev.winfleet.core.image.InvalidImageReferenceException;
import dev.winfleet.core.planning.MissingImageLayersException;
import dev.winfleet.core.planning.PlanningException;
import dev.winfleet.core.planning.TargetWithoutRevisionException;
import dev.winfleet.core.version.InvalidOsVersionException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns exceptions from a command into one clear line on stderr and an exit code: the one place
 * where failures become advice. Stack traces only with {@code WINFLEET_DEBUG=1}.
 */
final class ErrorReporter implements IExecutionExceptionHandler {

  /**
   * A usage error as one line: what is wrong, the closest spelling when there is one, and where the
   * usage is; not the whole help.
   */
  static int usageError(CommandLine.ParameterException ex, String[] args) {
    CommandLine cmd = ex.getCommandLine();
    PrintWriter err = cmd.getErr();
    String suggestion = "";
    if (ex instanceof CommandLine.UnmatchedArgumentException unmatched) {
      java.util.List<String> candidates = unmatched.getSuggestions();
      if (!candidates.isEmpty()) {
        suggestion =
            "; did you mean "
                + String.join(" or ", candidates.stream().limit(3).map(c -> "'" + c + "'").toList())
                + "?";
      }
    }
    String message = ex.getMessage();
    if (message.endsWith(".")) {
      message = message.substring(0, message.length() - 1);
    }
    err.println(
        cmd.getColorScheme()
            .errorText(
                "winfleet: "
                    + message
                    + suggestion
                    + " ('"
                    + cmd.getCommandSpec().qualifiedName()
                    + " --help' shows the usage)"));
    err.flush();
    return ExitCodes.USAGE;
  }

  /**
   * A planner's refusal with what to do about it on the command line: the core names the problem
   * and its fields, never a flag.
   */
  static String advice(PlanningException e) {
    if (e instanceof MissingImageLayersException) {
      return e.getMessage()
          + ": --registry-lookup reads them, or save them with 'winfleet inspect --json --layers"
          + " REF... > images.json' and pass --images-file images.json";
    }
    if (e instanceof TargetWithoutRevisionException t) {
      return e.getMessage()
          + " ('winfleet releases --updates "
          + t.target().build()
          + "' lists them)";
    }
    return e.getMessage();
  }

  @Override
  public int handleExecutionException(
      Exception ex, CommandLine commandLine, ParseResult parseResult) {
    PrintWriter err = commandLine.getErr();
    if (ex instanceof UserException
        || ex instanceof InvalidOsVersionException
        || ex instanceof InvalidImageReferenceException
        || ex instanceof PlanningException) {
      String message =
          ex instanceof PlanningException planning ? advice(planning) : ex.getMessage();
      err.println(commandLine.getColorScheme().errorText("winfleet: " + message));
      err.flush();
      return ExitCodes.USAGE;
    }
    err.println(
        commandLine
            .getColorScheme()
            .errorText(
                "winfleet: internal error: "
                    + ex
                    + " (this is a bug; please report it with the command you ran;"
                    + " WINFLEET_DEBUG=1 shows the stack trace)"));
    if ("1".equals(System.getenv("WINFLEET_DEBUG"))) {
      ex.printStackTrace(err);
    }
    err.flush();
    return ExitCodes.INTERNAL;
  }
}
