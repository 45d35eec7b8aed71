package dev.winfleet.core.planning;

import dev.winfleet.core.catalog.WindowsCatalog;
import dev.winfleet.core.catalog.WindowsRelease;
import dev.winfleet.core.fleet.Fleet;
import dev.winfleet.core.fleet.FleetNode;
import dev.winfleet.core.image.ImageMetadataSource;
import dev.winfleet.core.placement.PlacementEngine;
import dev.winfleet.core.planning.RebuildAdvisor.TagAdvice;
import dev.winfleet.core.version.OsVersion;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Simulates upgrading Windows nodes to a release: for each workload, where it can run before and
 * after (judged by the {@link PlacementEngine}, once per class of equivalent nodes), whether it
 * still fits, fits after a rebuild, or breaks (no node, or no room for its replicas), the image to
 * rebuild on, and waves of nodes to drain so that every workload stays placeable at each step and
 * no PodDisruptionBudget is broken. Pure: values in, a plan out. Thread-safe.
 *
 * <p>The steps, each its own class: {@link UpgradeScope} (which nodes and workloads), {@link
 * RebuildAdvisor} (which images to rebuild, on which tag), {@link ClassPlacement} (where each
 * lands, as it is and rebuilt), {@link CapacityPacking} (room before and after), {@link
 * JudgedWorkload} (status and {@link BlockedBy}), {@link WaveScheduler} (the drain order) and
 * {@link UpgradeExplanation} (the sentences).
 */
public final class UpgradePlanner {

  private final PlacementEngine placement;
  private final TagSchemes schemes;
  private final ImageMetadataSource images;
  private final WindowsCatalog catalog;

  public UpgradePlanner(PlacementEngine placement, TagSchemes schemes, ImageMetadataSource images) {
    this.placement = Objects.requireNonNull(placement, "placement");
    this.schemes = Objects.requireNonNull(schemes, "schemes");
    this.images = Objects.requireNonNull(images, "images").cached();
    this.catalog = placement.compatibility().catalog();
  }

  /** The built-in placement engine and tag schemes, with images known by the given source. */
  public static UpgradePlanner builtIn(ImageMetadataSource images) {
    return new UpgradePlanner(PlacementEngine.builtIn(), TagSchemes.builtIn(), images);
  }

  /**
   * Plans the upgrade.
   *
   * @throws PlanningException when a node to upgrade does not exist, is not a Windows node of known
   *     version, or runs a newer build than the target
   */
  public UpgradePlan plan(UpgradeRequest request) {
    Fleet fleet = request.fleet();
    WindowsRelease target = request.target();
    OsVersion targetVersion = OsVersion.ofBuild(target.build());
    UpgradeScope scope = UpgradeScope.of(request, images, catalog);
    List<String> notes = new ArrayList<>(scope.notes());

    NodeClasses classes =
        new NodeClasses(
            fleet,
            scope.labelKeys(),
            scope.namesMatter(),
            scope.upgraded(),
            targetVersion,
            plannedOsImage(target));
    RebuildAdvisor advisor =
        new RebuildAdvisor(placement.compatibility(), schemes, targetVersion, scope.fromBuilds());
    ClassPlacement where = new ClassPlacement(placement, classes, fleet, scope.upgraded());
    List<PlacedWorkload> placed = new ArrayList<>();
    UpgradeStatus[] byPlacement = new UpgradeStatus[scope.workloads().size()];
    for (ScopedWorkload w : scope.workloads()) {
      PlacedWorkload p = where.place(w, advisor.rebuild(w));
      placed.add(p);
      byPlacement[p.index()] = where.status(p);
    }

    CapacityPacking capacity = new CapacityPacking(fleet.nodes(), classes.count());
    if (capacity.unknownCapacity()) {
      notes.add(
          "some nodes report no allocatable CPU or memory; they are taken to have room for"
              + " every pod");
    }
    CapacityPacking.Assessment room = capacity.assess(placed, byPlacement, classes);

    UpgradeExplanation explanation =
        new UpgradeExplanation(target, targetVersion, scope.fromBuilds());
    List<JudgedWorkload> judged = new ArrayList<>();
    List<WorkloadOutcome> outcomes = new ArrayList<>();
    for (PlacedWorkload p : placed) {
      int i = p.index();
      PlacedWorkload.Mode mode = room.modes()[i];
      JudgedWorkload j =
          JudgedWorkload.judge(
              p,
              mode,
              byPlacement[i],
              where.landedBefore(p),
              room.wantedAfter()[i],
              room.unplacedAfter()[i],
              room.unplacedBefore()[i],
              where.buildsBefore(p.runsOriginal()),
              where.buildsAfter(p.runsOriginal()),
              where.buildsAfter(p.runs(mode)));
      judged.add(j);
      outcomes.add(outcome(j, advisor.tags(j), explanation));
    }

    List<UpgradeWave> waves =
        new WaveScheduler(
                judged,
                request.budgets(),
                fleet.nodes(),
                classes,
                scope.upgraded(),
                capacity,
                request.maxNodesPerWave(),
                explanation)
            .run();
    return new UpgradePlan(target, scope.upgradedNames(), outcomes, waves, notes);
  }

  private static WorkloadOutcome outcome(
      JudgedWorkload j, TagAdvice tags, UpgradeExplanation explanation) {
    Workload w = j.workload();
    return new WorkloadOutcome(
        w.object(),
        w.file(),
        j.status(),
        j.before(),
        j.after(),
        tags.suggested(),
        j.status() == UpgradeStatus.OK ? List.of() : j.placed().rebuilt().selectorChanges(),
        j.wanted(),
        j.replicasWithoutRoom(),
        explanation.reason(j, tags),
        j.blockedBy());
  }

  /**
   * The fleet as the plan judges it "after": the nodes the plan upgrades carry the target build,
   * its {@code node.kubernetes.io/windows-build} label and no pulled images; the other nodes and
   * the RuntimeClasses are unchanged. For front ends that run another engine (the rules) on the
   * same state as {@link WorkloadOutcome#after()}, instead of building their own upgraded nodes.
   *
   * @param fleet the fleet the plan was made for
   */
  public static Fleet fleetAfter(Fleet fleet, UpgradePlan plan) {
    Set<String> upgraded = new HashSet<>(plan.upgraded());
    OsVersion version = OsVersion.ofBuild(plan.target().build());
    String osImage = plannedOsImage(plan.target());
    List<FleetNode> nodes = new ArrayList<>();
    for (FleetNode node : fleet.nodes()) {
      nodes.add(
          upgraded.contains(node.name()) ? NodeClasses.upgrade(node, version, osImage) : node);
    }
    return new Fleet(nodes, fleet.runtimeClasses());
  }

  private static String plannedOsImage(WindowsRelease target) {
    return target.name() + " (planned)";
  }
}
