package dev.winfleet.server.api;

import java.util.List;

/**
 * What a policy decides for {@code /mutate}: the JSON Patch to apply (empty for none) and the
 * warnings to show the user ({@code kubectl} prints them). A mutating webhook never denies; a
 * policy that wants to deny does so in {@link AdmissionPolicy#validate}.
 *
 * @param patch applied to {@code request.object} in order; empty for no change
 * @param warnings shown to the user, one short line each
 * @param findingRules the rule id of each finding behind this decision, one entry per finding
 *     (repeats allowed), counted in the metrics
 */
public record MutationDecision(
    List<JsonPatch.Operation> patch, List<String> warnings, List<String> findingRules) {

  private static final MutationDecision NONE =
      new MutationDecision(List.of(), List.of(), List.of());

  public MutationDecision {
    patch = List.copyOf(patch);
    warnings = List.copyOf(warnings);
    findingRules = List.copyOf(findingRules);
  }

  /** No change, nothing to say. */
  public static MutationDecision none() {
    return NONE;
  }

  public static MutationDecision patch(List<JsonPatch.Operation> patch) {
    return new MutationDecision(patch, List.of(), List.of());
  }

  /** No change, with warnings (e.g. "unknown image OS: left as it is"). */
  public static MutationDecision warn(List<String> warnings) {
    return new MutationDecision(List.of(), warnings, List.of());
  }

  public MutationDecision withWarnings(List<String> more) {
    return new MutationDecision(patch, concat(warnings, more), findingRules);
  }

  public MutationDecision withFindingRules(List<String> rules) {
    return new MutationDecision(patch, warnings, concat(findingRules, rules));
  }

  public boolean hasPatch() {
    return !patch.isEmpty();
  }

  static List<String> concat(List<String> a, List<String> b) {
    if (b.isEmpty()) {
      return a;
    }
    return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
  }
}
