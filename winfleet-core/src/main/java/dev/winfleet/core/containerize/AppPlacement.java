package dev.winfleet.core.containerize;

import dev.winfleet.core.fleet.Toleration;
import dev.winfleet.core.placement.NodeSelectorRequirement;
import dev.winfleet.core.version.OsVersion;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where one app's pods go, as the webhook's mutation would place them: the nodeSelector ({@code
 * kubernetes.io/os: windows}, and the {@code node.kubernetes.io/windows-build} when one build runs
 * the image), a required node affinity on the build when several do, and tolerations for the
 * Windows-node taints of those nodes.
 *
 * @param builds the node builds that run the app's image, oldest first
 * @param reasons why, one line each
 * @param warnings nodes left out (their build cannot run the image) and taints not tolerated
 */
public record AppPlacement(
    Map<String, String> nodeSelector,
    Optional<NodeSelectorRequirement> buildRequirement,
    List<Toleration> tolerations,
    List<OsVersion> builds,
    List<String> reasons,
    List<String> warnings) {

  public AppPlacement {
    nodeSelector =
        java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(nodeSelector));
    Objects.requireNonNull(buildRequirement, "buildRequirement");
    tolerations = List.copyOf(tolerations);
    builds = List.copyOf(builds);
    reasons = List.copyOf(reasons);
    warnings = List.copyOf(warnings);
  }
}
