package dev.winfleet.core.rules;

import dev.winfleet.core.manifest.Values;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The fields the Kubernetes API server forbids in a pod that declares {@code spec.os.name:
 * windows}: a pod (or a workload whose pod template) sets one of them is rejected ("cannot be set
 * for a windows pod"). Used by the rule {@code windows-os-forbidden-field} and by the webhook,
 * which must not add {@code os.name: windows} to such a pod.
 *
 * <p>Source: {@code validateWindows} in kubernetes/kubernetes {@code
 * pkg/apis/core/validation/validation.go} (read at commit
 * 000f26050b9be6fb3d79fae95e06b47fc96128cd), which {@code ValidatePodSpec} runs when {@code
 * spec.os.name} is {@code windows}. The internal type keeps {@code hostUsers}, {@code hostPID},
 * {@code hostIPC} and {@code shareProcessNamespace} in the pod security context; in the v1 API they
 * are fields of the pod spec. Pointer fields are forbidden when set at all (even {@code privileged:
 * false}); {@code hostPID} and {@code hostIPC} only when true; {@code sysctls} when not empty.
 * Container rules apply to containers, init containers and ephemeral containers ({@code
 * VisitContainersWithPath}). {@code runAsNonRoot} and {@code windowsOptions} are allowed. The
 * PodSpec {@code os} field documents the same list:
 * https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#PodSpec
 */
public final class WindowsOsValidation {

  /** Pod security context fields forbidden when set (non-null). */
  private static final List<String> POD_SECURITY_CONTEXT =
      List.of(
          "appArmorProfile",
          "seLinuxOptions",
          "seccompProfile",
          "fsGroup",
          "fsGroupChangePolicy",
          "runAsUser",
          "runAsGroup",
          "supplementalGroups",
          "supplementalGroupsPolicy",
          "seLinuxChangePolicy");

  /** Container security context fields forbidden when set (non-null). */
  private static final List<String> CONTAINER_SECURITY_CONTEXT =
      List.of(
          "appArmorProfile",
          "seLinuxOptions",
          "seccompProfile",
          "capabilities",
          "readOnlyRootFilesystem",
          "privileged",
          "allowPrivilegeEscalation",
          "procMount",
          "runAsUser",
          "runAsGroup");

  private WindowsOsValidation() {}

  /**
   * One forbidden field.
   *
   * @param containers the container list it is in ({@code containers}, {@code initContainers},
   *     {@code ephemeralContainers}), or null for a field of the pod spec itself
   * @param index the container's index in that list; -1 for a field of the pod spec
   * @param keys the field's keys from the pod spec or from the container ({@code securityContext},
   *     {@code runAsUser})
   */
  public record Field(String containers, int index, List<String> keys) {

    /** The field's own name ({@code runAsUser}). */
    public String name() {
      return keys.get(keys.size() - 1);
    }

    /**
     * Its path relative to the pod spec: {@code securityContext.runAsUser}, {@code
     * containers[0].securityContext.privileged}.
     */
    public String path() {
      String own = String.join(".", keys);
      return containers == null ? own : containers + "[" + index + "]." + own;
    }
  }

  /**
   * The fields that make the API server reject this spec as a Windows pod, pod-level first, then
   * init, regular and ephemeral containers. Empty when {@code os.name: windows} may be set.
   */
  public static List<Field> forbidden(Map<String, Object> spec) {
    List<Field> out = new ArrayList<>();
    Map<String, Object> psc = Values.map(spec.get("securityContext"));
    for (String field : POD_SECURITY_CONTEXT) {
      if (psc.get(field) != null) {
        out.add(new Field(null, -1, List.of("securityContext", field)));
      }
    }
    if (!Values.list(psc.get("sysctls")).isEmpty()) {
      out.add(new Field(null, -1, List.of("securityContext", "sysctls")));
    }
    for (String field : List.of("hostUsers", "shareProcessNamespace")) {
      if (spec.get(field) != null) {
        out.add(new Field(null, -1, List.of(field)));
      }
    }
    for (String flag : List.of("hostPID", "hostIPC")) {
      if (Boolean.TRUE.equals(spec.get(flag))) {
        out.add(new Field(null, -1, List.of(flag)));
      }
    }
    for (String kind : List.of("initContainers", "containers", "ephemeralContainers")) {
      List<Object> containers = Values.list(spec.get(kind));
      for (int i = 0; i < containers.size(); i++) {
        Map<String, Object> sc = Values.map(Values.map(containers.get(i)).get("securityContext"));
        for (String field : CONTAINER_SECURITY_CONTEXT) {
          if (sc.get(field) != null) {
            out.add(new Field(kind, i, List.of("securityContext", field)));
          }
        }
      }
    }
    return List.copyOf(out);
  }
}
