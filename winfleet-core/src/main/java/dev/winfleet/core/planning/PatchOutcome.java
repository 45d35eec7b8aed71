package dev.winfleet.core.planning;

import dev.winfleet.core.manifest.ObjectRef;
import dev.winfleet.core.version.OsVersion;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * When one workload's images may move to the target revision of a {@link PatchPlan}. Why is a value
 * ({@link #status()}, {@link #nodes()}, {@link #ahead()}); {@link #reason()} renders it in words in
 * one place, as {@link BlockedBy} does for the upgrade planner.
 *
 * @param images its Windows images of the target's build
 * @param rollAfterWave the wave (1-based) after which its images may roll; 0 for now
 * @param target the revision the plan rolls out
 * @param nodes the nodes of the target's build it can land on that the status is about, as listed
 *     for each {@link Status}
 * @param ahead for {@link Status#AHEAD_NOW}, each image ahead of a node; else empty
 */
public record PatchOutcome(
    ObjectRef object,
    String file,
    Status status,
    List<String> images,
    int rollAfterWave,
    OsVersion target,
    List<String> nodes,
    List<Ahead> ahead) {

  /** Where the workload stands, with what {@link #nodes()} lists for each. */
  public enum Status {
    /**
     * Every node of the build it can land on is already at the target or above: those nodes (none
     * when it can land on no node of the build).
     */
    ROLL_NOW,
    /** Its images may roll once the given wave is done: the last node it can land on to patch. */
    ROLL_AFTER_WAVE,
    /** It runs an image of a newer revision than a node it can land on, today: those nodes. */
    AHEAD_NOW,
    /** A node it can land on has no known revision, so no one can tell when it is safe: those. */
    UNKNOWN;

    /** {@code roll-after-wave}: the name in JSON and text. */
    public String wireName() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  /** An image of a newer revision than a node it can land on runs today. */
  public record Ahead(String node, OsVersion host, OsVersion image) {
    public Ahead {
      Objects.requireNonNull(node, "node");
      Objects.requireNonNull(host, "host");
      Objects.requireNonNull(image, "image");
    }
  }

  public PatchOutcome {
    Objects.requireNonNull(object, "object");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(target, "target");
    images = List.copyOf(images);
    nodes = List.copyOf(nodes);
    ahead = List.copyOf(ahead);
    if (rollAfterWave < 0) {
      throw new IllegalArgumentException("rollAfterWave must be 0 or more");
    }
    if (status == Status.ROLL_AFTER_WAVE && (rollAfterWave == 0 || nodes.isEmpty())) {
      throw new IllegalArgumentException("roll-after-wave needs a wave and the node it waits for");
    }
    if ((status == Status.AHEAD_NOW) == ahead.isEmpty()) {
      throw new IllegalArgumentException("ahead lists the images ahead, for ahead-now only");
    }
  }

  /** Why, in words, with the nodes that hold it back. */
  public String reason() {
    return switch (status) {
      case AHEAD_NOW ->
          "an image is already ahead of nodes it can land on: "
              + String.join(
                  ", ",
                  ahead.stream()
                      .map(a -> a.node() + " (" + a.host() + " < image " + a.image() + ")")
                      .toList())
              + (rollAfterWave > 0
                  ? "; those nodes are patched by wave " + rollAfterWave
                  : "; patch those nodes first");
      case UNKNOWN ->
          "the revision of "
              + String.join(", ", nodes)
              + " is not known; roll its images after wave "
              + rollAfterWave
              + " only once those nodes report "
              + target
              + " or later";
      case ROLL_NOW ->
          nodes.isEmpty()
              ? "no node of build " + target.buildString() + " it can land on"
              : "every node of build "
                  + target.buildString()
                  + " it can land on is at "
                  + target
                  + " or later";
      case ROLL_AFTER_WAVE ->
          "its images may move to "
              + target
              + " after wave "
              + rollAfterWave
              + ", the last that patches a node it can land on ("
              + nodes.get(0)
              + ")";
    };
  }
}
