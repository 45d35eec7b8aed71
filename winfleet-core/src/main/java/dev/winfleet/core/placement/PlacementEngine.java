package dev.winfleet.core.placement;

import dev.winfleet.core.catalog.KubernetesVersion;
import dev.winfleet.core.catalog.KubernetesWindowsCatalog;
import dev.winfleet.core.catalog.WindowsCatalog;
import dev.winfleet.core.compat.CompatibilityEngine;
import dev.winfleet.core.compat.HostPlatform;
import dev.winfleet.core.compat.OsFamily;
import dev.winfleet.core.fleet.Fleet;
import dev.winfleet.core.fleet.FleetNode;
import dev.winfleet.core.fleet.FleetObjects;
import dev.winfleet.core.fleet.Taint;
import dev.winfleet.core.image.ImageProfile;
import dev.winfleet.core.version.OsVersion;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Decides where pods can land and run, following the scheduler (nodeSelector, required node
 * affinity, RuntimeClass scheduling, taints and tolerations) and the compatibility engine (which
 * node builds run which images with process isolation). Pure and thread-safe.
 */
public final class PlacementEngine {

  private final CompatibilityEngine compatibility;

  public PlacementEngine(CompatibilityEngine compatibility) {
    this.compatibility = Objects.requireNonNull(compatibility, "compatibility");
  }

  /**
   * A new engine on {@link CompatibilityEngine#builtIn()}, with that engine's caches: make one per
   * run or per server and share it.
   */
  public static PlacementEngine builtIn() {
    return new PlacementEngine(CompatibilityEngine.builtIn());
  }

  public CompatibilityEngine compatibility() {
    return compatibility;
  }

  /**
   * Where a pod with these constraints (RuntimeClass already merged, see {@link
   * SchedulingConstraints#withRuntimeClass}) and these images can land and run in the fleet.
   */
  public PlacementDecision place(
      SchedulingConstraints constraints, List<ImageProfile> images, Fleet fleet) {
    List<NodeVerdict> verdicts = new ArrayList<>(fleet.nodes().size());
    // Fleets have thousands of nodes and few distinct platforms: judge the images once per
    // platform per call (the audit places every workload again when a node changes).
    Map<HostPlatform, ImageVerdicts> byPlatform = new HashMap<>();
    ImageVerdicts noPlatform = null;
    for (FleetNode node : fleet.nodes()) {
      boolean labels = constraints.matchesLabels(node);
      List<Taint> untolerated = constraints.untoleratedTaints(node);
      Optional<HostPlatform> host = node.hostPlatform();
      ImageVerdicts iv;
      if (host.isEmpty()) {
        if (noPlatform == null) {
          noPlatform = imageVerdicts(images, null);
        }
        iv = noPlatform;
      } else {
        iv = byPlatform.computeIfAbsent(host.get(), h -> imageVerdicts(images, h));
      }
      verdicts.add(new NodeVerdict(node, labels, untolerated, iv.notRunnable(), iv.unknown()));
    }
    return new PlacementDecision(constraints, verdicts);
  }

  private record ImageVerdicts(List<String> notRunnable, List<String> unknown) {}

  /** Which images do not run, and which may or may not, on a platform (null: unknown host). */
  private ImageVerdicts imageVerdicts(List<ImageProfile> images, HostPlatform host) {
    List<String> notRunnable = new ArrayList<>();
    List<String> unknown = new ArrayList<>();
    for (ImageProfile image : images) {
      Optional<Boolean> runs = host == null ? Optional.empty() : image.runsOn(host, compatibility);
      if (runs.isEmpty()) {
        unknown.add(image.reference());
      } else if (!runs.get()) {
        notRunnable.add(image.reference());
      }
    }
    return new ImageVerdicts(List.copyOf(notRunnable), List.copyOf(unknown));
  }

