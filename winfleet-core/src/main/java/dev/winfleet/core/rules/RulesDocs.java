package dev.winfleet.core.rules;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes {@code docs/rules.md} from the rule metadata, so the page and {@code rules.yaml} cannot
 * drift apart (a test compares them). Pure: returns the text; the test writes the file when asked.
 */
public final class RulesDocs {

  /** How to regenerate the page; printed in its header. */
  public static final String REGENERATE =
      "./mvnw -q -pl winfleet-core test -Dtest=RulesDocsTest -Dwinfleet.updateGoldens=true";

  private RulesDocs() {}

  public static String markdown(RuleCatalog catalog) {
    StringBuilder sb = new StringBuilder();
    sb.append(
            "<!-- Generated from winfleet-core/src/main/resources/dev/winfleet/core/rules/rules.yaml")
        .append(
            " by dev.winfleet.core.rules.RulesDocs. Do not edit by hand: change rules.yaml, then")
        .append(" run\n     ")
        .append(REGENERATE)
        .append("\n     RulesDocsTest fails while this file and the metadata differ. -->\n\n");
    sb.append("# winfleet rules\n\n");
    sb.append(
        "What winfleet finds in Kubernetes manifests for mixed Linux/Windows clusters, on the"
            + " command line and in the admission webhook. Each rule can be switched off by its id,"
            + " or for one object with the annotation `winfleet.dev/ignore: \"rule-a,rule-b\"`."
            + " Rules marked *needs fleet* run only when winfleet knows the cluster's nodes. The"
            + " rules of category *cluster* judge a whole cluster's readiness for Windows nodes"
            + " (see docs/cluster.md). The commands and options that select rules and give"
            + " winfleet the cluster's nodes are in the [CLI reference](cli.md); the `rules`"
            + " command prints the same metadata.\n\n");
    List<RuleMetadata> rules = catalog.rules();
    sb.append("| Rule | Severity | Category | Needs fleet | Kubernetes | Summary |\n");
    sb.append("|---|---|---|---|---|---|\n");
    for (RuleMetadata r : rules) {
      sb.append("| [`")
          .append(r.id())
          .append("`](#")
          .append(r.id())
          .append(") | ")
          .append(r.severity().label())
          .append(" | ")
          .append(r.category())
          .append(" | ")
          .append(r.needsFleet() ? "yes" : "no")
          .append(" | ")
          .append(r.kubernetes().describe())
          .append(" | ")
          .append(cell(r.summary()))
          .append(" |\n");
    }
    sb.append('\n');
    Map<String, String> categories = new LinkedHashMap<>();
    for (RuleMetadata r : rules) {
      categories.putIfAbsent(r.category(), r.category());
    }
    for (String category : categories.keySet()) {
      sb.append("## ")
          .append(Character.toUpperCase(category.charAt(0)))
          .append(category.substring(1))
          .append("\n\n");
      for (RuleMetadata r : rules) {
        if (!r.category().equals(category)) {
          continue;
        }
        sb.append("### ").append(r.id()).append("\n\n");
        sb.append("**")
            .append(r.severity().label())
            .append("**")
            .append(r.needsFleet() ? " · needs a fleet" : "")
            .append(" · Kubernetes: ")
            .append(r.kubernetes().describe())
            .append("\n\n");
        sb.append(r.summary()).append("\n\n");
        sb.append(r.rationale()).append("\n\n");
        sb.append("- Message: ").append(code(r.message())).append('\n');
        sb.append("- Fix: ").append(code(r.fix())).append('\n');
        if (!r.params().isEmpty()) {
          r.params()
              .forEach(
                  (k, v) ->
                      sb.append("- ")
                          .append(k)
                          .append(": ")
                          .append(code(String.join(", ", v)))
                          .append('\n'));
        }
        sb.append("- Sources:\n");
        for (String d : r.docs()) {
          sb.append("  - <").append(d).append(">\n");
        }
        sb.append('\n');
      }
    }
    return sb.toString();
  }

  private static String cell(String s) {
    return s.replace("|", "\\|");
  }

  private static String code(String s) {
    return s.contains("`") ? "``" + s + "``" : "`" + s + "`";
  }
}
