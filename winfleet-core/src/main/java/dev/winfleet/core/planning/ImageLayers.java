package dev.winfleet.core.planning;

import dev.winfleet.core.compat.ImagePlatform;
import java.util.List;
import java.util.Objects;

/**
 * An image with the layers of each platform, as a registry lists them (from {@code winfleet inspect
 * --json --layers} or the registry inspector).
 *
 * @param reference the reference it was read by
 * @param digest the digest the reference resolved to (an index or a single manifest); null when
 *     unknown
 * @param platforms its runnable platforms with their layers
 */
public record ImageLayers(String reference, String digest, List<PlatformLayers> platforms) {

  public ImageLayers {
    Objects.requireNonNull(reference, "reference");
    platforms = List.copyOf(platforms);
  }

  /**
   * One platform's manifest and layers.
   *
   * @param digest the digest of this platform's image manifest; null when unknown
   */
  public record PlatformLayers(ImagePlatform platform, String digest, List<Layer> layers) {
    public PlatformLayers {
      Objects.requireNonNull(platform, "platform");
      layers = List.copyOf(layers);
    }

    public long size() {
      return layers.stream().mapToLong(Layer::size).sum();
    }
  }

  /**
   * One layer blob.
   *
   * @param size compressed size in bytes
   * @param foreign a foreign (non-distributable) layer: fetched from {@code urls}, not the registry
   */
  public record Layer(String digest, long size, boolean foreign, List<String> urls) {
    public Layer {
      Objects.requireNonNull(digest, "digest");
      if (size < 0) {
        throw new IllegalArgumentException("layer " + digest + " has a negative size");
      }
      urls = urls == null ? List.of() : List.copyOf(urls);
    }
  }
}
