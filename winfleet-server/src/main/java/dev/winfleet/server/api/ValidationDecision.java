package dev.winfleet.server.api;

import java.util.List;
import java.util.Objects;

/**
 * What a policy decides for {@code /validate}.
 *
 * @param message why the object is denied and how to fix it; empty when allowed
 * @param warnings shown to the user whether allowed or not
 * @param findingRules the rule id of each finding behind this decision, one entry per finding,
 *     counted in the metrics
 */
public record ValidationDecision(
    boolean allowed, String message, List<String> warnings, List<String> findingRules) {

  private static final ValidationDecision ALLOW =
      new ValidationDecision(true, "", List.of(), List.of());

  public ValidationDecision {
    message = message == null ? "" : message;
    warnings = List.copyOf(warnings);
    findingRules = List.copyOf(findingRules);
    if (!allowed && message.isBlank()) {
      throw new IllegalArgumentException("a denial needs a message saying why and what to do");
    }
  }

  public static ValidationDecision allow() {
    return ALLOW;
  }

  public static ValidationDecision allow(List<String> warnings) {
    return new ValidationDecision(true, "", warnings, List.of());
  }

  public static ValidationDecision deny(String message) {
    Objects.requireNonNull(message, "message");
    return new ValidationDecision(false, message, List.of(), List.of());
  }

  public ValidationDecision withWarnings(List<String> more) {
    return new ValidationDecision(
        allowed, message, MutationDecision.concat(warnings, more), findingRules);
  }

  public ValidationDecision withFindingRules(List<String> rules) {
    return new ValidationDecision(
        allowed, message, warnings, MutationDecision.concat(findingRules, rules));
  }
}
