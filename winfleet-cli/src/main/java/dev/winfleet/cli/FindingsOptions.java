package dev.winfleet.cli;

import dev.winfleet.core.rules.RuleCatalog;
import dev.winfleet.core.rules.RuleSelection;
import dev.winfleet.core.rules.Severity;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Option;

/**
 * The options every command that reports findings shares ({@code -o}, {@code --fail-on}, {@code
 * --disable}, {@code --enable-only}), and the one way they print and decide the exit code. Used as
 * a picocli mixin by {@code check} and {@code cluster check}.
 */
final class FindingsOptions {

  enum Format {
    text,
    json,
    yaml,
    sarif,
    /** wgpolicyk8s.io/v1alpha2 PolicyReports, as the audit controller of 'serve' writes them. */
    policyreport
  }

  enum FailOn {
    error,
    warning,
    never
  }

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      description =
          "Output: ${COMPLETION-CANDIDATES} (default: text). policyreport writes"
              + " wgpolicyk8s.io/v1alpha2 PolicyReports (one per namespace) and a"
              + " ClusterPolicyReport as YAML, the same reports 'serve' writes in a cluster.")
  Format format;

  /** The old spelling, kept for scripts. */
  @Option(names = "--format", hidden = true, paramLabel = "FORMAT")
  void legacyFormat(Format f) {
    format = f;
  }

  @Option(
      names = "--fail-on",
      paramLabel = "LEVEL",
      defaultValue = "error",
      description =
          "Exit 1 when there are findings at this level or above: ${COMPLETION-CANDIDATES}"
              + " (default: ${DEFAULT-VALUE}).")
  FailOn failOn;

  @Option(
      names = "--disable",
      paramLabel = "RULE",
      split = ",",
      description = "Do not run this rule (repeatable, or comma-separated).")
  List<String> disable = new ArrayList<>();

  @Option(
      names = "--enable-only",
      paramLabel = "RULE",
      split = ",",
      description = "Run only these rules (comma-separated).")
  List<String> enableOnly = new ArrayList<>();

  /** The rule selection; unknown ids are usage errors. */
  RuleSelection selection(RuleCatalog catalog) {
    Set<String> off = clean(disable);
    Set<String> only = clean(enableOnly);
    Set<String> all = new LinkedHashSet<>(off);
    all.addAll(only);
    for (String id : all) {
      if (!catalog.contains(id)) {
        throw new UserException(
            "unknown rule '"
                + id
                + "'"
                + Suggestions.didYouMean(id, catalog.rules().stream().map(r -> r.id()).toList())
                + "; 'winfleet rules' lists the rule ids");
      }
    }
    return new RuleSelection(off, only);
  }

  /** Prints the result in the chosen format and returns the exit code. */
  int report(PrintWriter out, CheckRun.Result result, RuleCatalog catalog, List<String> notes) {
    switch (format == null ? Format.text : format) {
      case json -> Json.print(out, FindingsPrinter.json(result));
      case yaml -> Json.printYaml(out, FindingsPrinter.json(result));
      case sarif ->
          Json.print(out, FindingsPrinter.sarif(result, catalog, VersionProvider.version()));
      case text -> FindingsPrinter.text(out, result, Ansi.AUTO, notes);
      case policyreport -> {
        out.print(PolicyReportOutput.yaml(result.findings(), catalog, Instant.now()));
        out.flush();
      }
    }
    Severity threshold =
        switch (failOn) {
          case error -> Severity.ERROR;
          case warning -> Severity.WARNING;
          case never -> null;
        };
    return CheckRun.failed(result.findings(), threshold) ? ExitCodes.FOUND : ExitCodes.OK;
  }

  private static Set<String> clean(List<String> ids) {
    Set<String> out = new LinkedHashSet<>();
    for (String id : ids) {
      if (id != null && !id.isBlank()) {
        out.add(id.trim());
      }
    }
    return out;
  }
}
