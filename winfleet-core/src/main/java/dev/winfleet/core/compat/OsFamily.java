package dev.winfleet.core.compat;

import java.util.Locale;
import java.util.Optional;

/** The operating system of a host or an image, as OCI platforms and node labels spell it. */
public enum OsFamily {
  WINDOWS("windows"),
  LINUX("linux");

  private final String label;

  OsFamily(String label) {
    this.label = label;
  }

  /** {@code windows} or {@code linux}, ignoring case; empty for anything else. */
  public static Optional<OsFamily> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    return switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "windows" -> Optional.of(WINDOWS);
      case "linux" -> Optional.of(LINUX);
      default -> Optional.empty();
    };
  }

  /** The OCI and Kubernetes spelling: {@code windows}, {@code linux}. */
  public String label() {
    return label;
  }
}
