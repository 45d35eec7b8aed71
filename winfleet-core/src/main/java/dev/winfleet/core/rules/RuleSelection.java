package dev.winfleet.core.rules;

import java.util.Set;

/** Which rules run: all but {@code disabled}, or only {@code enableOnly} when it is not empty. */
public record RuleSelection(Set<String> disabled, Set<String> enableOnly) {

  public static final RuleSelection ALL = new RuleSelection(Set.of(), Set.of());

  public RuleSelection {
    disabled = Set.copyOf(disabled);
    enableOnly = Set.copyOf(enableOnly);
  }

  public boolean enabled(String ruleId) {
    return !disabled.contains(ruleId) && (enableOnly.isEmpty() || enableOnly.contains(ruleId));
  }
}
