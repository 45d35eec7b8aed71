package dev.winfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * The {@code --help} of every command at 80 and 120 columns, against golden files under
 * src/test/resources/help. With {@code -Dwinfleet.updateGoldens=true} the test rewrites them
 * (review the diff) instead of failing.
 */
class HelpGoldenTest {

  private static final Path DIR = Path.of("src", "test", "resources", "help");

  static Stream<Arguments> commands() {
    List<Arguments> out = new ArrayList<>();
    collect(Main.newCommandLine(), out);
    return out.stream();
  }

  private static void collect(CommandLine cmd, List<Arguments> out) {
    if (cmd.getCommandSpec().usageMessage().hidden()) {
      return;
    }
    for (int width : new int[] {80, 120}) {
      out.add(Arguments.of(cmd.getCommandSpec().qualifiedName(" "), width));
    }
    cmd.getSubcommands().values().stream()
        .distinct()
        .filter(c -> !c.getCommandName().equals("help"))
        .forEach(c -> collect(c, out));
  }

  private static CommandLine find(String qualified) {
    CommandLine cmd = Main.newCommandLine();
    String[] names = qualified.split(" ");
    for (int i = 1; i < names.length; i++) {
      cmd = cmd.getSubcommands().get(names[i]);
    }
    return cmd;
  }

  @ParameterizedTest(name = "{0} at {1} columns")
  @MethodSource("commands")
  void helpMatchesItsGoldenFile(String command, int width) throws IOException {
    CommandLine cmd = find(command);
    cmd.setUsageHelpAutoWidth(false);
    cmd.setUsageHelpWidth(width);
    String help = cmd.getUsageMessage(CommandLine.Help.Ansi.OFF);
    for (String line : help.split("\n")) {
      assertThat(line.length()).as(command + ": " + line).isLessThanOrEqualTo(width);
    }
    Path file = DIR.resolve(command.replace(' ', '-') + "." + width + ".txt");
    if (dev.winfleet.core.testing.GoldenFiles.updating()) {
      Files.createDirectories(DIR);
      Files.writeString(file, help, StandardCharsets.UTF_8);
    }
    assertThat(file).as("regenerate with -Dwinfleet.updateGoldens=true").exists();
    assertThat(help).isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
  }
}
