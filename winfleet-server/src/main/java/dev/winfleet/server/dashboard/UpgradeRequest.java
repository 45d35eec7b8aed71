package dev.winfleet.server.dashboard;

import dev.winfleet.core.catalog.WindowsCatalog;
import dev.winfleet.core.catalog.WindowsRelease;
import dev.winfleet.core.fleet.Fleet;
import dev.winfleet.core.fleet.FleetNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which Windows nodes move to which Windows Server release.
 *
 * @param nodes names of Windows nodes of the fleet, in the order given, without repeats
 * @param target a Windows Server release
 */
public record UpgradeRequest(List<String> nodes, WindowsRelease target) {

  public UpgradeRequest {
    nodes = List.copyOf(new LinkedHashSet<>(nodes));
    Objects.requireNonNull(target, "target");
    if (nodes.isEmpty()) {
      throw new IllegalArgumentException("at least one node is needed");
    }
  }

  /**
   * Reads the {@code nodes} and {@code to} parameters of {@code /api/simulate} against a fleet.
   *
   * @throws BadRequestException naming the parameter, the problem and the fix
   */
  public static UpgradeRequest parse(
      String nodesParam, String toParam, Fleet fleet, WindowsCatalog catalog) {
    String windowsNodes =
        fleet.windowsNodes().stream().map(FleetNode::name).collect(Collectors.joining(","));
    String listHint =
        windowsNodes.isEmpty()
            ? "this fleet has no Windows nodes to upgrade"
            : "give Windows node names separated by commas, e.g. nodes=" + windowsNodes;
    if (nodesParam == null || nodesParam.isBlank()) {
      throw new BadRequestException("nodes: missing: which nodes to upgrade", listHint);
    }
    List<String> names = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    for (String raw : nodesParam.split(",")) {
      String name = raw.trim();
      if (name.isEmpty() || !seen.add(name)) {
        continue;
      }
      FleetNode node =
          fleet.nodes().stream().filter(n -> n.name().equals(name)).findFirst().orElse(null);
      if (node == null) {
        throw new BadRequestException(
            "nodes: no node named '" + clip(name) + "' in the fleet", listHint);
      }
      if (!node.isWindows()) {
        throw new BadRequestException(
            "nodes: '" + name + "' is not a Windows node; only Windows nodes change build",
            listHint);
      }
      names.add(name);
    }
    if (names.isEmpty()) {
      throw new BadRequestException("nodes: no node names in '" + clip(nodesParam) + "'", listHint);
    }
    String targets =
        catalog.serverReleases().stream()
            .filter(r -> !r.tags().isEmpty())
            .map(WindowsRelease::preferredTag)
            .collect(Collectors.joining(", "));
    String toHint = "give a Windows Server release as to=, one of " + targets;
    if (toParam == null || toParam.isBlank()) {
      throw new BadRequestException("to: missing: the release to upgrade to", toHint);
    }
    WindowsRelease target =
        catalog
            .findRelease(toParam.trim())
            .orElseThrow(
                () ->
                    new BadRequestException(
                        "to: '" + clip(toParam) + "' is not a Windows release winfleet knows",
                        toHint));
    if (!target.isServer()) {
      throw new BadRequestException(
          "to: "
              + target.name()
              + " is not a Windows Server release; Kubernetes Windows nodes run Windows Server",
          toHint);
    }
    return new UpgradeRequest(names, target);
  }

  private static String clip(String s) {
    String t = s.replaceAll("[\\p{Cntrl}]", "?");
    return t.length() > 60 ? t.substring(0, 60) + "..." : t;
  }
}
