package dev.winfleet.core.planning;

import dev.winfleet.core.fleet.Quantities;
import dev.winfleet.core.manifest.ManifestObject;
import dev.winfleet.core.manifest.ObjectRef;
import dev.winfleet.core.manifest.PodTemplate;
import dev.winfleet.core.manifest.Values;
import dev.winfleet.core.placement.SchedulingConstraints;
import dev.winfleet.core.placement.SchedulingFacts;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One workload as the upgrade planner sees it: where its pods may go, what they run, how many there
 * are and what each asks for.
 *
 * @param file the file it came from ({@code -} for standard input); null when none
 * @param constraints the pod's own scheduling constraints (a DaemonSet's controller tolerations
 *     included); the RuntimeClass is merged in by the planner, which knows the fleet
 * @param podLabels the labels of its pods (what PodDisruptionBudgets select)
 * @param replicas the pods it wants: {@code spec.replicas} (default 1), a Job's parallelism, 1 for
 *     a Pod; for a DaemonSet 0 (one pod per node it can run on)
 * @param cpuMillis the CPU each pod requests (limits where requests are missing), 0 when none
 * @param memoryBytes the memory each pod requests, 0 when none
 * @param images the distinct images of its containers and init containers, in order
 */
public record Workload(
    ObjectRef object,
    String file,
    SchedulingConstraints constraints,
    Map<String, String> podLabels,
    int replicas,
    boolean daemonSet,
    long cpuMillis,
    long memoryBytes,
    List<String> images) {

  public Workload {
    Objects.requireNonNull(object, "object");
    Objects.requireNonNull(constraints, "constraints");
    podLabels = Map.copyOf(podLabels);
    images = List.copyOf(images);
    if (replicas < 0 || cpuMillis < 0 || memoryBytes < 0) {
      throw new IllegalArgumentException(object + ": replicas and requests must be 0 or more");
    }
  }

  /** The namespace, or null when the manifest leaves it to the context. */
  public String namespace() {
    return object.namespace();
  }

  /**
   * The workload of a Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController,
   * Job or CronJob; empty for other kinds (and PodTemplates, which run nothing).
   */
  public static Optional<Workload> of(ManifestObject o) {
    if (o.kind().equals("PodTemplate")) {
      return Optional.empty();
    }
    Optional<PodTemplate> template = PodTemplate.of(o);
    if (template.isEmpty()) {
      return Optional.empty();
    }
    Map<String, Object> spec = template.get().spec();
    boolean daemonSet = o.kind().equals("DaemonSet");
    SchedulingConstraints constraints = SchedulingConstraints.fromPodSpec(spec);
    if (daemonSet) {
      constraints =
          constraints.withTolerations(
              SchedulingFacts.builtIn()
                  .daemonSetTolerations(Values.isTrue(spec.get("hostNetwork"))));
    }
    Map<String, String> labels =
        Values.stringMap(Values.get(o.at(template.get().metadataPath()), "labels"));
    long cpu = 0;
    long memory = 0;
    long initCpu = 0;
    long initMemory = 0;
    for (Object c : Values.list(spec.get("containers"))) {
      cpu += request(c, "cpu", true);
      memory += request(c, "memory", false);
    }
    for (Object c : Values.list(spec.get("initContainers"))) {
      initCpu = Math.max(initCpu, request(c, "cpu", true));
      initMemory = Math.max(initMemory, request(c, "memory", false));
    }
    return Optional.of(
        new Workload(
            o.ref(),
            o.source(),
            constraints,
            labels,
            daemonSet ? 0 : replicas(o),
            daemonSet,
            Math.max(cpu, initCpu),
            Math.max(memory, initMemory),
            template.get().images()));
  }

  /** A container's request for a resource; Kubernetes takes the limit when only that is set. */
  private static long request(Object container, String resource, boolean cpu) {
    String text = Values.getString(container, "resources", "requests", resource);
    if (text == null) {
      text = Values.getString(container, "resources", "limits", resource);
    }
    if (text == null) {
      return 0;
    }
    return Math.max(0, (cpu ? Quantities.cpuMillis(text) : Quantities.bytes(text)).orElse(0));
  }

  private static int replicas(ManifestObject o) {
    Object value =
        switch (o.kind()) {
          case "Pod" -> 1;
          case "Job" -> Values.get(o.tree(), "spec", "parallelism");
          case "CronJob" -> Values.get(o.tree(), "spec", "jobTemplate", "spec", "parallelism");
          default -> Values.get(o.tree(), "spec", "replicas");
        };
    if (value == null) {
      return 1;
    }
    try {
      return Math.max(0, Integer.parseInt(Values.string(value).trim()));
    } catch (NumberFormatException e) {
      return 1;
    }
  }
}
