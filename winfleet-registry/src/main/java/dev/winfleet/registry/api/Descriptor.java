package dev.winfleet.registry.api;

import java.util.List;
import java.util.Objects;

/**
 * A content descriptor from a manifest: what a layer or config blob is, where it lives and how big
 * it is. The planner uses layer descriptors to plan pre-pulls.
 *
 * @param size compressed size in bytes, as the manifest states it
 * @param urls where a foreign layer can be downloaded from (empty for ordinary layers)
 */
public record Descriptor(String mediaType, String digest, long size, List<String> urls) {

  public Descriptor {
    Objects.requireNonNull(mediaType, "mediaType");
    Objects.requireNonNull(digest, "digest");
    if (size < 0) {
      throw new IllegalArgumentException("descriptor " + digest + " has a negative size " + size);
    }
    urls = urls == null ? List.of() : List.copyOf(urls);
  }

  /** A Windows base layer the registry does not store: counted and sized, never fetched. */
  public boolean isForeign() {
    return MediaTypes.isForeignLayer(mediaType);
  }
}
