package dev.winfleet.core.image;

import dev.winfleet.core.compat.ImagePlatform;
import dev.winfleet.core.compat.OsFamily;
import dev.winfleet.core.version.OsVersion;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Knows images from inspection results (a saved {@code winfleet inspect --json}, or results the
 * inspector just fetched); references it has no result for, or whose inspection failed, go to the
 * fallback (normally tag hints).
 */
public final class InspectedImageSource implements ImageMetadataSource {

  private final Map<String, InspectedImage> byReference = new HashMap<>();
  private final ImageMetadataSource fallback;
  private final Evidence source;

  public InspectedImageSource(
      List<InspectedImage> images, ImageMetadataSource fallback, Evidence source) {
    this.fallback = Objects.requireNonNull(fallback, "fallback");
    this.source = Objects.requireNonNull(source, "source");
    for (InspectedImage image : images) {
      byReference.put(image.reference(), image);
      key(image.reference()).ifPresent(k -> byReference.putIfAbsent(k, image));
    }
  }

  /** Results from a saved inspect file, falling back to tag hints. */
  public static InspectedImageSource fromFile(List<InspectedImage> images) {
    return new InspectedImageSource(images, ImageMetadataSource.tagHints(), Evidence.LOCK_FILE);
  }

  private static Optional<String> key(String reference) {
    try {
      return Optional.of(ImageReference.parse(reference).toString());
    } catch (InvalidImageReferenceException e) {
      return Optional.empty();
    }
  }

  @Override
  public ImageProfile describe(String reference) {
    InspectedImage found = byReference.get(reference);
    if (found == null) {
      found = key(reference).map(byReference::get).orElse(null);
    }
    if (found == null) {
      return fallback.describe(reference);
    }
    if (found.error() != null) {
      // The reference was inspected and failed: keep what the tag hints and knowledge say.
      ImageProfile hinted = fallback.describe(reference);
      if (hinted.os() == ImageProfile.OsClass.UNKNOWN) {
        return ImageProfile.unknown(reference, "its inspection failed: " + found.error());
      }
      return hinted;
    }
    List<ImagePlatform> platforms = new ArrayList<>();
    boolean windowsWithoutVersion = false;
    for (InspectedImage.InspectedPlatform p : found.platforms()) {
      Optional<OsFamily> os = OsFamily.parse(p.os());
      if (os.isEmpty()) {
        continue; // attestation manifests and other non-runnable entries
      }
      if (os.get() == OsFamily.WINDOWS) {
        Optional<OsVersion> v = OsVersion.parseNumeric(p.osVersion());
        if (v.isEmpty()) {
          windowsWithoutVersion = true;
          continue;
        }
        platforms.add(new ImagePlatform(OsFamily.WINDOWS, p.architecture(), v.get(), List.of()));
      } else {
        platforms.add(new ImagePlatform(OsFamily.LINUX, p.architecture(), null, List.of()));
      }
    }
    String evidence = "the registry lists " + found.platforms().size() + " platform(s) for it";
    if (platforms.isEmpty() && windowsWithoutVersion) {
      return new ImageProfile(
          reference,
          ImageProfile.OsClass.WINDOWS,
          List.of(),
          false,
          true,
          source,
          "the registry lists Windows platforms without os.version");
    }
    return ImageProfile.fromPlatforms(reference, platforms, source, evidence);
  }
}
