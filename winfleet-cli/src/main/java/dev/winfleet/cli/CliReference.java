package dev.winfleet.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Writes {@code docs/cli.md}, the command-line reference, from the picocli model of the commands
 * (their {@code @Command}, {@code @Option} and {@code @Parameters} annotations), so the page and
 * {@code --help} cannot drift apart (CliReferenceTest compares them). Pure: returns the text; the
 * test writes the file when asked. Hidden commands and options are left out, as {@code --help}
 * leaves them out.
 */
final class CliReference {

  /** How to regenerate the page; printed in its header. */
  static final String REGENERATE =
      "./mvnw -q -pl winfleet-cli -am test -Dtest=CliReferenceTest"
          + " -Dsurefire.failIfNoSpecifiedTests=false -Dwinfleet.updateGoldens=true";

  /** The width of the usage synopses. */
  private static final int WIDTH = 100;

  private CliReference() {}

  static String markdown(CommandLine root) {
    List<CommandLine> commands = new ArrayList<>();
    collect(root, commands);
    StringBuilder sb = new StringBuilder();
    sb.append(
            "<!-- Generated from the picocli model of winfleet's commands by"
                + " dev.winfleet.cli.CliReference.\n     Do not edit by hand: change the commands'"
                + " annotations, then run\n     ")
        .append(REGENERATE)
        .append("\n     CliReferenceTest fails while this file and the commands differ. -->\n\n");
    sb.append("# winfleet command-line reference\n\n");
    sb.append(
        "Every command with its options, as `--help` prints them. Exit codes are the same for"
            + " every command: `0` done and nothing at the failure threshold, `1` done and the"
            + " answer is no (a finding, an unsupported combination), `2` bad usage or unreadable"
            + " input, `3` an internal error.\n\n");
    sb.append("| Command | What it does |\n|---|---|\n");
    for (CommandLine c : commands) {
      String name = c.getCommandSpec().qualifiedName(" ");
      sb.append("| [`")
          .append(name)
          .append("`](#")
          .append(anchor(name))
          .append(") | ")
          .append(cell(firstSentence(c.getCommandSpec())))
          .append(" |\n");
    }
    for (CommandLine c : commands) {
      section(sb, c);
    }
    return sb.toString();
  }

  private static void collect(CommandLine cmd, List<CommandLine> out) {
    if (cmd.getCommandSpec().usageMessage().hidden()) {
      return;
    }
    out.add(cmd);
    cmd.getSubcommands().values().stream()
        .distinct()
        .filter(c -> !c.getCommandName().equals("help"))
        .forEach(c -> collect(c, out));
  }

  private static void section(StringBuilder sb, CommandLine cmd) {
    CommandSpec spec = cmd.getCommandSpec();
    String name = spec.qualifiedName(" ");
    sb.append("\n## `").append(name).append("`\n\n");
    for (String paragraph : paragraphs(spec.usageMessage().description())) {
      sb.append(paragraph).append("\n\n");
    }
    spec.usageMessage().width(WIDTH);
    spec.usageMessage().autoWidth(false);
    Help help = new Help(spec, Help.defaultColorScheme(Help.Ansi.OFF));
    sb.append("```text\n").append(help.synopsis(0).stripTrailing()).append("\n```\n");
    List<String[]> rows = new ArrayList<>();
    for (PositionalParamSpec p : spec.positionalParameters()) {
      if (!p.hidden()) {
        rows.add(new String[] {p.paramLabel(), description(p)});
      }
    }
    for (OptionSpec o : spec.options()) {
      if (!o.hidden()) {
        String names = String.join(", ", o.names());
        if (o.typeInfo().isBoolean() && o.arity().max() == 0) {
          rows.add(new String[] {names, description(o)});
        } else {
          rows.add(new String[] {names + "=" + o.paramLabel(), description(o)});
        }
      }
    }
    if (!rows.isEmpty()) {
      sb.append("\n| Option | Meaning |\n|---|---|\n");
      for (String[] r : rows) {
        sb.append("| `").append(r[0].replace("|", "\\|")).append("` | ");
        sb.append(cell(r[1])).append(" |\n");
      }
    }
    String[] footer = spec.usageMessage().footer();
    if (footer.length > 0) {
      String heading = format(spec.usageMessage().footerHeading()).strip();
      sb.append("\n");
      if (!heading.isEmpty()) {
        sb.append("```text\n").append(heading).append("\n");
      } else {
        sb.append("```text\n");
      }
      for (String line : footer) {
        sb.append(format(line).stripTrailing()).append("\n");
      }
      sb.append("```\n");
    }
    List<String> subcommands = new ArrayList<>();
    cmd.getSubcommands().values().stream()
        .distinct()
        .filter(c -> !c.getCommandName().equals("help"))
        .filter(c -> !c.getCommandSpec().usageMessage().hidden())
        .forEach(c -> subcommands.add(c.getCommandSpec().qualifiedName(" ")));
    if (!subcommands.isEmpty()) {
      sb.append("\nSubcommands: ");
      List<String> links = new ArrayList<>();
      for (String s : subcommands) {
        links.add("[`" + s + "`](#" + anchor(s) + ")");
      }
      sb.append(String.join(", ", links)).append(".\n");
    }
  }

  /** The description with picocli's variables replaced, as {@code --help} renders them. */
  private static String description(ArgSpec arg) {
    String text = String.join(" ", arg.description());
    String defaultValue = arg.defaultValueString();
    text = text.replace("${DEFAULT-VALUE}", defaultValue == null ? "" : defaultValue);
    if (arg.completionCandidates() != null) {
      List<String> candidates = new ArrayList<>();
      arg.completionCandidates().forEach(candidates::add);
      text = text.replace("${COMPLETION-CANDIDATES}", String.join(", ", candidates));
    }
    return format(text);
  }

  /** Picocli's descriptions are format strings: {@code %n} is a line break. */
  private static String format(String text) {
    return text.replace("%n", "\n").replace("%%", "%");
  }

  /** Description lines, split into paragraphs at the empty ones. */
  private static List<String> paragraphs(String[] description) {
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : description) {
      String text = format(line).strip();
      if (text.isEmpty()) {
        if (current.length() > 0) {
          out.add(current.toString());
          current.setLength(0);
        }
        continue;
      }
      if (current.length() > 0) {
        current.append(' ');
      }
      current.append(text);
    }
    if (current.length() > 0) {
      out.add(current.toString());
    }
    return out;
  }

  private static String firstSentence(CommandSpec spec) {
    List<String> p = paragraphs(spec.usageMessage().description());
    if (p.isEmpty()) {
      return "";
    }
    String first = p.get(0);
    int end = first.indexOf(": ");
    int stop = first.indexOf(". ");
    if (stop >= 0 && (end < 0 || stop < end)) {
      end = stop;
    }
    return end < 0 ? first : first.substring(0, end) + ".";
  }

  /** GitHub's anchor for a heading {@code `winfleet plan upgrade`}. */
  static String anchor(String heading) {
    return heading.toLowerCase(Locale.ROOT).replace(' ', '-');
  }

  private static String cell(String text) {
    return text.replace("|", "\\|")
        .replace("\n", "<br>")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("&lt;br&gt;", "<br>");
  }
}
