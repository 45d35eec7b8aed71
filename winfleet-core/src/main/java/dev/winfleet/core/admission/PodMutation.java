package dev.winfleet.core.admission;

import dev.winfleet.core.fleet.Toleration;
import dev.winfleet.core.manifest.FieldPath;
import dev.winfleet.core.placement.NodeSelectorRequirement;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the webhook adds to a pod spec so that the pod lands only where it can run: a decision, not
 * a patch. Every part is an addition; nothing the user wrote is changed or removed. The server
 * writes it as a JSON Patch.
 *
 * @param outcome what was decided
 * @param specPath the pod spec in the object ({@code /spec/template/spec} for a Deployment)
 * @param nodeSelector entries to add to {@code nodeSelector} (absent from it today)
 * @param buildRequirement {@code node.kubernetes.io/windows-build In [...]} to add to every
 *     required node affinity term (or as the only term), or null
 * @param osName the {@code os.name} to set, or null to leave it
 * @param tolerations tolerations to append
 * @param warnings for the user, one line each
 */
public record PodMutation(
    Outcome outcome,
    FieldPath specPath,
    Map<String, String> nodeSelector,
    NodeSelectorRequirement buildRequirement,
    String osName,
    List<Toleration> tolerations,
    List<String> warnings) {

  /** What the planner decided for a pod. */
  public enum Outcome {
    /** Constrained to the Windows nodes whose builds run all its images. */
    WINDOWS,
    /** Constrained to Windows nodes; the images' build is unknown, so not to a build. */
    WINDOWS_ANY_BUILD,
    /** Constrained to Linux nodes. */
    LINUX,
    /** Already constrained as winfleet would (a mutated object, or the user did it). */
    ALREADY_PLACED,
    /** The user chose the placement (build, affinity, RuntimeClass, OS); validation judges it. */
    USER_CHOICE,
    /** An image's OS is unknown; admitted as it is, with a warning. */
    IMAGE_UNKNOWN,
    /** Nothing to decide (no pod, no images, mixed OS, no fitting node, switched off). */
    NOTHING
  }

  public PodMutation {
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(specPath, "specPath");
    nodeSelector =
        java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(nodeSelector));
    tolerations = List.copyOf(tolerations);
    warnings = List.copyOf(warnings);
  }

  static PodMutation unchanged(Outcome outcome, FieldPath specPath, List<String> warnings) {
    return new PodMutation(outcome, specPath, Map.of(), null, null, List.of(), warnings);
  }

  /** True when there is something to add. */
  public boolean changes() {
    return !nodeSelector.isEmpty()
        || buildRequirement != null
        || osName != null
        || !tolerations.isEmpty();
  }
}
