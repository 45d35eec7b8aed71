package dev.winfleet.registry.api;

import dev.winfleet.core.image.ImageReference;
import java.util.List;
import java.util.Objects;

/** What the inspector learnt about one reference: the image, or why it could not be read. */
public sealed interface InspectionResult
    permits InspectionResult.Inspected, InspectionResult.Failed {

  /** The reference as it was asked for. */
  ImageReference reference();

  default boolean succeeded() {
    return this instanceof Inspected;
  }

  /**
   * An image that was read.
   *
   * @param digest the digest of the manifest the reference points at (an index or a manifest)
   * @param mediaType that manifest's media type
   * @param platforms one entry per platform (only those the selector matched), in registry order
   */
  record Inspected(
      ImageReference reference, String digest, String mediaType, List<PlatformImage> platforms)
      implements InspectionResult {

    public Inspected {
      Objects.requireNonNull(reference, "reference");
      Objects.requireNonNull(digest, "digest");
      Objects.requireNonNull(mediaType, "mediaType");
      platforms = List.copyOf(platforms);
    }

    /** True when the reference names an image index or manifest list. */
    public boolean isIndex() {
      return MediaTypes.isIndex(mediaType);
    }
  }

  /** A reference that could not be read; the others of the same call are unaffected. */
  record Failed(ImageReference reference, RegistryError error) implements InspectionResult {

    public Failed {
      Objects.requireNonNull(reference, "reference");
      Objects.requireNonNull(error, "error");
    }
  }
}
