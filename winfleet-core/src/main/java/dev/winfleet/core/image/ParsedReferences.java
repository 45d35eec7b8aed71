package dev.winfleet.core.image;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Optional;

/**
 * Parses image references once: manifests repeat the same few references many thousand times.
 * Thread-safe; each instance holds its own bounded cache, so make one per engine (per run, per
 * server) and share it.
 */
public final class ParsedReferences {

  /** A reference, or why it is not one. */
  public record Parsed(ImageReference reference, String error) {
    public Optional<ImageReference> value() {
      return Optional.ofNullable(reference);
    }
  }

  /** Far more distinct references than a fleet's manifests hold; bounds memory on odd input. */
  private static final int MAX = 50_000;

  private final Cache<String, Parsed> cache = Caffeine.newBuilder().maximumSize(MAX).build();

  public Parsed parse(String text) {
    return cache.get(text, ParsedReferences::parseOnce);
  }

  private static Parsed parseOnce(String text) {
    try {
      return new Parsed(ImageReference.parse(text), null);
    } catch (InvalidImageReferenceException e) {
      return new Parsed(null, e.getMessage());
    }
  }
}
