package dev.winfleet.core.rules;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What winfleet knows about a rule, from {@code rules.yaml}: the texts people read, its severity,
 * and the Kubernetes versions it applies to.
 *
 * @param category {@code manifest}, {@code placement}, {@code security}, {@code storage}, {@code
 *     resources}, {@code images}
 * @param needsFleet the rule only runs when a fleet (nodes) is given
 * @param message the finding's message, with {@code {placeholders}} filled by the rule
 * @param fix the finding's fix, with {@code {placeholders}}
 * @param docs links to the sources the rule rests on
 * @param params rule data (lists of shells, handler names) kept out of the code
 */
public record RuleMetadata(
    String id,
    Severity severity,
    String category,
    boolean needsFleet,
    String summary,
    String rationale,
    String message,
    String fix,
    List<String> docs,
    KubernetesRange kubernetes,
    Map<String, List<String>> params) {

  public RuleMetadata {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(severity, "severity of " + id);
    Objects.requireNonNull(category, "category of " + id);
    Objects.requireNonNull(summary, "summary of " + id);
    Objects.requireNonNull(rationale, "rationale of " + id);
    Objects.requireNonNull(message, "message of " + id);
    Objects.requireNonNull(fix, "fix of " + id);
    docs = docs == null ? List.of() : List.copyOf(docs);
    kubernetes = kubernetes == null ? KubernetesRange.ALL : kubernetes;
    // Keep the data file's order: Map.copyOf iterates in a different order in every JVM, which
    // would make the generated docs/rules.md change from run to run.
    params =
        params == null
            ? Map.of()
            : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(params));
  }

  /**
   * Whether the rule judges a whole cluster ({@code winfleet cluster check}, category {@code
   * cluster}) rather than one object: {@code dev.winfleet.core.cluster} implements those.
   */
  public boolean isClusterRule() {
    return CLUSTER_CATEGORY.equals(category);
  }

  /** The category of the rules {@code winfleet cluster check} runs. */
  public static final String CLUSTER_CATEGORY = "cluster";

  /** A rule parameter list; empty when absent. */
  public List<String> param(String name) {
    return params.getOrDefault(name, List.of());
  }
}
