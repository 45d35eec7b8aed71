package dev.winfleet.registry.api;

import dev.winfleet.core.compat.ImagePlatform;
import dev.winfleet.core.compat.OsFamily;
import dev.winfleet.core.version.OsVersion;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One platform of an image: its manifest, config and layer descriptors (foreign layers included).
 *
 * @param digest the digest of this platform's image manifest
 * @param mediaType the media type of this platform's image manifest
 */
public record PlatformImage(
    Platform platform,
    String digest,
    String mediaType,
    Descriptor config,
    List<Descriptor> layers) {

  public PlatformImage {
    Objects.requireNonNull(platform, "platform");
    Objects.requireNonNull(digest, "digest");
    Objects.requireNonNull(mediaType, "mediaType");
    Objects.requireNonNull(config, "config");
    layers = List.copyOf(layers);
  }

  public int layerCount() {
    return layers.size();
  }

  /** The sum of all layer sizes as the manifest states them, foreign layers included. */
  public long compressedSize() {
    return layers.stream().mapToLong(Descriptor::size).sum();
  }

  public List<Descriptor> foreignLayers() {
    return layers.stream().filter(Descriptor::isForeign).toList();
  }

  public int foreignLayerCount() {
    return foreignLayers().size();
  }

  /**
   * This platform as the core compatibility engine takes it; empty for an OS the engine does not
   * judge, or for a Windows image whose os.version is missing or unreadable.
   */
  public Optional<ImagePlatform> toImagePlatform() {
    Optional<OsFamily> os = OsFamily.parse(platform.os());
    if (os.isEmpty()) {
      return Optional.empty();
    }
    OsVersion version = OsVersion.parseNumeric(platform.osVersion()).orElse(null);
    if (os.get() == OsFamily.WINDOWS && version == null) {
      return Optional.empty();
    }
    return Optional.of(
        new ImagePlatform(os.get(), platform.architecture(), version, platform.osFeatures()));
  }
}
