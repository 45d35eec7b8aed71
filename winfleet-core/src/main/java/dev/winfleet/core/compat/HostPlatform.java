package dev.winfleet.core.compat;

import dev.winfleet.core.version.OsVersion;
import java.util.Objects;

/**
 * A container host: a node's OS, CPU architecture and, on Windows, its version.
 *
 * @param version required for Windows hosts; ignored (may be null) for Linux hosts
 */
public record HostPlatform(OsFamily os, String architecture, OsVersion version) {

  public HostPlatform {
    Objects.requireNonNull(os, "os");
    architecture = Architectures.normalize(architecture);
    if (os == OsFamily.WINDOWS) {
      Objects.requireNonNull(version, "a Windows host needs a version");
    }
  }

  public static HostPlatform windows(OsVersion version) {
    return new HostPlatform(OsFamily.WINDOWS, "amd64", version);
  }

  public static HostPlatform linux() {
    return new HostPlatform(OsFamily.LINUX, "amd64", null);
  }

  @Override
  public String toString() {
    return os.label() + "/" + architecture + (version == null ? "" : " " + version);
  }
}
