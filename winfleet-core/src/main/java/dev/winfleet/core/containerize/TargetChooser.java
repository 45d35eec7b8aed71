package dev.winfleet.core.containerize;

import dev.winfleet.core.catalog.WindowsCatalog;
import dev.winfleet.core.fleet.FleetNode;
import dev.winfleet.core.fleet.Taint;
import dev.winfleet.core.fleet.TaintEffect;
import dev.winfleet.core.fleet.Toleration;
import dev.winfleet.core.version.OsVersion;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Decides the Windows build to build for, from {@code --target} or from the fleet's nodes. */
public final class TargetChooser {

  /** The taint Windows nodes commonly carry (OpenShift spells the value "Windows"). */
  static final Toleration OS_WINDOWS =
      Toleration.forTaint(new Taint("os", "windows", TaintEffect.NO_SCHEDULE));

  private final WindowsCatalog catalog;

  public TargetChooser(WindowsCatalog catalog) {
    this.catalog = catalog;
  }

  public static TargetChooser builtIn() {
    return new TargetChooser(WindowsCatalog.builtIn());
  }

  /** A target named by the user: a version or alias already parsed. */
  public TargetPlatform fromTarget(String asGiven, OsVersion version) {
    checkWindows10(version, "--target " + asGiven);
    OsVersion build = version.withoutRevision();
    List<String> reasons = new ArrayList<>();
    reasons.add("--target " + asGiven + " names " + catalog.describe(build));
    reasons.add(
        "toleration os=windows:NoSchedule added: Windows nodes commonly carry that taint, and"
            + " tolerating a taint a node lacks changes nothing (give --fleet to decide from the"
            + " real nodes)");
    return new TargetPlatform(build, List.of(OS_WINDOWS), reasons, List.of());
  }

  /**
   * The build most of the fleet's Windows nodes run (ties: the newest), so that one image serves
   * the most nodes; nodes of other builds are named in the warnings with the command for them.
   */
  public TargetPlatform fromFleet(List<FleetNode> nodes) {
    List<FleetNode> windows = nodes.stream().filter(FleetNode::isWindows).toList();
    if (windows.isEmpty()) {
      throw new ContainerizeException(
          "the fleet file lists "
              + nodes.size()
              + " node(s) and none is a Windows node (label kubernetes.io/os=windows); give"
              + " --target for the Windows build to build for",
          true);
    }
    List<String> warnings = new ArrayList<>();
    TreeMap<OsVersion, List<FleetNode>> byBuild = new TreeMap<>();
    List<String> unknown = new ArrayList<>();
    for (FleetNode n : windows) {
      if (n.windowsVersion() != null) {
        byBuild
            .computeIfAbsent(n.windowsVersion().withoutRevision(), b -> new ArrayList<>())
            .add(n);
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
          "no Windows node of the fleet says its Windows build (label"
              + " node.kubernetes.io/windows-build or status.nodeInfo.kernelVersion); give --target",
          true);
    }
    Map.Entry<OsVersion, List<FleetNode>> chosen =
        byBuild.entrySet().stream()
            .max(
                Comparator.comparingInt(
                        (Map.Entry<OsVersion, List<FleetNode>> e) -> e.getValue().size())
                    .thenComparing(Map.Entry::getKey))
            .orElseThrow();
    OsVersion build = chosen.getKey();
    checkWindows10(build, "node " + chosen.getValue().get(0).name());
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
      reasons.add(
          "chose "
              + build
              + ", the build most Windows nodes run"
              + (byBuild.values().stream().filter(l -> l.size() == chosen.getValue().size()).count()
                      > 1
                  ? " (a tie, broken in favour of the newest build)"
                  : "")
              + ": a process-isolated container runs only on hosts of a compatible build, so the"
              + " Deployment is pinned to these nodes; one image per build would need one"
              + " Deployment per build");
      for (Map.Entry<OsVersion, List<FleetNode>> e : byBuild.entrySet()) {
        if (!e.getKey().equals(build)) {
          warnings.add(
              "node(s) "
                  + names(e.getValue())
                  + " run "
                  + catalog.describe(e.getKey())
                  + " and are left out; for an image for them run again with --target "
                  + e.getKey());
        }
      }
    }
    // Tolerations: the Windows-node taints of the chosen nodes.
    Set<Toleration> tolerations = new LinkedHashSet<>();
    Set<String> foreign = new LinkedHashSet<>();
    for (FleetNode n : chosen.getValue()) {
      for (Taint t : n.taints()) {
        if (!t.effect().blocksScheduling()
            || t.key().startsWith("node.kubernetes.io/")
            || t.key().startsWith("node.cloudprovider.kubernetes.io/")) {
          continue;
        }
        if (isWindowsTaint(t)) {
          tolerations.add(Toleration.forTaint(t));
        } else {
          foreign.add(t + " on " + n.name());
        }
      }
    }
    if (tolerations.isEmpty()) {
      reasons.add("no toleration: the chosen nodes carry no Windows taint");
    } else {
      reasons.add(
          "toleration(s) "
              + tolerations.stream()
                  .map(t -> t.key() + "=" + t.value() + ":" + t.effect().wireName())
                  .collect(Collectors.joining(", "))
              + " added: the chosen nodes carry these taints, which keep other pods off Windows nodes");
    }
    if (!foreign.isEmpty()) {
      warnings.add(
          "taints not tolerated (they are not about the OS; add tolerations yourself if the app"
              + " belongs there): "
              + String.join(", ", foreign));
    }
    return new TargetPlatform(build, new ArrayList<>(tolerations), reasons, warnings);
  }

  private static boolean isWindowsTaint(Taint t) {
    String key = t.key().toLowerCase(Locale.ROOT);
    String value = t.value().toLowerCase(Locale.ROOT);
    return (key.equals("os") || key.equals("kubernetes.io/os")) && value.equals("windows")
        || key.equals("os") && value.isEmpty();
  }

  private static String names(List<FleetNode> nodes) {
    return nodes.stream().map(FleetNode::name).collect(Collectors.joining(", "));
  }

  private static void checkWindows10(OsVersion v, String what) {
    if (v.major() != 10 || v.minor() != 0) {
      throw new ContainerizeException(
          what
              + " is Windows "
              + v
              + "; Windows containers need Windows 10.0 builds (Server 2016 or later)",
          true);
    }
  }
}
