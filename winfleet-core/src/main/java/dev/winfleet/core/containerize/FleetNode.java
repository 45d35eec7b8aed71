package dev.winfleet.core.containerize;

import dev.winfleet.core.version.OsVersion;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What containerize needs to know about one node of the fleet. (A stand-in for the checker's fleet
 * model; the two will be merged.)
 *
 * @param name metadata.name
 * @param os {@code windows}, {@code linux} or "" when unknown
 * @param windowsBuild the Windows build, for Windows nodes where it is known
 * @param buildSource where the build came from (the label, kernelVersion or osImage)
 * @param taints spec.taints
 */
public record FleetNode(
    String name,
    String os,
    Optional<OsVersion> windowsBuild,
    String buildSource,
    List<NodeTaint> taints) {

  public FleetNode {
    Objects.requireNonNull(name, "name");
    os = os == null ? "" : os;
    windowsBuild =
        windowsBuild == null ? Optional.empty() : windowsBuild.map(OsVersion::withoutRevision);
    buildSource = buildSource == null ? "" : buildSource;
    taints = taints == null ? List.of() : List.copyOf(taints);
  }

  public boolean isWindows() {
    return os.equalsIgnoreCase("windows");
  }
}
