package dev.winfleet.core.image;

import dev.winfleet.core.version.OsVersion;
import java.util.Objects;

/**
 * What an image reference alone says about the image's OS, and on what evidence.
 *
 * @param build the Windows build for {@link Kind#WINDOWS}; null otherwise
 * @param level where the answer comes from: {@link Evidence#KNOWLEDGE} (a repository in
 *     image-families.yaml), {@link Evidence#TAG_TOKEN} (an explicit token in the tag), {@link
 *     Evidence#GUESS} or {@link Evidence#UNKNOWN}
 * @param evidence the part of the reference (or the knowledge entry) that led to the answer, for
 *     messages
 */
public record ImageOsHint(Kind kind, OsVersion build, Evidence level, String evidence) {

  /** The possible answers. winfleet never invents a build it has not read. */
  public enum Kind {
    /** Windows, and the reference names the build. */
    WINDOWS,
    /** Windows, and it runs on any build (HostProcess base image). */
    WINDOWS_ANY_BUILD,
    /** Windows, but the reference does not say which build. */
    WINDOWS_UNKNOWN_BUILD,
    /** Linux only: a Linux-only repository, or a Linux variant's tag token ({@code -alpine}). */
    LINUX,
    /** A manifest list with Linux and Windows entries (known repository, plain tag). */
    MULTI_OS,
    /** Not known: an unknown repository without OS tokens, or a bad reference. Never Linux. */
    UNKNOWN
  }

  public ImageOsHint {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(evidence, "evidence");
    if ((kind == Kind.WINDOWS) != (build != null)) {
      throw new IllegalArgumentException("a build is given exactly for Kind.WINDOWS");
    }
    if ((kind == Kind.UNKNOWN) != (level == Evidence.UNKNOWN)) {
      throw new IllegalArgumentException("an unknown OS is exactly what unknown evidence gives");
    }
  }

  public boolean isWindows() {
    return kind == Kind.WINDOWS
        || kind == Kind.WINDOWS_ANY_BUILD
        || kind == Kind.WINDOWS_UNKNOWN_BUILD;
  }

  static ImageOsHint windows(OsVersion build, Evidence level, String evidence) {
    return new ImageOsHint(Kind.WINDOWS, build, level, evidence);
  }

  static ImageOsHint of(Kind kind, Evidence level, String evidence) {
    return new ImageOsHint(kind, null, level, evidence);
  }

  static ImageOsHint unknown(String evidence) {
    return new ImageOsHint(Kind.UNKNOWN, null, Evidence.UNKNOWN, evidence);
  }
}
