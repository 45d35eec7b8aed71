package dev.winfleet.core.image;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Answers "what OS and Windows build is this image?" for the rules and placement. The checker and
 * the webhook choose the source: tag hints ({@link TagHintImageSource}), a saved inspect result
 * ({@link InspectedImageSource}), or the registry through the inspector.
 *
 * <p>Implementations must be thread-safe and must not throw for a bad or unreachable image: they
 * return a profile of {@link ImageProfile.OsClass#UNKNOWN} with the reason as evidence.
 */
@FunctionalInterface
public interface ImageMetadataSource {

  /** What is known about the image this reference names. */
  ImageProfile describe(String reference);

  /** Tag hints from the built-in image families. */
  static ImageMetadataSource tagHints() {
    return new TagHintImageSource(ImageTagHints.builtIn());
  }

  /** This source, remembering every answer (references repeat a lot across manifests). */
  default ImageMetadataSource cached() {
    ImageMetadataSource self = this;
    Map<String, ImageProfile> cache = new ConcurrentHashMap<>();
    return reference -> cache.computeIfAbsent(reference, self::describe);
  }
}
