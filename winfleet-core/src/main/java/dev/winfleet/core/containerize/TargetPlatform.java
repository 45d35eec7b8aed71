package dev.winfleet.core.containerize;

import dev.winfleet.core.fleet.Toleration;
import dev.winfleet.core.version.OsVersion;
import java.util.List;
import java.util.Objects;

/**
 * Where the app will run: the Windows build of the hosts the Deployment is pinned to, the
 * tolerations their taints need, and the reasons.
 *
 * @param hostBuild the hosts' Windows build, {@code 10.0.20348} (no revision)
 * @param tolerations tolerations for the Windows nodes' taints
 * @param reasons why this build and these tolerations, one line each
 * @param warnings what the choice leaves out (nodes of other builds, taints not tolerated)
 */
public record TargetPlatform(
    OsVersion hostBuild,
    List<Toleration> tolerations,
    List<String> reasons,
    List<String> warnings) {

  public TargetPlatform {
    Objects.requireNonNull(hostBuild, "hostBuild");
    hostBuild = hostBuild.withoutRevision();
    tolerations = List.copyOf(tolerations);
    reasons = List.copyOf(reasons);
    warnings = List.copyOf(warnings);
  }
}
