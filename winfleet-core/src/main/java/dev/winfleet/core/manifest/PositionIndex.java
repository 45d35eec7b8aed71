package dev.winfleet.core.manifest;

import java.util.Optional;

/**
 * Where the fields of one object stand in its source file. YAML and JSON files have one; objects
 * that arrive without text (an AdmissionReview) have {@link #NONE}.
 */
@FunctionalInterface
public interface PositionIndex {

  /** An index that knows no positions. */
  PositionIndex NONE = path -> Optional.empty();

  /**
   * The position of the field at this path: the key of a map entry, or the start of a list item.
   * When the path goes deeper than the source (a field that is missing), the position of the
   * deepest part that exists; empty when nothing is known.
   */
  Optional<Position> find(FieldPath path);
}
