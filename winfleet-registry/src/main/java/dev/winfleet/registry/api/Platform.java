package dev.winfleet.registry.api;

import java.util.List;
import java.util.Objects;

/**
 * The platform an image manifest is built for, as the image index or the config blob states it.
 *
 * @param variant "" when none (e.g. {@code v8} for arm64)
 * @param osVersion "" when the image states none (Linux images, old Windows images)
 * @param osFeatures e.g. {@code win32k}; empty when none
 */
public record Platform(
    String os, String architecture, String variant, String osVersion, List<String> osFeatures) {

  public Platform {
    Objects.requireNonNull(os, "os");
    Objects.requireNonNull(architecture, "architecture");
    variant = variant == null ? "" : variant;
    osVersion = osVersion == null ? "" : osVersion;
    osFeatures = osFeatures == null ? List.of() : List.copyOf(osFeatures);
  }

  public boolean isWindows() {
    return os.equals("windows");
  }

  /** {@code os/architecture[/variant]}, as Docker's {@code --platform} writes it. */
  @Override
  public String toString() {
    return os + "/" + architecture + (variant.isEmpty() ? "" : "/" + variant);
  }
}
