package dev.winfleet.core.rules;

import java.util.ArrayList;
import java.util.List;

/** Every rule winfleet implements; their texts are in {@code rules.yaml}. */
final class BuiltInRules {

  private BuiltInRules() {}

  static List<Rule> all() {
    List<Rule> rules = new ArrayList<>();
    rules.addAll(PlacementRules.all());
    rules.addAll(SecurityRules.all());
    rules.addAll(StorageRules.all());
    rules.addAll(ContainerRules.all());
    rules.addAll(ObservabilityRules.all());
    return rules;
  }
}
