package dev.winfleet.core.manifest;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where an object keeps its pod: a Pod's own spec, or the pod template of a workload.
 *
 * @param specPath the pod spec ({@code /spec/template/spec} for a Deployment)
 * @param metadataPath the pod's metadata ({@code /spec/template/metadata}; {@code /metadata} for a
 *     Pod)
 */
public record PodTemplate(ManifestObject object, FieldPath specPath, FieldPath metadataPath) {

  private static final FieldPath TEMPLATE = FieldPath.of("spec", "template");
  private static final FieldPath CRON_TEMPLATE =
      FieldPath.of("spec", "jobTemplate", "spec", "template");

  /**
   * The pod of Pods, Deployments, StatefulSets, DaemonSets, ReplicaSets, ReplicationControllers,
   * Jobs, CronJobs and PodTemplates; empty for other kinds or when the spec is missing.
   */
  public static Optional<PodTemplate> of(ManifestObject object) {
    FieldPath base =
        switch (object.kind()) {
          case "Pod" -> FieldPath.root();
          case "Deployment",
                  "StatefulSet",
                  "DaemonSet",
                  "ReplicaSet",
                  "ReplicationController",
                  "Job" ->
              TEMPLATE;
          case "CronJob" -> CRON_TEMPLATE;
          case "PodTemplate" -> FieldPath.of("template");
          default -> null;
        };
    if (base == null) {
      return Optional.empty();
    }
    FieldPath spec = base.key("spec");
    if (!(object.at(spec) instanceof Map)) {
      return Optional.empty();
    }
    return Optional.of(new PodTemplate(object, spec, base.key("metadata")));
  }

  /** The pod spec tree. */
  public Map<String, Object> spec() {
    return Values.map(object.at(specPath));
  }

  /**
   * The images of its containers and init containers, trimmed, each once, in that order: the one
   * walk every front end uses (admission, audit, checker, planner, dashboard, cluster rules).
   */
  public List<String> images() {
    java.util.Set<String> out = new java.util.LinkedHashSet<>();
    for (String field : List.of("containers", "initContainers")) {
      for (Object c : Values.list(spec().get(field))) {
        String image = Values.string(Values.map(c).get("image"));
        if (image != null && !image.isBlank()) {
          out.add(image.trim());
        }
      }
    }
    return List.copyOf(out);
  }

  /** The pod's annotations (for a Pod, the object's). */
  public Map<String, String> annotations() {
    return Values.stringMap(Values.get(object.at(metadataPath), "annotations"));
  }
}
