package dev.winfleet.core.fleet;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A RuntimeClass: the runtime handler, and the scheduling it adds to every pod that names it.
 *
 * @param nodeSelector {@code scheduling.nodeSelector}, merged into the pod's
 * @param tolerations {@code scheduling.tolerations}, added to the pod's
 */
public record RuntimeClassSpec(
    String name, String handler, Map<String, String> nodeSelector, List<Toleration> tolerations) {

  public RuntimeClassSpec {
    Objects.requireNonNull(name, "name");
    handler = handler == null ? "" : handler;
    // Sorted, so that everything printed from it reads the same in every run.
    nodeSelector =
        java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(nodeSelector));
    tolerations = List.copyOf(tolerations);
  }
}
