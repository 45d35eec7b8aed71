package dev.winfleet.core.containerize;

import dev.winfleet.core.catalog.WindowsCatalog;
import dev.winfleet.core.compat.CompatibilityEngine;
import dev.winfleet.core.compat.OsFamily;
import dev.winfleet.core.fleet.FleetNode;
import dev.winfleet.core.fleet.FleetObjects;
import dev.winfleet.core.fleet.Taint;
import dev.winfleet.core.fleet.WindowsNodeTaints;
import dev.winfleet.core.spi.ParameterMessage;
import dev.winfleet.core.version.OsVersion;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Decides the Windows build to choose images for, from {@code --target} or from the fleet's nodes,
 * and the Windows nodes the app's pods may go to. Which of those nodes run the chosen image is
 * decided per app by {@link AppPlacer}, with the placement the webhook uses.
 */
public final class TargetChooser {

  private final CompatibilityEngine engine;
  private final WindowsCatalog catalog;
  private final WindowsNodeTaints windowsTaints;

  public TargetChooser(CompatibilityEngine engine, WindowsNodeTaints windowsTaints) {
    this.engine = engine;
    this.catalog = engine.catalog();
    this.windowsTaints = windowsTaints;
  }

  public static TargetChooser builtIn() {
    return new TargetChooser(CompatibilityEngine.builtIn(), WindowsNodeTaints.builtIn());
  }

  /**
   * A target named by the user: a version or alias already parsed. The pods go to nodes of that
   * build; with no fleet to read taints from, they tolerate every known Windows-node taint.
   */
  public TargetPlatform fromTarget(String asGiven, OsVersion version) {
    checkWindows10(version, p -> p.apply(ContainerizeException.Parameter.TARGET) + " " + asGiven);
    OsVersion build = version.withoutRevision();
    List<String> reasons = new ArrayList<>();
    reasons.add("--target " + asGiven + " names " + catalog.describe(build));
    reasons.add(
        "no fleet given: the pods tolerate every taint known to mark Windows nodes ("
            + windowsTaints.taints().stream().map(Taint::toString).collect(Collectors.joining(", "))
            + "); tolerating a taint a node lacks changes nothing (give --fleet instead of"
            + " --target to tolerate only the taints the real nodes carry)");
    FleetNode standIn =
        new FleetNode(
            "(any " + build.buildString() + " node)",
            Map.of(
                FleetObjects.OS_LABEL,
                "windows",
                FleetObjects.WINDOWS_BUILD_LABEL,
                build.buildString()),
            windowsTaints.taints(),
            OsFamily.WINDOWS,
            "amd64",
            build,
            "",
            "",
            "",
            -1,
            -1,
            List.of(),
            false);
    return new TargetPlatform(build, List.of(standIn), reasons, List.of());
  }

  /**
   * The build whose image runs with process isolation on the most of the fleet's Windows nodes
   * (ties: the newest), so that one image serves the most nodes. Nodes of other builds that cannot
   * run it are named by the app's placement.
   */
  public TargetPlatform fromFleet(List<FleetNode> nodes) {
    List<FleetNode> windows = nodes.stream().filter(FleetNode::isWindows).toList();
    if (windows.isEmpty()) {
      throw new ContainerizeException(
          p ->
              "the fleet file lists "
                  + nodes.size()
                  + " node(s) and none is a Windows node (label kubernetes.io/os=windows); give"
                  + " the Windows build to build for ("
                  + p.apply(ContainerizeException.Parameter.TARGET)
                  + ")",
          true);
    }
    List<String> warnings = new ArrayList<>();
    TreeMap<OsVersion, List<FleetNode>> byBuild = new TreeMap<>();
    List<FleetNode> known = new ArrayList<>();
    List<String> unknown = new ArrayList<>();
    for (FleetNode n : windows) {
      if (n.windowsVersion() != null) {
        byBuild
            .computeIfAbsent(n.windowsVersion().withoutRevision(), b -> new ArrayList<>())
            .add(n);
        known.add(n);
      } else {
        unknown.add(n.name());
      }
    }
    if (!unknown.isEmpty()) {
      warnings.add(
          "Windows node(s) "
              + String.join(", ", unknown)
              + " carry no node.kubernetes.io/windows-build label and no kernelVersion: left out");
    }
    if (byBuild.isEmpty()) {
      throw new ContainerizeException(
          p ->
              "no Windows node of the fleet says its Windows build (label"
                  + " node.kubernetes.io/windows-build or status.nodeInfo.kernelVersion); give the"
                  + " Windows build to build for ("
                  + p.apply(ContainerizeException.Parameter.TARGET)
                  + ")",
          true);
    }
    Map<OsVersion, Integer> served = new TreeMap<>();
    for (OsVersion b : byBuild.keySet()) {
      served.put(
          b,
          (int)
              known.stream()
                  .filter(
                      n -> engine.processBuildsCompatible(n.windowsVersion().build(), b.build()))
                  .count());
    }
    OsVersion build =
        served.entrySet().stream()
            .max(
                Comparator.comparingInt((Map.Entry<OsVersion, Integer> e) -> e.getValue())
                    .thenComparing(Map.Entry::getKey))
            .orElseThrow()
            .getKey();
    String node = byBuild.get(build).get(0).name();
    checkWindows10(build, p -> "node " + node);
    List<String> reasons = new ArrayList<>();
    reasons.add(
        "fleet: "
            + windows.size()
            + " Windows node(s) of "
            + nodes.size()
            + ": "
            + byBuild.entrySet().stream()
                .map(
                    e ->
                        e.getValue().size()
                            + " on "
                            + catalog.describe(e.getKey())
                            + " ("
                            + names(e.getValue())
                            + ")")
                .collect(Collectors.joining(", ")));
    if (byBuild.size() == 1) {
      reasons.add(
          "every Windows node with a known build runs " + build + ": the image is built for it");
    } else {
      int best = served.get(build);
      reasons.add(
          "chose "
              + build
              + ": process isolation runs an image of this build on "
              + best
              + " of the "
              + known.size()
              + " Windows nodes with a known build, the most of any build"
              + (served.values().stream().filter(c -> c == best).count() > 1
                  ? " (a tie, broken in favour of the newest build)"
                  : "")
              + "; one image per build would need one Deployment per build");
    }
    return new TargetPlatform(build, known, reasons, warnings);
  }

  private static String names(List<FleetNode> nodes) {
    return nodes.stream().map(FleetNode::name).collect(Collectors.joining(", "));
  }

  private static void checkWindows10(
      OsVersion v, ParameterMessage<ContainerizeException.Parameter> what) {
    if (v.major() != 10 || v.minor() != 0) {
      throw new ContainerizeException(
          p ->
              what.render(p)
                  + " is Windows "
                  + v
                  + "; Windows containers need Windows 10.0 builds (Server 2016 or later)",
          true);
    }
  }
}
