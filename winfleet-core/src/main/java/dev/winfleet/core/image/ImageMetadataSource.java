package dev.winfleet.core.image;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

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

  /**
   * This source, remembering its answers (references repeat a lot across manifests) in a bounded
   * cache that the returned source owns.
   */
  default ImageMetadataSource cached() {
    ImageMetadataSource self = this;
    Cache<String, ImageProfile> cache = Caffeine.newBuilder().maximumSize(50_000).build();
    // Bound once: a method reference to an instance is a new object at each evaluation.
    java.util.function.Function<String, ImageProfile> describe = self::describe;
    return reference -> cache.get(reference, describe);
  }
}
