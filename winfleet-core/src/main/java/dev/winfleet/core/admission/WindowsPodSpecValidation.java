package dev.winfleet.core.admission;

import dev.winfleet.core.rules.WindowsOsValidation;
import java.util.List;
import java.util.Map;

/**
 * Whether the webhook may add {@code os.name: windows} to a pod: not when the pod sets a field the
 * API server forbids in a Windows pod ({@link WindowsOsValidation}, where the source is), since the
 * API server would then reject the object ("cannot be set for a windows pod").
 */
public final class WindowsPodSpecValidation {

  private WindowsPodSpecValidation() {}

  /**
   * The paths (relative to the pod spec, e.g. {@code securityContext.runAsUser}, {@code
   * containers[0].securityContext.privileged}) of the fields that make the API server reject this
   * spec as a Windows pod. Empty when {@code os.name: windows} may be added.
   */
  public static List<String> forbiddenFields(Map<String, Object> spec) {
    return WindowsOsValidation.forbidden(spec).stream()
        .map(WindowsOsValidation.Field::path)
        .toList();
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
