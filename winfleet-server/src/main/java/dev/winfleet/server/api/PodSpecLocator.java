package dev.winfleet.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Optional;

/**
 * Where the pod spec lives in the objects winfleet admits: a Pod's own {@code spec}, the pod
 * template of the workload kinds, and a CronJob's job template. Kinds are matched by group and
 * kind, any version ({@code batch/v1beta1} CronJobs included).
 */
public final class PodSpecLocator {

  /** Pointer of the pod spec inside a pod template's owner ({@code spec.template.spec}). */
  public static final String TEMPLATE_POD_SPEC = "/spec/template/spec";

  private static final Map<String, String> POINTERS =
      Map.of(
          "/Pod", "/spec",
          "/ReplicationController", TEMPLATE_POD_SPEC,
          "apps/Deployment", TEMPLATE_POD_SPEC,
          "apps/StatefulSet", TEMPLATE_POD_SPEC,
          "apps/DaemonSet", TEMPLATE_POD_SPEC,
          "apps/ReplicaSet", TEMPLATE_POD_SPEC,
          "batch/Job", TEMPLATE_POD_SPEC,
          "batch/CronJob", "/spec/jobTemplate/spec/template/spec");

  private PodSpecLocator() {}

  /** The JSON pointer of the pod spec in objects of this kind, or empty when it has none. */
  public static Optional<String> podSpecPointer(GroupVersionKind kind) {
    return Optional.ofNullable(POINTERS.get(kind.group() + "/" + kind.kind()));
  }

  /**
   * The pod spec inside {@code object}, or empty when the kind has none or the object does not hold
   * a JSON object at that place.
   */
  public static Optional<JsonNode> podSpec(GroupVersionKind kind, JsonNode object) {
    if (object == null) {
      return Optional.empty();
    }
    return podSpecPointer(kind).map(object::at).filter(JsonNode::isObject);
  }

  /** True when winfleet knows where the pod spec of this kind is. */
  public static boolean hasPodSpec(GroupVersionKind kind) {
    return POINTERS.containsKey(kind.group() + "/" + kind.kind());
  }
}
