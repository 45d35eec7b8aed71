package dev.winfleet.core.rules;

import dev.winfleet.core.fleet.Fleet;
import dev.winfleet.core.image.ImageProfile;
import dev.winfleet.core.placement.PlacementDecision;
import dev.winfleet.core.placement.PlacementEngine;
import dev.winfleet.core.placement.SchedulingConstraints;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * The placements already decided in one environment, by what decides them: a placement is a pure
 * function of the pod's constraints, its image profiles and the fleet, and the pods of a repository
 * share few of those (the 50,000-resource bench corpus has a few hundred), so each is decided once.
 * Also the one answer every pod of the environment shares, the release tags to suggest in place of
 * an image's tag ({@link CheckEnvironment#suggestedBuilds()}). Thread-safe; bounded, so that a
 * large fleet or a long-lived server cannot grow it without limit (past the bound, placements are
 * decided every time, as without a memo).
 */
final class PlacementMemo {

  /** At most this many node verdicts are kept, over all remembered placements. */
  private static final int MAX_VERDICTS = 1 << 18;

  private static final int MAX_PLACEMENTS = 4096;

  /**
   * What decides a placement. Equal when the constraints and the image profiles are; hashed by hand
   * from a few of their parts (equal keys hash alike), because a record's generated {@code
   * hashCode} and {@code equals} run through method handles that the quick compiler the checker
   * uses does not inline: they cost more than the lookup they serve (decision record 0021).
   */
  private static final class Key {
    private final SchedulingConstraints constraints;
    private final List<ImageProfile> images;
    private final int hash;

    Key(SchedulingConstraints constraints, List<ImageProfile> images) {
      this.constraints = constraints;
      this.images = images;
      int h = constraints.nodeSelector().hashCode();
      h = 31 * h + Objects.hashCode(constraints.runtimeClassName());
      h = 31 * h + Objects.hashCode(constraints.nodeName());
      h = 31 * h + constraints.tolerations().size();
      h = 31 * h + constraints.requiredTerms().size();
      for (int i = 0; i < images.size(); i++) {
        ImageProfile p = images.get(i);
        h = 31 * h + p.reference().hashCode();
        h = 31 * h + p.os().ordinal();
        h = 31 * h + p.platforms().size();
      }
      this.hash = h;
    }

    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public boolean equals(Object o) {
      if (this == o) {
        return true;
      }
      if (!(o instanceof Key k) || k.hash != hash || k.images.size() != images.size()) {
        return false;
      }
      for (int i = 0; i < images.size(); i++) {
        ImageProfile a = images.get(i);
        ImageProfile b = k.images.get(i);
        if (a != b && !a.equals(b)) {
          return false;
        }
      }
      SchedulingConstraints a = constraints;
      SchedulingConstraints b = k.constraints;
      return a == b
          || (a.affinityRequired() == b.affinityRequired()
              && Objects.equals(a.runtimeClassName(), b.runtimeClassName())
              && Objects.equals(a.nodeName(), b.nodeName())
              && a.nodeSelector().equals(b.nodeSelector())
              && a.tolerations().equals(b.tolerations())
              && a.requiredTerms().equals(b.requiredTerms()));
    }
  }

  private final PlacementEngine engine;
  private final Fleet fleet;
  private final int capacity;
  private final Map<Key, PlacementDecision> decisions = new ConcurrentHashMap<>();

  private final List<Integer> suggestedBuilds;

  PlacementMemo(PlacementEngine engine, Fleet fleet, List<Integer> suggestedBuilds) {
    this.engine = engine;
    this.fleet = fleet;
    this.suggestedBuilds = List.copyOf(suggestedBuilds);
    this.capacity = Math.min(MAX_PLACEMENTS, MAX_VERDICTS / Math.max(1, fleet.nodes().size()));
  }

  private volatile String supportedTags;

  /**
   * {@code engine.place(judged.apply(constraints), images, fleet)}, decided once per distinct
   * question; {@code judged} must be a pure function, the same for every call on this memo.
   */
  PlacementDecision place(
      SchedulingConstraints constraints,
      List<ImageProfile> images,
      UnaryOperator<SchedulingConstraints> judged) {
    Key key = new Key(constraints, List.copyOf(images));
    PlacementDecision known = decisions.get(key);
    if (known != null) {
      return known;
    }
    PlacementDecision decided = engine.place(judged.apply(constraints), images, fleet);
    if (decisions.size() < capacity) {
      decisions.putIfAbsent(key, decided);
    }
    return decided;
  }

  /**
   * The preferred release tags of the suggested Windows builds, joined with " or " ({@code
   * ltsc2022} when there are none): what rules suggest in place of an image's tag.
   */
  String supportedTags() {
    String known = supportedTags;
    if (known == null) {
      List<String> tags = new ArrayList<>();
      for (int build : suggestedBuilds) {
        engine
            .compatibility()
            .catalog()
            .preferredTag(build)
            .ifPresent(
                t -> {
                  if (!tags.contains(t)) {
                    tags.add(t);
                  }
                });
      }
      known = tags.isEmpty() ? "ltsc2022" : String.join(" or ", tags);
      supportedTags = known;
    }
    return known;
  }
}
