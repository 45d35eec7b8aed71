package dev.winfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.winfleet.core.testing.GoldenFiles;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * docs/cli.md must be exactly what the commands' picocli model generates. With {@code
 * -Dwinfleet.updateGoldens=true} the test rewrites the page instead of failing ({@link
 * GoldenFiles}).
 */
class CliReferenceTest {

  private static final Path PAGE = Path.of("..", "docs", "cli.md");

  @Test
  void referencePageMatchesTheCommands() {
    String expected = CliReference.markdown(Main.newCommandLine());
    assertThat(GoldenFiles.expected(PAGE, expected))
        .as("docs/cli.md is out of date; regenerate with " + CliReference.REGENERATE)
        .isEqualTo(expected);
  }

  @Test
  void pageHasASectionForEveryVisibleCommandAndOptionAndNoHiddenOne() {
    String page = CliReference.markdown(Main.newCommandLine());
    assertThat(page)
        .contains("\n## `winfleet plan upgrade`\n")
        .contains("| [`winfleet fleet export`](#winfleet-fleet-export) |")
        .contains("| `--fleet=FILE` |")
        .contains("| `-o, --output=FORMAT` | Output: text, json, yaml (default: text). |")
        .contains("| `--max-per-wave=N` | Drain at most N nodes together");
    // Hidden options (the planners' old --format, plan upgrade's --timing) stay out, as --help
    // leaves them out.
    assertThat(page)
        .doesNotContain("| `--format")
        .doesNotContain("Print on stderr how long reading");
    CommandLine root = Main.newCommandLine();
    visible(root, page);
  }

  private static void visible(CommandLine cmd, String page) {
    if (cmd.getCommandSpec().usageMessage().hidden()) {
      assertThat(page).doesNotContain("## `" + cmd.getCommandSpec().qualifiedName(" ") + "`");
      return;
    }
    assertThat(page).contains("## `" + cmd.getCommandSpec().qualifiedName(" ") + "`\n");
    cmd.getSubcommands().values().stream()
        .filter(c -> !c.getCommandName().equals("help"))
        .forEach(c -> visible(c, page));
  }
}
