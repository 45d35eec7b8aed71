package dev.winfleet.core.compat;

import dev.winfleet.core.version.OsVersion;
import java.util.List;
import java.util.Objects;

/**
 * The platform an image was built for, as its OCI index entry or config blob states it.
 *
 * @param version {@code os.version}; required for Windows images, null for Linux
 * @param features {@code os.features}, such as {@code win32k}
 */
public record ImagePlatform(
    OsFamily os, String architecture, OsVersion version, List<String> features) {

  public ImagePlatform {
    Objects.requireNonNull(os, "os");
    architecture = Architectures.normalize(architecture);
    features = features == null ? List.of() : List.copyOf(features);
    if (os == OsFamily.WINDOWS) {
      Objects.requireNonNull(version, "a Windows image needs an os.version to be judged");
    }
  }

  public static ImagePlatform windows(OsVersion version) {
    return new ImagePlatform(OsFamily.WINDOWS, "amd64", version, List.of());
  }

  public static ImagePlatform linux() {
    return new ImagePlatform(OsFamily.LINUX, "amd64", null, List.of());
  }

  @Override
  public String toString() {
    return os.label() + "/" + architecture + (version == null ? "" : " " + version);
  }
}
