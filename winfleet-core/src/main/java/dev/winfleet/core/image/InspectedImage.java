package dev.winfleet.core.image;

import java.util.List;
import java.util.Objects;

/**
 * One entry of a saved {@code winfleet inspect --json} result: the platforms the registry lists for
 * a reference, or the error that stopped the inspection.
 *
 * @param reference the reference as it was given to the inspector
 * @param error null when the inspection worked
 */
public record InspectedImage(
    String reference,
    String digest,
    String mediaType,
    List<InspectedPlatform> platforms,
    String error) {

  public InspectedImage {
    Objects.requireNonNull(reference, "reference");
    platforms = platforms == null ? List.of() : List.copyOf(platforms);
  }

  /**
   * One platform entry.
   *
   * @param os {@code windows}, {@code linux}, or what the registry says (attestation entries use
   *     {@code unknown})
   * @param osVersion {@code os.version}; null when absent
   */
  public record InspectedPlatform(
      String os,
      String architecture,
      String osVersion,
      String digest,
      int layers,
      long compressedSize,
      int foreignLayers) {}
}
