package dev.winfleet.core.rules;

import dev.winfleet.core.manifest.FieldPath;
import java.util.Map;

/** Where a rule puts what it finds; the engine turns it into a {@link Finding}. */
@FunctionalInterface
public interface Reporter {

  /**
   * Reports one finding.
   *
   * @param path the offending field
   * @param container the container concerned, or null for the pod
   * @param values the values of the rule's message and fix placeholders
   */
  void report(FieldPath path, ContainerInfo container, Map<String, String> values);
}
