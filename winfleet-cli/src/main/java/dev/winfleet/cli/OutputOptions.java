package dev.winfleet.cli;

import java.io.PrintWriter;
import picocli.CommandLine.Option;

/**
 * {@code -o/--output text|json|yaml}, kubectl's spelling, for every command that prints a result
 * without findings ({@code releases}, {@code compat}, {@code inspect}, {@code rules}) and the
 * planners; the old {@code --json} and the planners' {@code --format} stay as hidden aliases. A
 * picocli mixin: one line per command.
 */
final class OutputOptions {

  enum Output {
    text,
    json,
    yaml
  }

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      description = "Output: ${COMPLETION-CANDIDATES} (default: text).")
  Output output;

  /** The planners' old spelling, kept for scripts. */
  @Option(names = "--format", hidden = true, paramLabel = "FORMAT")
  void legacyFormat(Output format) {
    output = format;
  }

  @Option(names = "--json", hidden = true, description = "Same as -o json.")
  void json(boolean on) {
    if (on) {
      output = Output.json;
    }
  }

  Output get() {
    return output == null ? Output.text : output;
  }

  /** True for json and yaml: the command prints its JSON tree through {@link #print}. */
  boolean structured() {
    return get() != Output.text;
  }

  /** Prints the command's JSON tree as JSON or YAML. */
  void print(PrintWriter out, Object tree) {
    if (get() == Output.yaml) {
      Json.printYaml(out, tree);
    } else {
      Json.print(out, tree);
    }
  }
}
