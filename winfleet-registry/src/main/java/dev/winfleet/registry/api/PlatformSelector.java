package dev.winfleet.registry.api;

import java.util.Locale;
import java.util.Objects;

/**
 * Which platforms of an image to read, as {@code OS/ARCH[/VARIANT]} ({@code windows/amd64}). The
 * inspector fetches only the manifests of matching platforms.
 *
 * @param variant "" matches any variant
 */
public record PlatformSelector(String os, String architecture, String variant) {

  public PlatformSelector {
    Objects.requireNonNull(os, "os");
    Objects.requireNonNull(architecture, "architecture");
    variant = variant == null ? "" : variant;
  }

  /**
   * Parses {@code OS/ARCH} or {@code OS/ARCH/VARIANT}.
   *
   * @throws IllegalArgumentException naming the expected form
   */
  public static PlatformSelector parse(String text) {
    String[] parts = text == null ? new String[0] : text.trim().toLowerCase(Locale.ROOT).split("/");
    if (parts.length < 2 || parts.length > 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
      throw new IllegalArgumentException(
          "platform '" + text + "' is not OS/ARCH[/VARIANT], such as windows/amd64");
    }
    return new PlatformSelector(parts[0], parts[1], parts.length == 3 ? parts[2] : "");
  }

  public boolean matches(Platform platform) {
    return os.equals(platform.os())
        && architecture.equals(platform.architecture())
        && (variant.isEmpty() || variant.equals(platform.variant()));
  }

  @Override
  public String toString() {
    return os + "/" + architecture + (variant.isEmpty() ? "" : "/" + variant);
  }
}
