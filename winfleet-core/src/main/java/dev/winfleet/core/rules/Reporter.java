package dev.winfleet.core.rules;

import dev.winfleet.core.image.Evidence;
import dev.winfleet.core.manifest.FieldPath;
import java.util.Map;

/**
 * Where a rule puts what it finds; the engine turns it into a {@link Finding}. A rule says what its
 * finding rests on; a finding on a guess or on nothing is turned into an info-level "cannot tell".
 */
public interface Reporter {

  /**
   * Reports one finding resting on {@code evidence}.
   *
   * @param evidence what the finding rests on; see {@link Finding#evidence()}
   */
  void report(
      FieldPath path, ContainerInfo container, Map<String, String> values, Evidence evidence);

  /**
   * Reports one finding at its rule's severity or {@code atMost}, whichever is lower: for a rule
   * that found what it reports but cannot know all that would make it as grave as its rule says (a
   * selector on node labels winfleet cannot see without the cluster's nodes).
   */
  void report(
      Severity atMost,
      FieldPath path,
      ContainerInfo container,
      Map<String, String> values,
      Evidence evidence);

  /**
   * Reports one finding.
   *
   * @param path the offending field
   * @param container the container concerned, or null for the pod
   * @param values the values of the rule's message and fix placeholders
   */
  default void report(FieldPath path, ContainerInfo container, Map<String, String> values) {
    report(path, container, values, null);
  }
}
