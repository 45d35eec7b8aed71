package dev.winfleet.core.image;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Parses image references once: manifests repeat the same few references many thousand times.
 * Thread-safe; the cache is bounded and simply starts over when full.
 */
public final class ParsedReferences {

  /** A reference, or why it is not one. */
  public record Parsed(ImageReference reference, String error) {
    public Optional<ImageReference> value() {
      return Optional.ofNullable(reference);
    }
  }

  private static final int MAX = 50_000;
  private static final Map<String, Parsed> CACHE = new ConcurrentHashMap<>();

  private ParsedReferences() {}

  public static Parsed parse(String text) {
    Parsed p = CACHE.get(text);
    if (p != null) {
      return p;
    }
    try {
      p = new Parsed(ImageReference.parse(text), null);
    } catch (InvalidImageReferenceException e) {
      p = new Parsed(null, e.getMessage());
    }
    if (CACHE.size() >= MAX) {
      CACHE.clear();
    }
    CACHE.put(text, p);
    return p;
  }
}
