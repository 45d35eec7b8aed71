package dev.winfleet.core.cluster;

import dev.winfleet.core.manifest.FieldPath;
import dev.winfleet.core.manifest.ManifestObject;
import java.util.Map;

/** Where a cluster rule puts what it finds; the checker turns it into a finding. */
@FunctionalInterface
public interface ClusterReporter {

  /**
   * Reports one finding.
   *
   * @param object the offending object (its file and positions locate the finding)
   * @param path the offending field in it
   * @param container the container concerned, or null
   * @param values the values of the rule's placeholders
   */
  void report(ManifestObject object, FieldPath path, String container, Map<String, String> values);
}
