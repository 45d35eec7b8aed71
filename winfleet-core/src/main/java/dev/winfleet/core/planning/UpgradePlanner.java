package dev.winfleet.core.planning;

import dev.winfleet.core.catalog.WindowsCatalog;
import dev.winfleet.core.catalog.WindowsRelease;
import dev.winfleet.core.compat.HostPlatform;
import dev.winfleet.core.compat.ImagePlatform;
import dev.winfleet.core.compat.OsFamily;
import dev.winfleet.core.fleet.Fleet;
import dev.winfleet.core.fleet.FleetNode;
import dev.winfleet.core.fleet.FleetObjects;
import dev.winfleet.core.fleet.RuntimeClassSpec;
import dev.winfleet.core.image.ImageMetadataSource;
import dev.winfleet.core.image.ImageProfile;
import dev.winfleet.core.placement.NodeSelectorRequirement;
import dev.winfleet.core.placement.NodeSelectorRequirement.Operator;
import dev.winfleet.core.placement.NodeSelectorTerm;
import dev.winfleet.core.placement.NodeVerdict;
import dev.winfleet.core.placement.PlacementDecision;
import dev.winfleet.core.placement.PlacementEngine;
import dev.winfleet.core.placement.SchedulingConstraints;
import dev.winfleet.core.version.OsVersion;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Simulates upgrading Windows nodes to a release: for each workload, where it can run before and
 * after (judged by the {@link PlacementEngine}, once per class of equivalent nodes), whether it
 * still fits, fits after a rebuild, or breaks (no node, or no room for its replicas), the image to
 * rebuild on, and waves of nodes to drain so that every workload stays placeable at each step and
 * no PodDisruptionBudget is broken. Pure: values in, a plan out. Thread-safe.
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

  /** How a workload is judged: as it is, or rebuilt for the target (and old) builds. */
  private enum Mode {
    ORIGINAL,
    REBUILT
  }

  /** Everything the planner derives about one workload. */
  private static final class Item {
    final int index;
    final Workload workload;
    SchedulingConstraints constraints;
    List<ImageProfile> profiles;
    List<ImageProfile> rebuiltProfiles;
    SchedulingConstraints rebuiltConstraints;
    List<SelectorChange> selectorChanges = List.of();
    List<String> imagesNeedingRebuild = List.of();
    boolean[] runsOriginal;
    boolean[] runsRebuilt;
    int[] classesOriginal;
    int[] classesRebuilt;
    Mode mode = Mode.ORIGINAL;
    boolean excluded;
    boolean landedBefore;
    List<Integer> budgets = new ArrayList<>();

    Item(int index, Workload workload) {
      this.index = index;
      this.workload = workload;
    }

    int[] classes() {
      return mode == Mode.ORIGINAL ? classesOriginal : classesRebuilt;
    }

    boolean[] runs() {
      return mode == Mode.ORIGINAL ? runsOriginal : runsRebuilt;
    }
  }

  private record PlaceKey(SchedulingConstraints constraints, List<ImageProfile> profiles) {}

  /**
   * Plans the upgrade.
   *
   * @throws PlanningException when a node to upgrade does not exist, is not a Windows node of known
   *     version, or runs a newer build than the target
   */
  public UpgradePlan plan(UpgradeRequest request) {
    Fleet fleet = request.fleet();
    List<FleetNode> nodes = fleet.nodes();
    WindowsRelease target = request.target();
    OsVersion targetVersion = OsVersion.ofBuild(target.build());
    List<String> notes = new ArrayList<>();

    Map<String, Integer> byName = new HashMap<>();
    for (int i = 0; i < nodes.size(); i++) {
      byName.put(nodes.get(i).name(), i);
    }
    boolean[] upgraded = new boolean[nodes.size()];
    List<String> upgradedNames = new ArrayList<>();
    SortedSet<OsVersion> fromBuilds = new TreeSet<>();
    for (String name : new LinkedHashSet<>(request.nodes())) {
      Integer i = byName.get(name);
      if (i == null) {
        throw new PlanningException(
            "no node named '" + name + "' in the fleet; 'kubectl get nodes' lists the names");
      }
      FleetNode n = nodes.get(i);
      if (!n.isWindows()) {
        throw new PlanningException(
            "node "
                + name
                + " is not a Windows node; only Windows nodes can be upgraded to "
                + target.name());
      }
      if (n.windowsVersion() == null) {
        throw new PlanningException(
            "node "
                + name
                + " reports no Windows version (no kernelVersion, windows-build label or osImage)");
      }
      int cmp = Integer.compare(n.windowsVersion().build(), target.build());
      if (cmp > 0) {
        throw new PlanningException(
            "node "
                + name
                + " runs "
                + catalog.describe(n.windowsVersion().withoutRevision())
                + ", newer than "
                + target.name()
                + "; a node cannot be upgraded to an older release");
      }
      if (cmp == 0) {
        notes.add("node " + name + " already runs " + target.name() + "; left as it is");
        continue;
      }
      upgraded[i] = true;
      upgradedNames.add(name);
      fromBuilds.add(n.windowsVersion().withoutRevision());
    }
    upgradedNames.sort(null);

    // Workloads with their RuntimeClass merged in, and the label keys any selector reads.
    List<Item> items = new ArrayList<>();
    Set<String> keys = new HashSet<>();
    keys.add(FleetObjects.OS_LABEL);
    keys.add(FleetObjects.DEPRECATED_OS_LABEL);
    keys.add(FleetObjects.ARCH_LABEL);
    keys.add(FleetObjects.DEPRECATED_ARCH_LABEL);
    keys.add(FleetObjects.WINDOWS_BUILD_LABEL);
    boolean namesMatter = false;
    for (RuntimeClassSpec rc : fleet.runtimeClasses()) {
      keys.addAll(rc.nodeSelector().keySet());
    }
    for (int i = 0; i < request.workloads().size(); i++) {
      Workload w = request.workloads().get(i);
      Item item = new Item(i, w);
      SchedulingConstraints own = w.constraints();
      item.constraints =
          own.runtimeClassName() == null
              ? own
              : fleet.runtimeClass(own.runtimeClassName()).map(own::withRuntimeClass).orElse(own);
      keys.addAll(item.constraints.nodeSelector().keySet());
      for (NodeSelectorTerm t : item.constraints.requiredTerms()) {
        t.matchExpressions().forEach(r -> keys.add(r.key()));
        namesMatter |= !t.matchFields().isEmpty();
      }
      item.profiles = w.images().stream().map(images::describe).toList();
      items.add(item);
    }

    NodeClasses classes =
        new NodeClasses(fleet, keys, namesMatter, upgraded, targetVersion, plannedOsImage(target));
    Fleet classFleet = classes.representativeFleet(fleet);
    HostPlatform targetHost = HostPlatform.windows(targetVersion);
    Map<PlaceKey, boolean[]> memo = new HashMap<>();
    for (Item item : items) {
      item.runsOriginal = runnable(item.constraints, item.profiles, classFleet, memo);
      prepareRebuild(item, targetVersion, targetHost, fromBuilds, fleet);
      item.runsRebuilt = runnable(item.rebuiltConstraints, item.rebuiltProfiles, classFleet, memo);
      item.classesOriginal = indices(item.runsOriginal);
      item.classesRebuilt = indices(item.runsRebuilt);
    }

    // Placement alone: can it land somewhere after the upgrade, as it is or rebuilt?
    int n = nodes.size();
    StateClasses state = new StateClasses(classes, upgraded);
    Map<Item, UpgradeStatus> byPlacement = new LinkedHashMap<>();
    for (Item item : items) {
      byPlacement.put(item, placementStatus(item, state));
    }

    long[] cpu = new long[n];
    long[] memory = new long[n];
    boolean unknownCapacity = false;
    for (int i = 0; i < n; i++) {
      FleetNode node = nodes.get(i);
      cpu[i] = node.allocatableCpuMillis() < 0 ? Packing.UNLIMITED : node.allocatableCpuMillis();
      memory[i] =
          node.allocatableMemoryBytes() < 0 ? Packing.UNLIMITED : node.allocatableMemoryBytes();
      unknownCapacity |= node.allocatableCpuMillis() < 0 || node.allocatableMemoryBytes() < 0;
    }
    if (unknownCapacity) {
      notes.add(
          "some nodes report no allocatable CPU or memory; they are taken to have room for"
              + " every pod");
    }

    // Capacity before: what already has no room today.
    for (Item item : items) {
      item.mode = Mode.ORIGINAL;
    }
    int[] unplacedBefore = pack(items, classes.before, cpu, memory, classes.count()).unplaced;

    // Capacity after: workloads that still land stay as they are; the others are rebuilt.
    for (Item item : items) {
      item.mode = byPlacement.get(item) == UpgradeStatus.OK ? Mode.ORIGINAL : Mode.REBUILT;
    }
    PackResult after = pack(items, classes.after, cpu, memory, classes.count());
    boolean again = false;
    for (Item item : items) {
      if (item.mode == Mode.ORIGINAL && after.unplaced[item.index] > 0) {
        item.mode = Mode.REBUILT; // rebuilt, it may use the upgraded nodes too
        again = true;
      }
    }
    if (again) {
      after = pack(items, classes.after, cpu, memory, classes.count());
    }

    List<WorkloadOutcome> outcomes = new ArrayList<>();
    for (Item item : items) {
      UpgradeStatus placed = byPlacement.get(item);
      int without = after.unplaced[item.index];
      UpgradeStatus status = status(item, placed, without, unplacedBefore[item.index], state);
      item.excluded = status == UpgradeStatus.BREAKS || status == UpgradeStatus.ALREADY_BROKEN;
      outcomes.add(
          outcome(
              item,
              status,
              placed,
              without,
              after.wanted[item.index],
              unplacedBefore[item.index],
              classes,
              state,
              targetVersion,
              target,
              fromBuilds));
    }

    List<UpgradeWave> waves =
        new WaveSimulation(
                items,
                request.budgets(),
                nodes,
                classes,
                upgraded,
                cpu,
                memory,
                request.maxNodesPerWave(),
                target,
                targetVersion,
                fromBuilds)
            .run();
    return new UpgradePlan(target, upgradedNames, outcomes, waves, notes);
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

  private static int[] indices(boolean[] flags) {
    int count = 0;
    for (boolean f : flags) {
      count += f ? 1 : 0;
    }
    int[] out = new int[count];
    int j = 0;
    for (int i = 0; i < flags.length; i++) {
      if (flags[i]) {
        out[j++] = i;
      }
    }
    return out;
  }

  private boolean[] runnable(
      SchedulingConstraints constraints,
      List<ImageProfile> profiles,
      Fleet classFleet,
      Map<PlaceKey, boolean[]> memo) {
    return memo.computeIfAbsent(
        new PlaceKey(constraints, profiles),
        k -> {
          PlacementDecision d = placement.place(k.constraints(), k.profiles(), classFleet);
          boolean[] runs = new boolean[d.nodes().size()];
          for (int c = 0; c < runs.length; c++) {
            NodeVerdict v = d.nodes().get(c);
            runs[c] = v.canLand() && v.runsAllImages();
          }
          return runs;
        });
  }

  /**
   * What the workload looks like rebuilt for the transition: every Windows image that the target
   * cannot run gains a platform for the target build (one tag listing the old and the new build),
   * and windows-build selectors that name an upgraded build allow the target build too.
   */
  private void prepareRebuild(
      Item item,
      OsVersion target,
      HostPlatform targetHost,
      SortedSet<OsVersion> fromBuilds,
      Fleet fleet) {
    List<ImageProfile> rebuilt = new ArrayList<>();
    List<String> needing = new ArrayList<>();
    for (ImageProfile p : item.profiles) {
      boolean windowsKnown =
          (p.os() == ImageProfile.OsClass.WINDOWS || p.os() == ImageProfile.OsClass.MULTI_OS)
              && !p.anyWindowsBuild()
              && !p.windowsBuilds().isEmpty();
      if (windowsKnown && !p.runsOn(targetHost, placement.compatibility()).orElse(true)) {
        List<ImagePlatform> platforms = new ArrayList<>(p.platforms());
        String arch =
            p.platforms().stream()
                .filter(x -> x.os() == OsFamily.WINDOWS)
                .map(ImagePlatform::architecture)
                .findFirst()
                .orElse("amd64");
        platforms.add(new ImagePlatform(OsFamily.WINDOWS, arch, target, List.of()));
        rebuilt.add(
            new ImageProfile(
                p.reference(),
                p.os(),
                platforms,
                false,
                p.architectureKnown(),
                p.source(),
                p.evidence()));
        needing.add(p.reference());
      } else {
        rebuilt.add(p);
      }
    }
    item.rebuiltProfiles = rebuilt;
    item.imagesNeedingRebuild = needing;

    Set<String> from = new HashSet<>();
    fromBuilds.forEach(b -> from.add(b.buildString()));
    String t = target.buildString();
    SchedulingConstraints c = item.constraints;
    List<SelectorChange> changes = new ArrayList<>();
    Map<String, String> selector = new LinkedHashMap<>(c.nodeSelector());
    String pinned = selector.get(FleetObjects.WINDOWS_BUILD_LABEL);
    List<NodeSelectorRequirement> extra = new ArrayList<>();
    if (pinned != null && from.contains(pinned)) {
      selector.remove(FleetObjects.WINDOWS_BUILD_LABEL);
      extra.add(
          new NodeSelectorRequirement(
              FleetObjects.WINDOWS_BUILD_LABEL, Operator.IN, List.of(pinned, t)));
      boolean own =
          item.workload.constraints().nodeSelector().containsKey(FleetObjects.WINDOWS_BUILD_LABEL);
      String where =
          own
              ? "nodeSelector " + FleetObjects.WINDOWS_BUILD_LABEL
              : "RuntimeClass/"
                  + c.runtimeClassName()
                  + " scheduling.nodeSelector "
                  + FleetObjects.WINDOWS_BUILD_LABEL;
      changes.add(new SelectorChange(where, pinned, t));
    }
    List<NodeSelectorTerm> terms = new ArrayList<>();
    for (int ti = 0; ti < c.requiredTerms().size(); ti++) {
      NodeSelectorTerm term = c.requiredTerms().get(ti);
      List<NodeSelectorRequirement> reqs = new ArrayList<>();
      for (NodeSelectorRequirement r : term.matchExpressions()) {
        if (!r.key().equals(FleetObjects.WINDOWS_BUILD_LABEL)) {
          reqs.add(r);
          continue;
        }
        if (r.operator() == Operator.IN && r.values().stream().anyMatch(from::contains)) {
          List<String> transition = new ArrayList<>(r.values());
          if (!transition.contains(t)) {
            transition.add(t);
          }
          List<String> finalValues = new ArrayList<>();
          for (String v : r.values()) {
            String nv = from.contains(v) ? t : v;
            if (!finalValues.contains(nv)) {
              finalValues.add(nv);
            }
          }
          reqs.add(new NodeSelectorRequirement(r.key(), Operator.IN, transition));
          changes.add(
              new SelectorChange(
                  "affinity nodeSelectorTerms[" + ti + "] " + r.key() + " In",
                  r.values().toString(),
                  finalValues.toString()));
        } else if (r.operator() == Operator.NOT_IN && r.values().contains(t)) {
          List<String> values = new ArrayList<>(r.values());
          values.remove(t);
          reqs.add(new NodeSelectorRequirement(r.key(), Operator.NOT_IN, values));
          changes.add(
              new SelectorChange(
                  "affinity nodeSelectorTerms[" + ti + "] " + r.key() + " NotIn",
                  r.values().toString(),
                  values.toString()));
        } else {
          reqs.add(r);
        }
      }
      reqs.addAll(extra);
      terms.add(new NodeSelectorTerm(reqs, term.matchFields()));
    }
    boolean required = c.affinityRequired();
    if (!required && !extra.isEmpty()) {
      terms.add(new NodeSelectorTerm(extra, List.of()));
      required = true;
    }
    item.selectorChanges = changes;
    item.rebuiltConstraints =
        changes.isEmpty()
            ? c
            : new SchedulingConstraints(
                selector, terms, required, c.tolerations(), c.runtimeClassName());
  }

  /**
   * The workload's status from its placement after the upgrade ({@code placed}) and the replicas
   * without room after and before: a workload that could not run before either is {@code
   * already-broken} (the upgrade is not the cause), one whose images run on the target but whose
   * windows-build selector must follow is {@code reschedule}, one whose images must change is
   * {@code rebuild}.
   */
  private static UpgradeStatus status(
      Item item, UpgradeStatus placed, int without, int withoutBefore, StateClasses state) {
    boolean landedBefore = false;
    for (int c : state.beforeClasses) {
      landedBefore |= item.runsOriginal[c];
    }
    item.landedBefore = landedBefore;
    if (!landedBefore && !item.workload.daemonSet() && placed != UpgradeStatus.OK) {
      return UpgradeStatus.ALREADY_BROKEN; // even if a rebuild would place it after
    }
    if (placed == UpgradeStatus.BREAKS) {
      return UpgradeStatus.BREAKS;
    }
    if (without > 0) {
      return withoutBefore >= without ? UpgradeStatus.ALREADY_BROKEN : UpgradeStatus.BREAKS;
    }
    if (item.mode == Mode.REBUILT) {
      return item.imagesNeedingRebuild.isEmpty() ? UpgradeStatus.RESCHEDULE : UpgradeStatus.REBUILD;
    }
    return UpgradeStatus.OK;
  }

  private static UpgradeStatus placementStatus(Item item, StateClasses state) {
    if (item.workload.daemonSet()) {
      boolean loses = false;
      boolean rebuiltKeeps = true;
      for (int[] pair : state.upgradedPairs) {
        if (item.runsOriginal[pair[0]] && !item.runsOriginal[pair[1]]) {
          loses = true;
          rebuiltKeeps &= item.runsRebuilt[pair[1]];
        }
      }
      return !loses
          ? UpgradeStatus.OK
          : rebuiltKeeps ? UpgradeStatus.REBUILD : UpgradeStatus.BREAKS;
    }
    boolean original = false;
    boolean rebuilt = false;
    for (int c : state.afterClasses) {
      original |= item.runsOriginal[c];
      rebuilt |= item.runsRebuilt[c];
    }
    return original ? UpgradeStatus.OK : rebuilt ? UpgradeStatus.REBUILD : UpgradeStatus.BREAKS;
  }

  /** Which classes occur before and after, and how upgraded nodes move between classes. */
  private static final class StateClasses {
    final int[] beforeClasses;
    final int[] afterClasses;
    final List<int[]> upgradedPairs = new ArrayList<>();

    StateClasses(NodeClasses classes, boolean[] upgraded) {
      Set<Integer> before = new java.util.TreeSet<>();
      Set<Integer> after = new java.util.TreeSet<>();
      Set<Long> pairs = new HashSet<>();
      for (int i = 0; i < upgraded.length; i++) {
        before.add(classes.before[i]);
        after.add(classes.after[i]);
        if (upgraded[i] && pairs.add(((long) classes.before[i] << 32) | classes.after[i])) {
          upgradedPairs.add(new int[] {classes.before[i], classes.after[i]});
        }
      }
      beforeClasses = before.stream().mapToInt(Integer::intValue).toArray();
      afterClasses = after.stream().mapToInt(Integer::intValue).toArray();
    }
  }

  record PackResult(int[] unplaced, int[] wanted, Packing packing) {}

  /**
   * Places every workload's pods on the nodes in the given classes: DaemonSets first (one pod per
   * node they run on), then the workloads with the fewest nodes to choose from.
   */
  static PackResult pack(
      List<Item> items, int[] classOf, long[] cpu, long[] memory, int classCount) {
    Packing p = new Packing(cpu, memory, classOf, classCount);
    int[] unplaced = new int[items.size()];
    int[] wanted = new int[items.size()];
    placeDaemonSets(daemonSets(items), p, unplaced, wanted, null);
    p.index();
    int[] classSize = new int[classCount];
    for (int c : classOf) {
      classSize[c]++;
    }
    List<Item> order = new ArrayList<>();
    for (Item item : items) {
      if (!item.workload.daemonSet() && !item.excluded) {
        order.add(item);
      }
    }
    Map<Item, Integer> reach = new HashMap<>();
    for (Item item : order) {
      int sum = 0;
      for (int c : item.classes()) {
        sum += classSize[c];
      }
      reach.put(item, sum);
    }
    order.sort(
        Comparator.comparingInt((Item i) -> i.mode == Mode.ORIGINAL ? 0 : 1)
            .thenComparingInt(reach::get)
            .thenComparingInt(i -> i.index));
    for (Item item : order) {
      Workload w = item.workload;
      wanted[item.index] = w.replicas();
      for (int r = 0; r < w.replicas(); r++) {
        int node = p.best(item.classes(), w.cpuMillis(), w.memoryBytes());
        if (node < 0) {
          unplaced[item.index] += w.replicas() - r;
          break;
        }
        p.put(node, item.index, w.cpuMillis(), w.memoryBytes(), true);
      }
    }
    return new PackResult(unplaced, wanted, p);
  }

  static List<Item> daemonSets(List<Item> items) {
    return items.stream().filter(i -> i.workload.daemonSet() && !i.excluded).toList();
  }

  /** One pod per node of each DaemonSet that runs there; {@code only} limits it to one node. */
  static void placeDaemonSets(
      List<Item> items, Packing p, int[] unplaced, int[] wanted, Integer only) {
    for (Item item : items) {
      if (!item.workload.daemonSet() || item.excluded) {
        continue;
      }
      Workload w = item.workload;
      boolean[] runs = item.runs();
      int from = only == null ? 0 : only;
      int to = only == null ? p.classOf.length : only + 1;
      for (int i = from; i < to; i++) {
        if ((only == null && !p.open[i]) || !runs[p.classOf[i]]) {
          continue;
        }
        if (wanted != null) {
          wanted[item.index]++;
        }
        if (p.fits(i, w.cpuMillis(), w.memoryBytes())) {
          p.put(i, item.index, w.cpuMillis(), w.memoryBytes(), false);
        } else if (unplaced != null) {
          unplaced[item.index]++;
        }
      }
    }
  }

  private WorkloadOutcome outcome(
      Item item,
      UpgradeStatus status,
      UpgradeStatus placed,
      int without,
      int wanted,
      int withoutBefore,
      NodeClasses classes,
      StateClasses state,
      OsVersion target,
      WindowsRelease release,
      SortedSet<OsVersion> fromBuilds) {
    SortedSet<OsVersion> before = new TreeSet<>();
    SortedSet<OsVersion> after = new TreeSet<>();
    for (int c : state.beforeClasses) {
      addBuild(before, item.runsOriginal, c, classes);
    }
    for (int c : state.afterClasses) {
      addBuild(after, item.runsOriginal, c, classes);
    }
    Map<String, String> suggested = new LinkedHashMap<>();
    List<String> cautions = new ArrayList<>();
    List<String> unknownScheme = new ArrayList<>();
    // Images to rebuild on are named only where a rebuild is the fix (not for workloads that
    // could not run before, nor for those that only lose their nodes' room).
    boolean suggest =
        status == UpgradeStatus.REBUILD
            || (status == UpgradeStatus.BREAKS
                && placed != UpgradeStatus.BREAKS
                && item.mode == Mode.REBUILT);
    if (suggest) {
      for (ImageProfile p : item.profiles) {
        if (!item.imagesNeedingRebuild.contains(p.reference())) {
          continue;
        }
        Set<Integer> builds = new HashSet<>();
        p.windowsBuilds().forEach(b -> builds.add(b.build()));
        Optional<TagSchemes.Suggestion> s = schemes.suggest(p.reference(), builds, target.build());
        if (s.isPresent()) {
          suggested.put(s.get().from(), s.get().to());
          cautions.addAll(s.get().notes());
        } else {
          unknownScheme.add(p.reference());
        }
      }
    }
    String reason =
        reason(
            item,
            status,
            placed,
            without,
            wanted,
            withoutBefore,
            before,
            after,
            release,
            target,
            suggested,
            cautions,
            unknownScheme,
            fromBuilds);
    return new WorkloadOutcome(
        item.workload.object(),
        item.workload.file(),
        status,
        before,
        after,
        suggested,
        status == UpgradeStatus.OK ? List.of() : item.selectorChanges,
        wanted,
        // Without a node to run on at all, its replicas lack a node, not room.
        placed == UpgradeStatus.BREAKS || !item.landedBefore && status != UpgradeStatus.OK
            ? 0
            : without,
        reason);
  }

  private static void addBuild(SortedSet<OsVersion> out, boolean[] runs, int c, NodeClasses k) {
    if (!runs[c]) {
      return;
    }
    FleetNode rep = k.representatives.get(c);
    if (rep.isWindows() && rep.windowsVersion() != null) {
      out.add(rep.windowsVersion().withoutRevision());
    }
  }

  private String reason(
      Item item,
      UpgradeStatus status,
      UpgradeStatus placed,
      int without,
      int wanted,
      int withoutBefore,
      SortedSet<OsVersion> before,
      SortedSet<OsVersion> after,
      WindowsRelease release,
      OsVersion target,
      Map<String, String> suggested,
      List<String> cautions,
      List<String> unknownScheme,
      SortedSet<OsVersion> fromBuilds) {
    Workload w = item.workload;
    String targetText = release.name() + " (" + target + ")";
    StringBuilder sb = new StringBuilder();
    switch (status) {
      case OK -> {
        if (before.isEmpty() && after.isEmpty()) {
          sb.append(
              item.profiles.stream().anyMatch(ImageProfile::isWindows)
                  ? "it can land on no Windows node, before or after the upgrade"
                  : "it runs on Linux (or nodes the upgrade does not touch)");
        } else if (after.contains(target)) {
          sb.append("its images run on ").append(targetText);
        } else if (w.daemonSet()) {
          sb.append("it ran on none of the upgraded nodes");
        } else if (after.isEmpty()) {
          sb.append("nodes the upgrade does not touch still run it, with room for ")
              .append(wanted == 1 ? "its replica" : "all " + wanted + " replicas");
        } else {
          sb.append("nodes of ")
              .append(join(after))
              .append(" that are not upgraded still run it, with room for ")
              .append(wanted == 1 ? "its replica" : "all " + wanted + " replicas");
        }
      }
      case REBUILD -> {
        if (placed == UpgradeStatus.OK && !w.daemonSet()) {
          sb.append("the nodes of ")
              .append(join(after))
              .append(" left have no room for all ")
              .append(wanted)
              .append(" replicas");
        } else if (w.daemonSet()) {
          sb.append("its pods on the upgraded nodes stop: ")
              .append(String.join(", ", item.imagesNeedingRebuild))
              .append(item.imagesNeedingRebuild.size() == 1 ? " does" : " do")
              .append(" not run on ")
              .append(targetText);
        } else {
          sb.append("no node left runs ")
              .append(String.join(", ", item.imagesNeedingRebuild))
              .append(parenthesised(join(before)));
        }
        sb.append("; rebuild on the ").append(release.name()).append(" base image");
        sb.append(parenthesised(String.join(", ", suggested.values())));
        appendSelectorChanges(sb, item);
        if (!unknownScheme.isEmpty()) {
          sb.append("; no published tag is known for ")
              .append(String.join(", ", unknownScheme))
              .append(" on ")
              .append(target)
              .append(": build it on the ")
              .append(release.name())
              .append(" base image");
        }
      }
      case RESCHEDULE -> {
        sb.append("its images run on ").append(targetText).append(" but ");
        sb.append(
            item.selectorChanges.isEmpty()
                ? "its scheduling keeps it off the upgraded nodes"
                : "its windows-build selector keeps it on "
                    + String.join(
                        ", ",
                        item.selectorChanges.stream()
                            .map(SelectorChange::from)
                            .distinct()
                            .toList()));
        appendSelectorChanges(sb, item);
        sb.append("; no image changes");
      }
      case ALREADY_BROKEN -> {
        if (!item.landedBefore) {
          sb.append("no node runs it even before the upgrade, so the upgrade is not the cause;")
              .append(" 'winfleet check' says why");
        } else {
          sb.append(without)
              .append(" of ")
              .append(wanted)
              .append(wanted == 1 ? " replica had" : " replicas had")
              .append(" no room before the upgrade either (each asks ")
              .append(describeRequest(w))
              .append("); the upgrade does not make it worse");
        }
      }
      case BREAKS -> {
        if (placed == UpgradeStatus.BREAKS) {
          sb.append("no node it can land on runs it after the upgrade, even rebuilt for ")
              .append(target);
          if (!before.isEmpty()) {
            sb.append("; today it runs on ").append(join(before));
          }
        } else {
          sb.append(without)
              .append(" of ")
              .append(wanted)
              .append(wanted == 1 ? " replica has" : " replicas have")
              .append(" no room after the upgrade")
              .append(item.mode == Mode.REBUILT ? ", even rebuilt for " + target : "")
              .append(" (each asks ")
              .append(describeRequest(w))
              .append("); add nodes or lower the requests");
          if (withoutBefore > 0) {
            sb.append("; ").append(withoutBefore).append(" already had no room before");
          }
        }
      }
    }
    for (String c : cautions) {
      sb.append("; ").append(c);
    }
    return sb.toString();
  }

  /** " (text)", or nothing for no text: a reason never shows an empty "()". */
  static String parenthesised(String text) {
    return text == null || text.isBlank() ? "" : " (" + text + ")";
  }

  private static void appendSelectorChanges(StringBuilder sb, Item item) {
    for (SelectorChange c : item.selectorChanges) {
      sb.append("; set ").append(c.where()).append(" to ").append(c.to());
    }
  }

  private static String describeRequest(Workload w) {
    return String.format(
        java.util.Locale.ROOT,
        "%s CPU, %s memory",
        w.cpuMillis() % 1000 == 0 ? String.valueOf(w.cpuMillis() / 1000) : w.cpuMillis() + "m",
        w.memoryBytes() % (1L << 30) == 0
            ? (w.memoryBytes() >> 30) + "Gi"
            : w.memoryBytes() % (1L << 20) == 0
                ? (w.memoryBytes() >> 20) + "Mi"
                : String.valueOf(w.memoryBytes()));
  }

  private static String join(SortedSet<OsVersion> builds) {
    return String.join(", ", builds.stream().map(OsVersion::toString).toList());
  }

  // ---------------------------------------------------------------------------------------------

  /** Drains the upgraded nodes wave by wave on a copy of the packing, checking every step. */
  private static final class WaveSimulation {
    private final List<Item> items;
    private final List<DisruptionBudget> budgets;
    private final List<FleetNode> nodes;
    private final NodeClasses classes;
    private final boolean[] upgraded;
    private final long[] cpu;
    private final long[] memory;
    private final int maxPerWave;
    private final WindowsRelease release;
    private final OsVersion target;
    private final SortedSet<OsVersion> fromBuilds;
    private int[] desired;
    private int[] pending;
    private int[] pendingPerWorkload;

    WaveSimulation(
        List<Item> items,
        List<DisruptionBudget> budgets,
        List<FleetNode> nodes,
        NodeClasses classes,
        boolean[] upgraded,
        long[] cpu,
        long[] memory,
        int maxPerWave,
        WindowsRelease release,
        OsVersion target,
        SortedSet<OsVersion> fromBuilds) {
      this.items = items;
      this.budgets = budgets;
      this.nodes = nodes;
      this.classes = classes;
      this.upgraded = upgraded;
      this.cpu = cpu;
      this.memory = memory;
      this.maxPerWave = maxPerWave;
      this.release = release;
      this.target = target;
      this.fromBuilds = fromBuilds;
    }

    List<UpgradeWave> run() {
      List<Integer> remaining = new ArrayList<>();
      for (int i = 0; i < nodes.size(); i++) {
        if (upgraded[i]) {
          remaining.add(i);
        }
      }
      if (remaining.isEmpty()) {
        return List.of();
      }
      remaining.sort(Comparator.comparing(i -> nodes.get(i).name()));
      // The rebuilt images go out first: from here on, rebuilt workloads run on both builds.
      List<String> rebuiltFirst = new ArrayList<>();
      List<String> reselectedFirst = new ArrayList<>();
      for (Item item : items) {
        if (!item.excluded && item.mode == Mode.REBUILT) {
          (item.imagesNeedingRebuild.isEmpty() ? reselectedFirst : rebuiltFirst)
              .add(item.workload.object().display());
        }
      }
      PackResult start = pack(items, classes.before, cpu, memory, classes.count());
      List<Item> daemonSets = daemonSets(items);
      Packing p = start.packing();
      int[] expected = new int[budgets.size()];
      desired = new int[budgets.size()];
      pending = new int[budgets.size()];
      pendingPerWorkload = start.unplaced().clone();
      for (Item item : items) {
        item.budgets.clear();
        if (item.excluded || item.workload.daemonSet()) {
          continue;
        }
        for (int b = 0; b < budgets.size(); b++) {
          if (budgets.get(b).covers(item.workload)) {
            item.budgets.add(b);
            expected[b] += item.workload.replicas();
            pending[b] += start.unplaced()[item.index];
          }
        }
      }
      for (int b = 0; b < budgets.size(); b++) {
        desired[b] = budgets.get(b).desiredHealthy(expected[b]);
      }
      int[] expectedFinal = expected;

      List<UpgradeWave> waves = new ArrayList<>();
      while (!remaining.isEmpty()) {
        List<Integer> wave = new ArrayList<>();
        int[] used = new int[budgets.size()];
        String firstBlocker = null;
        for (int node : remaining) {
          if (maxPerWave > 0 && wave.size() >= maxPerWave) {
            break;
          }
          String blocker = budgetBlocker(p, node, used, expectedFinal, wave.isEmpty());
          int[] evicts = budgetCounts(p, node);
          if (blocker == null) {
            blocker = drain(p, node, false);
          }
          if (blocker == null) {
            wave.add(node);
            for (int b = 0; b < used.length; b++) {
              used[b] += evicts[b];
            }
          } else if (firstBlocker == null) {
            firstBlocker = blocker;
          }
        }
        boolean blocked = false;
        if (wave.isEmpty()) {
          int node = remaining.get(0);
          String blocker = budgetBlocker(p, node, used, expectedFinal, true);
          if (blocker == null) {
            blocker = firstBlocker;
          }
          drain(p, node, true);
          wave.add(node);
          blocked = true;
          firstBlocker = blocker;
        }
        for (int node : wave) {
          p.reset(node, classes.after[node]);
          placeDaemonSets(daemonSets, p, null, null, node);
          p.reopen(node);
        }
        placePending(p);
        remaining.removeAll(wave);
        List<String> names = wave.stream().map(i -> nodes.get(i).name()).sorted().toList();
        waves.add(
            new UpgradeWave(
                names,
                precondition(waves.size(), rebuiltFirst, reselectedFirst, blocked, firstBlocker),
                blocked));
      }
      return waves;
    }

    private String precondition(
        int index,
        List<String> rebuiltFirst,
        List<String> reselectedFirst,
        boolean blocked,
        String blocker) {
      StringBuilder sb = new StringBuilder();
      if (index == 0) {
        if (!rebuiltFirst.isEmpty()) {
          sb.append("rebuild first: ")
              .append(firstFive(rebuiltFirst))
              .append(" (each image as one tag listing ")
              .append(String.join(", ", fromBuilds.stream().map(OsVersion::toString).toList()))
              .append(" and ")
              .append(target)
              .append(", windows-build selectors allowing both); ");
        }
        if (!reselectedFirst.isEmpty()) {
          sb.append(rebuiltFirst.isEmpty() ? "first " : "")
              .append("let the windows-build selectors of ")
              .append(firstFive(reselectedFirst))
              .append(" allow ")
              .append(target)
              .append(" too (their images stay); ");
        }
        if (sb.length() > 0) {
          sb.append("then ");
        }
      } else {
        sb.append("wave ").append(index).append(" upgraded and Ready; then ");
      }
      sb.append(
              "cordon and drain these nodes (kubectl drain --ignore-daemonsets) and upgrade them to ")
          .append(release.name());
      if (blocked) {
        sb.append("; BLOCKED: ").append(blocker);
      }
      return sb.toString();
    }

    private static String firstFive(List<String> names) {
      return names.size() <= 5
          ? String.join(", ", names)
          : String.join(", ", names.subList(0, 5)) + " and " + (names.size() - 5) + " more";
    }

    /**
     * Why a PodDisruptionBudget forbids draining this node now, or null. Alone, a node can be
     * drained whenever the budget allows one disruption (the eviction API lets its pods go one by
     * one); drained together with others, all their pods a budget covers are evicted at once and
     * must fit in what it allows.
     */
    private String budgetBlocker(Packing p, int node, int[] used, int[] expected, boolean alone) {
      if (budgets.isEmpty()) {
        return null;
      }
      int[] add = new int[budgets.size()];
      for (int w : p.pods.get(node)) {
        for (int b : items.get(w).budgets) {
          add[b]++;
        }
      }
      for (int b = 0; b < budgets.size(); b++) {
        if (add[b] == 0) {
          continue;
        }
        int allowed = expected[b] - pending[b] - desired[b];
        if (allowed <= 0 || (!alone && used[b] + add[b] > allowed)) {
          DisruptionBudget budget = budgets.get(b);
          return budget.object()
              + " ("
              + budget.describeRule()
              + " of "
              + expected[b]
              + " pods) allows "
              + Math.max(0, allowed)
              + " disruption(s) at a time and draining "
              + nodes.get(node).name()
              + " evicts "
              + (used[b] + add[b])
              + (allowed <= 0 ? "; scale up or relax the budget first" : "");
        }
      }
      return null;
    }

    private int[] budgetCounts(Packing p, int node) {
      int[] add = new int[budgets.size()];
      for (int w : p.pods.get(node)) {
        for (int b : items.get(w).budgets) {
          add[b]++;
        }
      }
      return add;
    }

    /**
     * Cordons the node and moves its pods to other open nodes. When one finds no room: undoes it
     * all and says why, unless {@code force}, which leaves such pods pending.
     */
    private String drain(Packing p, int node, boolean force) {
      p.close(node);
      List<Integer> moving = new ArrayList<>(p.pods.get(node));
      List<int[]> moved = new ArrayList<>();
      String problem = null;
      Map<Integer, Integer> stuck = new LinkedHashMap<>();
      for (int w : moving) {
        Workload wl = items.get(w).workload;
        int to = p.best(items.get(w).classes(), wl.cpuMillis(), wl.memoryBytes());
        if (to < 0) {
          stuck.merge(w, 1, Integer::sum);
          if (!force) {
            problem = "draining " + nodes.get(node).name() + " leaves ";
            break;
          }
          continue;
        }
        p.put(to, w, wl.cpuMillis(), wl.memoryBytes(), true);
        moved.add(new int[] {w, to});
      }
      if (problem != null) {
        for (int[] m : moved) {
          Workload wl = items.get(m[0]).workload;
          p.take(m[1], m[0], wl.cpuMillis(), wl.memoryBytes());
        }
        reopen(p, node);
        int w = stuck.keySet().iterator().next();
        return problem
            + "replicas of "
            + items.get(w).workload.object().display()
            + " without room; add capacity first";
      }
      // The pods that moved (or are pending) are no longer on the node.
      for (int[] m : moved) {
        p.pods.get(node).remove(Integer.valueOf(m[0]));
      }
      for (Map.Entry<Integer, Integer> e : stuck.entrySet()) {
        for (int k = 0; k < e.getValue(); k++) {
          p.pods.get(node).remove(Integer.valueOf(e.getKey()));
        }
        pendingPerWorkload[e.getKey()] += e.getValue();
        for (int b : items.get(e.getKey()).budgets) {
          pending[b] += e.getValue();
        }
      }
      if (!stuck.isEmpty()) {
        int w = stuck.keySet().iterator().next();
        return "draining "
            + nodes.get(node).name()
            + " leaves replicas of "
            + items.get(w).workload.object().display()
            + " without room; add capacity first";
      }
      return null;
    }

    private void reopen(Packing p, int node) {
      p.reopen(node);
    }

    /** Pending pods (no room earlier) try again once upgraded nodes are back. */
    private void placePending(Packing p) {
      for (Item item : items) {
        int waiting = pendingPerWorkload[item.index];
        if (waiting == 0 || item.excluded || item.workload.daemonSet()) {
          continue;
        }
        Workload w = item.workload;
        while (waiting > 0) {
          int to = p.best(item.classes(), w.cpuMillis(), w.memoryBytes());
          if (to < 0) {
            break;
          }
          p.put(to, item.index, w.cpuMillis(), w.memoryBytes(), true);
          waiting--;
          for (int b : item.budgets) {
            pending[b]--;
          }
        }
        pendingPerWorkload[item.index] = waiting;
      }
    }
  }
}
