package dev.winfleet.core.image;

import java.util.Collection;
import java.util.Locale;

/**
 * Where a piece of knowledge comes from, strongest first. Facts ({@link #isFact()}) may back an
 * error or a webhook denial; a {@link #GUESS} or {@link #UNKNOWN} never does: it gives at most an
 * info-level "cannot tell". See docs/evidence.md.
 */
public enum Evidence {
  /** The registry answered: the manifest list and each platform's config ({@code os.version}). */
  REGISTRY,
  /** A lock file ({@code winfleet images lock}) or a saved inspect result given with --images. */
  LOCK_FILE,
  /** The object's own fields, as written (a field that is invalid on Windows, a bad toleration). */
  MANIFEST,
  /**
   * The pod's own declaration of its OS: {@code spec.os.name}, a Windows OS selector or affinity, a
   * RuntimeClass for Windows nodes, {@code windowsOptions}.
   */
  DECLARATION,
  /** winfleet's data files, each entry with its sources (image-families.yaml). */
  KNOWLEDGE,
  /** An explicit token in the tag: {@code -windowsservercore-ltsc2022}, {@code nanoserver-1809}. */
  TAG_TOKEN,
  /** A hint that is usually right but not a fact (a repository name that contains "windows"). */
  GUESS,
  /** Nothing known. Never "Linux" by default. */
  UNKNOWN;

  /** Whether this may back an error or a denial. */
  public boolean isFact() {
    return this != GUESS && this != UNKNOWN;
  }

  /** The name in JSON and messages: {@code lock-file}, {@code tag-token}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The weaker of two. */
  public Evidence weakest(Evidence other) {
    return other.ordinal() > ordinal() ? other : this;
  }

  /** The weakest of several; {@code fallback} when there are none. */
  public static Evidence weakestOf(Collection<Evidence> all, Evidence fallback) {
    Evidence out = null;
    for (Evidence e : all) {
      out = out == null ? e : out.weakest(e);
    }
    return out == null ? fallback : out;
  }
}
