package dev.winfleet.cli;

import dev.winfleet.core.rules.RuleCatalog;
import dev.winfleet.core.rules.RuleMetadata;
import dev.winfleet.core.rules.RulesEngine;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code winfleet rules}: the rule catalog. */
@Command(
    name = "rules",
    mixinStandardHelpOptions = true,
    description = {
      "List the rules 'winfleet check' runs (and, category cluster, those 'winfleet cluster"
          + " check' runs): id, severity, category, whether it needs a fleet, and what it finds."
          + " Use the ids with --disable, --enable-only and the winfleet.dev/ignore annotation.",
      ""
    },
    footerHeading = "%nExit codes:%n",
    footer = {
      "  0  listed",
      "  2  unknown rule",
      "",
      "Examples:",
      "  winfleet rules",
      "  winfleet rules no-compatible-node",
      "  winfleet rules -o yaml"
    })
final class RulesCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin OutputOptions output;

  @Parameters(
      arity = "0..1",
      paramLabel = "RULE",
      description = "Explain this rule: what it finds, why, and the fix.")
  String id;

  @Override
  public Integer call() {
    RuleCatalog catalog = RulesEngine.builtIn().catalog();
    List<RuleMetadata> rules = catalog.rules();
    PrintWriter out = spec.commandLine().getOut();
    if (id != null) {
      RuleMetadata r =
          catalog
              .rule(id.trim())
              .orElseThrow(
                  () ->
                      new UserException(
                          "unknown rule '"
                              + id
                              + "'"
                              + Suggestions.didYouMean(
                                  id.trim(), rules.stream().map(RuleMetadata::id).toList())
                              + "; 'winfleet rules' lists the rule ids"));
      if (output.structured()) {
        output.print(out, toJson(r));
      } else {
        explain(out, r);
      }
      return ExitCodes.OK;
    }
    if (output.structured()) {
      output.print(out, Map.of("rules", rules.stream().map(RulesCommand::toJson).toList()));
      return ExitCodes.OK;
    }
    TextTable table = new TextTable("ID", "SEVERITY", "CATEGORY", "FLEET", "KUBERNETES", "SUMMARY");
    for (RuleMetadata r : rules) {
      table.row(
          r.id(),
          r.severity().label(),
          r.category(),
          r.needsFleet() ? "needed" : "-",
          r.kubernetes().isAlways() ? "all" : r.kubernetes().describe(),
          r.summary());
    }
    table.print(out);
    out.println();
    out.println(rules.size() + " rules. Details: winfleet rules -o yaml, or docs/rules.md.");
    out.flush();
    return ExitCodes.OK;
  }

  private static void explain(PrintWriter out, RuleMetadata r) {
    out.println(r.id() + " (" + r.severity().label() + ", " + r.category() + ")");
    out.println();
    out.println(r.summary());
    out.println();
    out.println("Why: " + r.rationale());
    out.println("Fix: " + r.fix());
    out.println(
        "Kubernetes: "
            + (r.kubernetes().isAlways() ? "all versions" : r.kubernetes().describe())
            + (r.needsFleet() ? "; needs a fleet (--fleet or --kubeconfig)" : ""));
    for (Object doc : r.docs()) {
      out.println("Docs: " + doc);
    }
    out.println(
        "Silence it: --disable " + r.id() + ", or the annotation winfleet.dev/ignore: " + r.id());
    out.flush();
  }

  static Map<String, Object> toJson(RuleMetadata r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", r.id());
    m.put("severity", r.severity().label());
    m.put("category", r.category());
    m.put("needsFleet", r.needsFleet());
    m.put("summary", r.summary());
    m.put("rationale", r.rationale());
    m.put("message", r.message());
    m.put("fix", r.fix());
    Map<String, Object> k = new LinkedHashMap<>();
    k.put("from", r.kubernetes().from() == null ? null : r.kubernetes().from().toString());
    k.put("until", r.kubernetes().until() == null ? null : r.kubernetes().until().toString());
    k.put("liftedBy", r.kubernetes().liftedBy());
    m.put("kubernetes", k);
    m.put("params", r.params());
    m.put("docs", r.docs());
    return m;
  }
}
