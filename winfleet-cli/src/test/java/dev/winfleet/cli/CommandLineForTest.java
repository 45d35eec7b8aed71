package dev.winfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * {@link Main#commandLineFor} builds only the named subcommand: that subcommand (and each of its
 * own subcommands) must read and behave as it does in the whole tree. Help text is picocli's
 * rendering of every option, parameter, default and description, so equal help at two widths, equal
 * version text and equal parse results stand for an equal model.
 */
class CommandLineForTest {

  static Stream<String> subcommands() {
    return Main.newCommandLine().getSubcommands().keySet().stream()
        .filter(n -> !n.equals("help") && !n.equals("completion"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("subcommands")
  void aSubcommandAloneReadsAsInTheWholeTree(String name) {
    CommandLine whole = Main.newCommandLine().getSubcommands().get(name);
    CommandLine alone = Main.commandLineFor(name, "--help");
    assertThat(alone.getSubcommands().keySet()).containsExactly(name);
    assertThat(help(alone.getSubcommands().get(name))).isEqualTo(help(whole));
    assertThat(alone.getSubcommands().get(name).getCommandSpec().version())
        .isEqualTo(whole.getCommandSpec().version());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"help", "completion", "--help", "-V", "chek", "Check"})
  void anythingButARunOfOneSubcommandGetsTheWholeTree(String first) {
    assertThat(Main.commandLineFor(first).getSubcommands().keySet())
        .isEqualTo(Main.newCommandLine().getSubcommands().keySet());
    assertThat(Main.commandLineFor().getSubcommands())
        .hasSameSizeAs(Main.newCommandLine().getSubcommands());
  }

  @Test
  void optionsParseAsInTheWholeTree() {
    String[] args = {"check", "a.yaml", "--fail-on", "WARNING", "-o", "json", "--enable-only", "x"};
    assertThat(parsed(Main.commandLineFor(args), args))
        .isEqualTo(parsed(Main.newCommandLine(), args));
  }

  private static List<String> parsed(CommandLine cli, String[] args) {
    List<String> out = new ArrayList<>();
    for (CommandLine.ParseResult r = cli.parseArgs(args); r != null; r = r.subcommand()) {
      out.add(r.commandSpec().qualifiedName());
      r.matchedOptions().forEach(o -> out.add(o.longestName() + "=" + o.getValue()));
      r.matchedPositionals().forEach(p -> out.add(p.paramLabel() + "=" + p.getValue()));
    }
    return out;
  }

  /** The usage help of a command and of all its subcommands, at 80 and 120 columns. */
  private static String help(CommandLine cmd) {
    StringBuilder out = new StringBuilder();
    for (int width : new int[] {80, 120}) {
      cmd.setUsageHelpAutoWidth(false);
      cmd.setUsageHelpWidth(width);
      out.append(cmd.getUsageMessage(CommandLine.Help.Ansi.OFF));
    }
    cmd.getSubcommands().values().stream().distinct().forEach(c -> out.append(help(c)));
    return out.toString();
  }
}
