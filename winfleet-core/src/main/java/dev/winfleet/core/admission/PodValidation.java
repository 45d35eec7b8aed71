package dev.winfleet.core.admission;

import dev.winfleet.core.rules.Finding;
import java.util.List;

/**
 * What the webhook answers for a pod after the rules judged it.
 *
 * @param denials the findings that deny it; empty when it is allowed
 * @param warnings the other findings, returned as admission warnings
 * @param message why it is denied and how to fix it; empty when allowed
 * @param warningTexts one line per warning finding, for the AdmissionResponse
 */
public record PodValidation(
    List<Finding> denials, List<Finding> warnings, String message, List<String> warningTexts) {

  public PodValidation {
    denials = List.copyOf(denials);
    warnings = List.copyOf(warnings);
    message = message == null ? "" : message;
    warningTexts = List.copyOf(warningTexts);
  }

  public boolean allowed() {
    return denials.isEmpty();
  }

  /** The rule id of every finding, denials first. */
  public List<String> ruleIds() {
    return java.util.stream.Stream.concat(denials.stream(), warnings.stream())
        .map(Finding::rule)
        .toList();
  }
}
