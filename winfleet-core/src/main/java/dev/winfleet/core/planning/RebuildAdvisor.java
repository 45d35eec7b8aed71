package dev.winfleet.core.planning;

import dev.winfleet.core.compat.CompatibilityEngine;
import dev.winfleet.core.compat.HostPlatform;
import dev.winfleet.core.compat.ImagePlatform;
import dev.winfleet.core.compat.OsFamily;
import dev.winfleet.core.fleet.FleetObjects;
import dev.winfleet.core.image.ImageProfile;
import dev.winfleet.core.placement.NodeSelectorRequirement;
import dev.winfleet.core.placement.NodeSelectorRequirement.Operator;
import dev.winfleet.core.placement.NodeSelectorTerm;
import dev.winfleet.core.placement.SchedulingConstraints;
import dev.winfleet.core.version.OsVersion;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;

/**
 * Which images must be rebuilt for the target build, and how: the compatibility engine says which
 * Windows images the target cannot run; each gains a platform for the target build (one tag listing
 * the old and the new build), windows-build selectors that pin an upgraded build allow the target
 * build too, and where the repository follows a known tag scheme, the published tag to rebuild on
 * is named.
 */
final class RebuildAdvisor {

  private final CompatibilityEngine compatibility;
  private final TagSchemes schemes;
  private final OsVersion target;
  private final HostPlatform targetHost;
  private final Set<String> fromBuilds = new HashSet<>();

  /**
   * @param fromBuilds the builds the upgraded nodes leave
   */
  RebuildAdvisor(
      CompatibilityEngine compatibility,
      TagSchemes schemes,
      OsVersion target,
      SortedSet<OsVersion> fromBuilds) {
    this.compatibility = compatibility;
    this.schemes = schemes;
    this.target = target;
    this.targetHost = HostPlatform.windows(target);
    fromBuilds.forEach(b -> this.fromBuilds.add(b.buildString()));
  }

  /** The published tags to rebuild on, with their cautions, and the images no scheme covers. */
  record TagAdvice(
      Map<String, String> suggested, List<String> cautions, List<String> unknownScheme) {
    static final TagAdvice NONE = new TagAdvice(Map.of(), List.of(), List.of());
  }

  /** The workload rebuilt for the transition; itself (no changes) when nothing must change. */
  RebuiltWorkload rebuild(ScopedWorkload w) {
    List<ImageProfile> rebuilt = new ArrayList<>();
    List<String> needing = new ArrayList<>();
    List<String> unknown = new ArrayList<>();
    for (ImageProfile p : w.profiles()) {
      if (p.runsOn(targetHost, compatibility).isEmpty()) {
        unknown.add(p.reference());
      }
      if (mustRebuild(p)) {
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
    Transition transition = transition(w);
    return new RebuiltWorkload(
        rebuilt, transition.constraints, transition.changes, needing, unknown);
  }

  /** A Windows image of known builds that the compatibility engine says the target cannot run. */
  private boolean mustRebuild(ImageProfile p) {
    boolean windowsKnown =
        (p.os() == ImageProfile.OsClass.WINDOWS || p.os() == ImageProfile.OsClass.MULTI_OS)
            && !p.anyWindowsBuild()
            && !p.windowsBuilds().isEmpty();
    return windowsKnown && !p.runsOn(targetHost, compatibility).orElse(true);
  }

  private record Transition(SchedulingConstraints constraints, List<SelectorChange> changes) {}

  /** The workload's scheduling while both builds run, and the selector edits to make. */
  private Transition transition(ScopedWorkload w) {
    String t = target.buildString();
    SchedulingConstraints c = w.constraints();
    List<SelectorChange> changes = new ArrayList<>();
    Map<String, String> selector = new LinkedHashMap<>(c.nodeSelector());
    String pinned = selector.get(FleetObjects.WINDOWS_BUILD_LABEL);
    List<NodeSelectorRequirement> extra = new ArrayList<>();
    if (pinned != null && fromBuilds.contains(pinned)) {
      selector.remove(FleetObjects.WINDOWS_BUILD_LABEL);
      extra.add(
          new NodeSelectorRequirement(
              FleetObjects.WINDOWS_BUILD_LABEL, Operator.IN, List.of(pinned, t)));
      boolean own =
          w.workload().constraints().nodeSelector().containsKey(FleetObjects.WINDOWS_BUILD_LABEL);
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
        if (r.operator() == Operator.IN && r.values().stream().anyMatch(fromBuilds::contains)) {
          List<String> transition = new ArrayList<>(r.values());
          if (!transition.contains(t)) {
            transition.add(t);
          }
          List<String> finalValues = new ArrayList<>();
          for (String v : r.values()) {
            String nv = fromBuilds.contains(v) ? t : v;
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
    return new Transition(
        changes.isEmpty()
            ? c
            : new SchedulingConstraints(
                selector, terms, required, c.tolerations(), c.runtimeClassName()),
        changes);
  }

  /**
   * The published tags to rebuild on, named only where a rebuild is the fix: for a workload to
   * {@code rebuild}, and for one that breaks for lack of room even rebuilt; not for workloads that
   * could not run before, nor for those that only lose their nodes' room.
   */
  TagAdvice tags(JudgedWorkload j) {
    boolean suggest =
        j.status() == UpgradeStatus.REBUILD
            || (j.status() == UpgradeStatus.BREAKS
                && j.placement() != UpgradeStatus.BREAKS
                && j.mode() == PlacedWorkload.Mode.REBUILT);
    if (!suggest) {
      return TagAdvice.NONE;
    }
    Map<String, String> suggested = new LinkedHashMap<>();
    List<String> cautions = new ArrayList<>();
    List<String> unknownScheme = new ArrayList<>();
    List<String> needing = j.placed().rebuilt().imagesNeedingRebuild();
    for (ImageProfile p : j.placed().scoped().profiles()) {
      if (!needing.contains(p.reference())) {
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
    return new TagAdvice(suggested, cautions, unknownScheme);
  }
}
