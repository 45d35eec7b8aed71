package dev.winfleet.core.planning;

import dev.winfleet.core.manifest.ObjectRef;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * When one workload's images may move to the target revision of a {@link PatchPlan}.
 *
 * @param images its Windows images of the target's build
 * @param rollAfterWave the wave (1-based) after which its images may roll; 0 for now
 * @param reason in words, with the nodes that hold it back
 */
public record PatchOutcome(
    ObjectRef object,
    String file,
    Status status,
    List<String> images,
    int rollAfterWave,
    String reason) {

  /** Where the workload stands. */
  public enum Status {
    /** Every node of the build it can land on is already at the target or above. */
    ROLL_NOW,
    /** Its images may roll once the given wave is done. */
    ROLL_AFTER_WAVE,
    /** It runs an image of a newer revision than a node it can land on, today. */
    AHEAD_NOW,
    /** A node it can land on has no known revision: it cannot be told when it is safe. */
    UNKNOWN;

    /** {@code roll-after-wave}: the name in JSON and text. */
    public String wireName() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  public PatchOutcome {
    Objects.requireNonNull(object, "object");
    Objects.requireNonNull(status, "status");
    images = List.copyOf(images);
    Objects.requireNonNull(reason, "reason");
    if (rollAfterWave < 0) {
      throw new IllegalArgumentException("rollAfterWave must be 0 or more");
    }
  }
}
