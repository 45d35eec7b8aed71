package dev.winfleet.core.version;

import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Windows version {@code major.minor.build[.revision]}, such as {@code 10.0.17763.5206}.
 *
 * <p>The build changes with each Windows release, the revision (UBR) with each monthly patch. The
 * revision is optional: {@link #NO_REVISION} when the text did not carry one (a node's {@code
 * node.kubernetes.io/windows-build} label, or an alias such as {@code ltsc2019}).
 */
public record OsVersion(int major, int minor, int build, int revision)
    implements Comparable<OsVersion> {

  /** The revision of a version that names a build but no patch level. */
  public static final int NO_REVISION = -1;

  private static final Pattern NUMERIC =
      Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,5})(?:\\.(\\d{1,9}))?");

  private static final Comparator<OsVersion> ORDER =
      Comparator.comparingInt(OsVersion::major)
          .thenComparingInt(OsVersion::minor)
          .thenComparingInt(OsVersion::build)
          .thenComparingInt(OsVersion::revision);

  public OsVersion {
    if (major < 0 || major > 255 || minor < 0 || minor > 255) {
      throw new IllegalArgumentException(
          "major and minor must be between 0 and 255, got " + major + "." + minor);
    }
    if (build < 0 || build > 65535) {
      throw new IllegalArgumentException("build must be between 0 and 65535, got " + build);
    }
    if (revision < NO_REVISION) {
      throw new IllegalArgumentException("revision must be 0 or more, got " + revision);
    }
  }

  /** A Windows 10-era version {@code 10.0.build} without revision. */
  public static OsVersion ofBuild(int build) {
    return new OsVersion(10, 0, build, NO_REVISION);
  }

  /**
   * Parses {@code 10.0.17763} or {@code 10.0.17763.5206}, or else a release alias ({@code
   * ltsc2019}, {@code 1809}...) through {@code aliases}, which answers an alias's build. The
   * Windows catalog supplies the aliases ({@code WindowsCatalog#parseVersion}); this package knows
   * no release.
   *
   * @throws InvalidOsVersionException with a message that says what was expected
   */
  public static OsVersion parse(String text, Function<String, Optional<Integer>> aliases) {
    Objects.requireNonNull(aliases, "aliases");
    if (text == null || text.isBlank()) {
      throw new InvalidOsVersionException(text, "the value is empty");
    }
    String trimmed = text.trim();
    Optional<OsVersion> numeric = parseNumeric(trimmed);
    if (numeric.isPresent()) {
      return numeric.get();
    }
    if (NUMERIC_LIKE.matcher(trimmed).matches()) {
      throw new InvalidOsVersionException(
          text, "a part is out of range (major and minor 0-255, build 0-65535)");
    }
    return aliases
        .apply(trimmed)
        .map(OsVersion::ofBuild)
        .orElseThrow(() -> new InvalidOsVersionException(text, null));
  }

  private static final Pattern NUMERIC_LIKE = Pattern.compile("\\d+\\.\\d+\\.\\d+(?:\\.\\d+)?");

  /**
   * Parses only the numeric form {@code major.minor.build[.revision]}; empty for anything else,
   * including aliases. Use this where the input is machine-written (image metadata, node labels).
   */
  public static Optional<OsVersion> parseNumeric(String text) {
    if (text == null) {
      return Optional.empty();
    }
    Matcher m = NUMERIC.matcher(text.trim());
    if (!m.matches()) {
      return Optional.empty();
    }
    try {
      int major = Integer.parseInt(m.group(1));
      int minor = Integer.parseInt(m.group(2));
      int build = Integer.parseInt(m.group(3));
      int revision = m.group(4) == null ? NO_REVISION : Integer.parseInt(m.group(4));
      if (major > 255 || minor > 255 || build > 65535) {
        return Optional.empty();
      }
      return Optional.of(new OsVersion(major, minor, build, revision));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  public boolean hasRevision() {
    return revision != NO_REVISION;
  }

  /** This version without its revision: what the {@code windows-build} node label carries. */
  public OsVersion withoutRevision() {
    return hasRevision() ? new OsVersion(major, minor, build, NO_REVISION) : this;
  }

  /** True when major, minor and build are equal, whatever the revisions. */
  public boolean sameBuild(OsVersion other) {
    return major == other.major && minor == other.minor && build == other.build;
  }

  /** {@code major.minor.build}, the form of the {@code node.kubernetes.io/windows-build} label. */
  public String buildString() {
    return major + "." + minor + "." + build;
  }

  @Override
  public int compareTo(OsVersion other) {
    return ORDER.compare(this, other);
  }

  @Override
  public String toString() {
    return hasRevision() ? buildString() + "." + revision : buildString();
  }
}
