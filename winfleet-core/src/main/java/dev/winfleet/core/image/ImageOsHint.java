package dev.winfleet.core.image;

import dev.winfleet.core.version.OsVersion;
import java.util.Objects;

/**
 * What an image reference alone says about the image's OS.
 *
 * @param build the Windows build for {@link Kind#WINDOWS}; null otherwise
 * @param evidence the part of the reference that led to the answer, for messages
 */
public record ImageOsHint(Kind kind, OsVersion build, String evidence) {

  /** The possible answers. winfleet never invents a build it has not read. */
  public enum Kind {
    /** Windows, and the reference names the build. */
    WINDOWS,
    /** Windows, and it runs on any build (HostProcess base image). */
    WINDOWS_ANY_BUILD,
    /** Windows, but the reference does not say which build. */
    WINDOWS_UNKNOWN_BUILD,
    /** Nothing in the reference says Windows; most images without such a mark are Linux. */
    PROBABLY_LINUX,
    /** The reference could be either (a multi-OS manifest list behind a plain tag, a bad ref). */
    UNKNOWN
  }

  public ImageOsHint {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(evidence, "evidence");
    if ((kind == Kind.WINDOWS) != (build != null)) {
      throw new IllegalArgumentException("a build is given exactly for Kind.WINDOWS");
    }
  }

  public boolean isWindows() {
    return kind == Kind.WINDOWS
        || kind == Kind.WINDOWS_ANY_BUILD
        || kind == Kind.WINDOWS_UNKNOWN_BUILD;
  }

  static ImageOsHint windows(OsVersion build, String evidence) {
    return new ImageOsHint(Kind.WINDOWS, build, evidence);
  }

  static ImageOsHint of(Kind kind, String evidence) {
    return new ImageOsHint(kind, null, evidence);
  }
}
