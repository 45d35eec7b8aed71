package dev.winfleet.core.admission;

import dev.winfleet.core.manifest.Values;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The fields the Kubernetes API server forbids in a pod that declares {@code spec.os.name:
 * windows}: adding {@code os.name} to a pod that sets one of them makes the API server reject the
 * object ("cannot be set for a windows pod"), so the webhook must not add it.
 *
 * <p>Source: {@code validateWindows} in kubernetes/kubernetes {@code
 * pkg/apis/core/validation/validation.go} (read at commit
 * 000f26050b9be6fb3d79fae95e06b47fc96128cd), which {@code ValidatePodSpec} runs when {@code
 * spec.os.name} is {@code windows}. The internal type keeps {@code hostUsers}, {@code hostPID},
 * {@code hostIPC} and {@code shareProcessNamespace} in the pod security context; in the v1 API they
 * are fields of the pod spec. Pointer fields are forbidden when set at all (even {@code privileged:
 * false}); {@code hostPID} and {@code hostIPC} only when true; {@code sysctls} when not empty.
 * Container rules apply to containers, init containers and ephemeral containers ({@code
 * VisitContainersWithPath}). {@code runAsNonRoot} and {@code windowsOptions} are allowed. See also
 * https://kubernetes.io/docs/concepts/windows/intro/#compatibility-v1-pod-spec-containers-securitycontext
 */
public final class WindowsPodSpecValidation {

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

  private WindowsPodSpecValidation() {}

  /**
   * The paths (relative to the pod spec, e.g. {@code securityContext.runAsUser}, {@code
   * containers[0].securityContext.privileged}) of the fields that make the API server reject this
   * spec as a Windows pod. Empty when {@code os.name: windows} may be added.
   */
  public static List<String> forbiddenFields(Map<String, Object> spec) {
    List<String> out = new ArrayList<>();
    Map<String, Object> psc = Values.map(spec.get("securityContext"));
    for (String field : POD_SECURITY_CONTEXT) {
      if (psc.get(field) != null) {
        out.add("securityContext." + field);
      }
    }
    if (!Values.list(psc.get("sysctls")).isEmpty()) {
      out.add("securityContext.sysctls");
    }
    if (spec.get("hostUsers") != null) {
      out.add("hostUsers");
    }
    if (spec.get("shareProcessNamespace") != null) {
      out.add("shareProcessNamespace");
    }
    for (String flag : List.of("hostPID", "hostIPC")) {
      if (Boolean.TRUE.equals(spec.get(flag))) {
        out.add(flag);
      }
    }
    for (String kind : List.of("initContainers", "containers", "ephemeralContainers")) {
      List<Object> containers = Values.list(spec.get(kind));
      for (int i = 0; i < containers.size(); i++) {
        Map<String, Object> sc = Values.map(Values.map(containers.get(i)).get("securityContext"));
        for (String field : CONTAINER_SECURITY_CONTEXT) {
          if (sc.get(field) != null) {
            out.add(kind + "[" + i + "].securityContext." + field);
          }
        }
      }
    }
    return List.copyOf(out);
  }

  /** The warning for a Windows pod that did not get {@code os.name} because of these fields. */
  static String osNameWithheld(List<String> forbidden) {
    int shown = Math.min(forbidden.size(), 5);
    String fields = String.join(", ", forbidden.subList(0, shown));
    if (forbidden.size() > shown) {
      fields += " and " + (forbidden.size() - shown) + " more";
    }
    return "winfleet placed this pod on Windows nodes but did not set spec.os.name: windows,"
        + " because the pod sets "
        + fields
        + ", which the API server rejects in a Windows pod (these Linux-only fields have no"
        + " effect on Windows); remove them, then set spec.os.name: windows";
  }
}
