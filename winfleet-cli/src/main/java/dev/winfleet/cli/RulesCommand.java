package dev.winfleet.cli;

import dev.winfleet.core.rules.RuleMetadata;
import dev.winfleet.core.rules.RulesEngine;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
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
    footer = {"  0  listed", "", "Examples:", "  winfleet rules", "  winfleet rules --json"})
final class RulesCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--json", description = "Print the full metadata as JSON.")
  boolean json;

  @Override
  public Integer call() {
    List<RuleMetadata> rules = RulesEngine.builtIn().catalog().rules();
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      Json.print(out, Map.of("rules", rules.stream().map(RulesCommand::toJson).toList()));
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
    out.println(rules.size() + " rules. Details: winfleet rules --json, or docs/rules.md.");
    out.flush();
    return ExitCodes.OK;
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