  /**
   * The Windows nodes of the fleet that can run all these images, whatever the pod's own
   * constraints except explicit node pins ({@link SchedulingConstraints#pinnedAwayFrom}): what the
   * webhook constrains a pod to. Taints are those of the target nodes not tolerated by {@code
   * existing}.
   *
   * <p>The fleet's Windows nodes are grouped by platform and taint list once per fleet snapshot
   * (the last one asked about is remembered), so a pod that pins no node is judged per group.
   */
  public WindowsTarget windowsTarget(
      List<ImageProfile> images, Fleet fleet, SchedulingConstraints existing) {
    WindowsNodeGroups groups = groups(fleet);
    // Fleets have many nodes and few distinct platforms: judge each platform at most once per call.
    byte[] verdicts = new byte[groups.platforms.size()]; // 0 not judged, 1 runs all, 2 does not
    // ... and nodes share few taint lists: judge each list against the tolerations once.
    Set<Taint> taints = new LinkedHashSet<>();
    if (!existing.mayPinNodes()) {
      // Most pods: no node is pinned away, so the nodes follow from the platforms' verdicts alone.
      boolean[] runs = new boolean[verdicts.length];
      for (int p = 0; p < runs.length; p++) {
        runs[p] = runsAll(images, groups.platforms.get(p));
      }
      WindowsNodeGroups.Selection s = groups.select(runs);
      for (int t : s.taintLists()) {
        taints.addAll(existing.untoleratedTaints(groups.taintListNode.get(t)));
      }
      return new WindowsTarget(s.builds(), s.nodes(), taints);
    }
    SortedSet<OsVersion> builds = new TreeSet<>();
    List<FleetNode> nodes = new ArrayList<>();
    List<List<Taint>> untolerated = new ArrayList<>(groups.taintLists.size());
    for (int t = 0; t < groups.taintLists.size(); t++) {
      untolerated.add(null);
    }
    for (int i = 0; i < groups.nodes.size(); i++) {
      FleetNode node = groups.nodes.get(i);
      if (existing.pinnedAwayFrom(node)) {
        continue; // a pod pinned to some nodes must not get the builds of others
      }
      int p = groups.platformOf[i];
      if (verdicts[p] == 0) {
        verdicts[p] = runsAll(images, groups.platforms.get(p)) ? (byte) 1 : (byte) 2;
      }
      if (verdicts[p] == 1) {
        builds.add(node.windowsVersion().withoutRevision());
        nodes.add(node);
        int t = groups.taintListOf[i];
        if (untolerated.get(t) == null) {
          untolerated.set(t, existing.untoleratedTaints(node));
        }
        taints.addAll(untolerated.get(t));
      }
    }
    return new WindowsTarget(builds, nodes, taints);
  }

  /** The last fleet's Windows nodes grouped; the webhook asks about one snapshot at a time. */
  private volatile WindowsNodeGroups lastGroups;

  private WindowsNodeGroups groups(Fleet fleet) {
    WindowsNodeGroups g = lastGroups;
    if (g == null || !g.isOf(fleet)) {
      g = new WindowsNodeGroups(fleet);
      lastGroups = g;
    }
    return g;
  }

  private boolean runsAll(List<ImageProfile> images, HostPlatform host) {
    for (ImageProfile image : images) {
      if (!image.runsOn(host, compatibility).orElse(false)) {
        return false;
      }
    }
    return true;
  }

  /**
   * A stand-in fleet when no real one is given: one untainted Windows node per Windows Server build
   * that the given Kubernetes versions support, and one Linux node. Placement judged against it
   * answers "could any supported release run this?".
   */
  public static Fleet catalogFleet(
      Collection<KubernetesVersion> versions,
      KubernetesWindowsCatalog kubernetes,
      WindowsCatalog windows) {
    SortedSet<Integer> builds = new TreeSet<>();
    for (KubernetesVersion v : versions) {
      builds.addAll(kubernetes.supportedBuilds(v));
    }
    List<FleetNode> nodes = new ArrayList<>();
    for (int build : builds) {
      OsVersion version = OsVersion.ofBuild(build);
      String name =
          windows.primaryRelease(build).map(r -> r.id()).orElse("windows-" + build) + " (catalog)";
      nodes.add(
          FleetNode.of(
              name,
              Map.of(
                  FleetObjects.OS_LABEL, "windows",
                  FleetObjects.DEPRECATED_OS_LABEL, "windows",
                  FleetObjects.ARCH_LABEL, "amd64",
                  FleetObjects.DEPRECATED_ARCH_LABEL, "amd64",
                  FleetObjects.WINDOWS_BUILD_LABEL, version.buildString()),
              List.of(),
              OsFamily.WINDOWS,
              version));
    }
    nodes.add(
        FleetNode.of(
            "linux (catalog)",
            Map.of(
                FleetObjects.OS_LABEL, "linux",
                FleetObjects.DEPRECATED_OS_LABEL, "linux",
                FleetObjects.ARCH_LABEL, "amd64",
                FleetObjects.DEPRECATED_ARCH_LABEL, "amd64"),
            List.of(),
            OsFamily.LINUX,
            null));
    return new Fleet(nodes, List.of());
  }
}
