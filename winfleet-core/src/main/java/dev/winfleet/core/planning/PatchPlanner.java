package dev.winfleet.core.planning;

import dev.winfleet.core.catalog.PatchCatalog;
import dev.winfleet.core.catalog.WindowsUpdate;
import dev.winfleet.core.compat.CompatibilityEngine;
import dev.winfleet.core.compat.PatchIncident;
import dev.winfleet.core.fleet.Fleet;
import dev.winfleet.core.fleet.FleetNode;
import dev.winfleet.core.image.ImageMetadataSource;
import dev.winfleet.core.image.ImageProfile;
import dev.winfleet.core.placement.PlacementEngine;
import dev.winfleet.core.placement.SchedulingConstraints;
import dev.winfleet.core.version.OsVersion;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Plans a monthly rollout: nodes of one build to a target revision, then images to it, in an order
 * that never runs an image ahead of its host (Microsoft's base images ship on Patch Tuesday; images
 * ahead of their host's update have failed to start, see {@code patch-incidents.yaml}).
 *
 * <p>Nodes are patched pool by pool (the smallest pool first, as a canary), a pool being the nodes
 * that share a node-pool label; without one, node by node. A workload's images may move to the
 * target once every node of the build it can land on is patched. Capacity and PodDisruptionBudgets
 * during the drains are not checked here: {@code plan upgrade} does that for a change of build.
 */
public final class PatchPlanner {

  /** Node-pool labels of the managed Kubernetes services and common installers, in order. */
  public static final List<String> POOL_LABELS =
      List.of(
          "kubernetes.azure.com/agentpool",
          "agentpool",
          "eks.amazonaws.com/nodegroup",
          "alpha.eksctl.io/nodegroup-name",
          "cloud.google.com/gke-nodepool",
          "node.kubernetes.io/pool");

  private final PlacementEngine placement;
  private final ImageMetadataSource images;

  public PatchPlanner(PlacementEngine placement, ImageMetadataSource images) {
    this.placement = Objects.requireNonNull(placement, "placement");
    this.images = Objects.requireNonNull(images, "images");
  }

  public static PatchPlanner builtIn(ImageMetadataSource images) {
    return new PatchPlanner(PlacementEngine.builtIn(), images);
  }

  /**
   * The plan for moving the fleet's nodes and the workloads' images of {@code target}'s build to
   * its revision.
   *
   * @param maxPerWave at most this many nodes per wave; 0 for whole pools
   * @throws PlanningException when the target has no revision
   */
  public PatchPlan plan(Fleet fleet, List<Workload> workloads, OsVersion target, int maxPerWave) {
    if (!target.hasRevision()) {
      throw new TargetWithoutRevisionException(target);
    }
    CompatibilityEngine engine = placement.compatibility();
    PatchCatalog patches = engine.patches();
    List<String> notes = new ArrayList<>();
    List<FleetNode> ofBuild =
        fleet.windowsNodes().stream()
            .filter(n -> n.windowsVersion() != null && n.windowsVersion().sameBuild(target))
            .toList();
    if (ofBuild.isEmpty()) {
      notes.add("No Windows node of build " + target.buildString() + " in the fleet.");
    }
    List<FleetNode> toPatch = new ArrayList<>();
    for (FleetNode n : ofBuild) {
      OsVersion v = n.windowsVersion();
      if (!v.hasRevision()) {
        notes.add(
            n.name()
                + " reports no revision (no status.nodeInfo.kernelVersion); it is patched in the"
                + " waves, and workloads that can land on it are 'unknown'.");
        toPatch.add(n);
      } else if (v.revision() < target.revision()) {
        toPatch.add(n);
      }
    }
    Optional<WindowsUpdate> update = patches.find(target);
    if (update.isEmpty()) {
      notes.add(
          target
              + " is not a monthly update winfleet knows (known up to "
              + patches.lastUpdated()
              + "); the plan holds, but no KB can be named.");
    }
    OsVersion lowest =
        ofBuild.stream()
            .map(FleetNode::windowsVersion)
            .filter(OsVersion::hasRevision)
            .min(Comparator.naturalOrder())
            .orElse(target);
    for (PatchIncident i : engine.incidents()) {
      if (i.build() == target.build()
          && i.kind() == PatchIncident.Kind.IMAGE_NEEDS_HOST
          && i.revision() <= target.revision()
          && i.revision() > lowest.revision()) {
        notes.add(
            "Known incident "
                + i.id()
                + ": images at "
                + i.version()
                + " or later did not start on hosts below it ("
                + String.join(" ", i.sources())
                + "); roll no image before its nodes are patched.");
      }
    }
    List<UpgradeWave> waves = waves(toPatch, target, update, maxPerWave);
    Map<String, Integer> waveOf = new HashMap<>();
    for (int i = 0; i < waves.size(); i++) {
      for (String n : waves.get(i).nodes()) {
        waveOf.put(n, i + 1);
      }
    }
    List<PatchOutcome> outcomes = new ArrayList<>();
    for (Workload w : workloads) {
      outcome(w, fleet, target, waveOf).ifPresent(outcomes::add);
    }
    return new PatchPlan(target, update, waves, outcomes, notes);
  }

  private List<UpgradeWave> waves(
      List<FleetNode> toPatch, OsVersion target, Optional<WindowsUpdate> update, int maxPerWave) {
    String label =
        POOL_LABELS.stream()
            .filter(l -> toPatch.stream().anyMatch(n -> n.labels().containsKey(l)))
            .findFirst()
            .orElse(null);
    Map<String, List<String>> pools = new TreeMap<>();
    for (FleetNode n : toPatch) {
      String pool = label == null ? n.name() : n.labels().getOrDefault(label, "(no " + label + ")");
      pools.computeIfAbsent(pool, p -> new ArrayList<>()).add(n.name());
    }
    List<Map.Entry<String, List<String>>> ordered = new ArrayList<>(pools.entrySet());
    ordered.sort(
        Comparator.comparingInt((Map.Entry<String, List<String>> e) -> e.getValue().size())
            .thenComparing(Map.Entry::getKey));
    String install =
        update.map(u -> "install " + u.kb() + " (" + target + ")").orElse("patch to " + target);
    List<UpgradeWave> waves = new ArrayList<>();
    for (Map.Entry<String, List<String>> pool : ordered) {
      List<String> nodes = new ArrayList<>(pool.getValue());
      nodes.sort(null);
      int size = maxPerWave > 0 ? maxPerWave : nodes.size();
      for (int from = 0; from < nodes.size(); from += size) {
        List<String> chunk = nodes.subList(from, Math.min(nodes.size(), from + size));
        String where = label == null ? "" : "pool " + pool.getKey() + " (" + label + "): ";
        waves.add(
            new UpgradeWave(
                chunk,
                where
                    + "cordon and drain, "
                    + install
                    + ", uncordon; images stay at their current revision meanwhile",
                null));
      }
    }
    return waves;
  }

  private Optional<PatchOutcome> outcome(
      Workload w, Fleet fleet, OsVersion target, Map<String, Integer> waveOf) {
    List<String> ofBuild = new ArrayList<>();
    Map<String, OsVersion> imageVersion = new LinkedHashMap<>();
    for (String ref : w.images()) {
      ImageProfile p = images.describe(ref);
      for (OsVersion v : p.windowsBuilds()) {
        if (v.sameBuild(target) && !ofBuild.contains(ref)) {
          ofBuild.add(ref);
          imageVersion.put(ref, v);
        }
      }
    }
    if (ofBuild.isEmpty()) {
      return Optional.empty();
    }
    SchedulingConstraints constraints = w.constraints().withRuntimeClassFrom(fleet);
    // Where it can land whatever the revisions: the nodes of the build its selectors and
    // tolerations allow.
    List<FleetNode> landing =
        placement.place(constraints, List.of(), fleet).landingNodes().stream()
            .filter(n -> n.isWindows() && n.windowsVersion() != null)
            .filter(n -> n.windowsVersion().sameBuild(target))
            .toList();
    List<PatchOutcome.Ahead> ahead = new ArrayList<>();
    List<String> aheadNodes = new ArrayList<>();
    List<String> unknown = new ArrayList<>();
    int last = 0;
    for (FleetNode n : landing) {
      OsVersion host = n.windowsVersion();
      if (!host.hasRevision()) {
        unknown.add(n.name());
      }
      for (OsVersion v : imageVersion.values()) {
        if (host.hasRevision() && v.hasRevision() && v.revision() > host.revision()) {
          ahead.add(new PatchOutcome.Ahead(n.name(), host, v));
          if (!aheadNodes.contains(n.name())) {
            aheadNodes.add(n.name());
          }
        }
      }
      last = Math.max(last, waveOf.getOrDefault(n.name(), 0));
    }
    PatchOutcome.Status status;
    List<String> nodes;
    if (!ahead.isEmpty()) {
      status = PatchOutcome.Status.AHEAD_NOW;
      nodes = aheadNodes;
    } else if (!unknown.isEmpty()) {
      status = PatchOutcome.Status.UNKNOWN;
      nodes = unknown;
    } else if (last == 0) {
      status = PatchOutcome.Status.ROLL_NOW;
      nodes = landing.stream().map(FleetNode::name).toList();
    } else {
      status = PatchOutcome.Status.ROLL_AFTER_WAVE;
      nodes = List.of(lastNode(landing, waveOf));
    }
    return Optional.of(
        new PatchOutcome(w.object(), w.file(), status, ofBuild, last, target, nodes, ahead));
  }

  private static String lastNode(List<FleetNode> landing, Map<String, Integer> waveOf) {
    return landing.stream()
        .max(Comparator.comparingInt(n -> waveOf.getOrDefault(n.name(), 0)))
        .map(FleetNode::name)
        .orElseThrow();
  }
}
