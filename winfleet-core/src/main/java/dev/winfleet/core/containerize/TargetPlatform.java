package dev.winfleet.core.containerize;

import dev.winfleet.core.fleet.FleetNode;
import dev.winfleet.core.version.OsVersion;
import java.util.List;
import java.util.Objects;

/**
 * What the app is built for: the Windows build whose images to choose, and the Windows nodes its
 * pods may be placed on (each app's placement, decided by {@link AppPlacer}, names the builds of
 * those nodes that run its image).
 *
 * @param hostBuild the build the images are chosen for, {@code 10.0.20348} (no revision)
 * @param nodes the Windows nodes with a known build to place the pods on: the fleet's, or for
 *     {@code --target} one stand-in node of that build that carries every known Windows-node taint
 * @param reasons why this build, one line each
 * @param warnings what the fleet leaves unknown (Windows nodes without a build)
 */
public record TargetPlatform(
    OsVersion hostBuild, List<FleetNode> nodes, List<String> reasons, List<String> warnings) {

  public TargetPlatform {
    Objects.requireNonNull(hostBuild, "hostBuild");
    hostBuild = hostBuild.withoutRevision();
    nodes = List.copyOf(nodes);
    if (nodes.isEmpty()
        || nodes.stream().anyMatch(n -> !n.isWindows() || n.windowsVersion() == null)) {
      throw new IllegalArgumentException("the target needs Windows nodes of known builds");
    }
    reasons = List.copyOf(reasons);
    warnings = List.copyOf(warnings);
  }
}
