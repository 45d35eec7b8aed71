package dev.winfleet.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code winfleet completion bash|zsh}: the shell completion script, made by picocli. */
@Command(
    name = "completion",
    mixinStandardHelpOptions = true,
    description = {
      "Print the shell completion script for winfleet's commands, options and option values"
          + " (picocli's AutoComplete; the script works in bash and in zsh with bashcompinit).",
      ""
    },
    footerHeading = "%nExit codes:%n",
    footer = {
      "  0  script printed",
      "  2  bad usage",
      "",
      "Examples:",
      "  source <(winfleet completion bash)",
      "  winfleet completion zsh > \"${fpath[1]}/_winfleet\""
    })
final class CompletionCommand implements Callable<Integer> {

  enum Shell {
    bash,
    zsh
  }

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "SHELL", description = "${COMPLETION-CANDIDATES}")
  Shell shell;

  @Override
  public Integer call() {
    String script = AutoComplete.bash("winfleet", spec.root().commandLine());
    PrintWriter out = spec.commandLine().getOut();
    if (shell == Shell.zsh) {
      // The script loads zsh's bashcompinit itself.
      out.println("#compdef winfleet");
    }
    out.print(script);
    out.flush();
    return ExitCodes.OK;
  }
}
