package dev.winfleet.core.rules;

import java.util.Locale;
import java.util.Optional;

/** How bad a finding is. Ordered from worst to mildest. */
public enum Severity {
  ERROR,
  WARNING,
  INFO;

  /** {@code error}, {@code warning}, {@code info}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether this is at least as bad as the other ({@code ERROR} is at least {@code WARNING}). */
  public boolean atLeast(Severity other) {
    return ordinal() <= other.ordinal();
  }

  public static Optional<Severity> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    for (Severity s : values()) {
      if (s.label().equals(text.trim().toLowerCase(Locale.ROOT))) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}
