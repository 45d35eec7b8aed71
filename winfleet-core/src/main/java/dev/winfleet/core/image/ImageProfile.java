package dev.winfleet.core.image;

import dev.winfleet.core.compat.CompatibilityEngine;
import dev.winfleet.core.compat.HostPlatform;
import dev.winfleet.core.compat.ImagePlatform;
import dev.winfleet.core.compat.OsFamily;
import dev.winfleet.core.version.OsVersion;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What winfleet knows about one image reference: its OS, and the platforms (with Windows builds) it
 * offers, and the {@link Evidence} all of it rests on: the registry, a lock file, knowledge kept as
 * data, an explicit tag token, a guess, or nothing. An image nobody knows is {@link
 * OsClass#UNKNOWN}, never Linux by default.
 *
 * @param reference the reference as the pod spec gives it
 * @param os the image's OS class
 * @param platforms the concrete platforms known; for Windows images each carries its {@code
 *     os.version}. Empty when the OS is known but not the build, or nothing is known.
 * @param anyWindowsBuild true for images that run on every Windows build (the HostProcess base)
 * @param architectureKnown false when the platforms come from tag hints, which say nothing about
 *     the CPU architecture (then any node architecture is accepted)
 * @param source the evidence of the OS (and of the builds, when there are any): only {@link
 *     Evidence#isFact() facts} may back an error or a denial
 * @param evidence why winfleet believes it, for messages
 */
public record ImageProfile(
    String reference,
    OsClass os,
    List<ImagePlatform> platforms,
    boolean anyWindowsBuild,
    boolean architectureKnown,
    Evidence source,
    String evidence) {

  /** The OS an image runs as. */
  public enum OsClass {
    /** Only Windows platforms. */
    WINDOWS,
    /** Only Linux platforms. */
    LINUX,
    /** A manifest list with Windows and Linux entries; the runtime picks the node's. */
    MULTI_OS,
    /** Not known. */
    UNKNOWN
  }

  public ImageProfile {
    Objects.requireNonNull(reference, "reference");
    Objects.requireNonNull(os, "os");
    platforms = List.copyOf(platforms);
    Objects.requireNonNull(source, "source");
    evidence = evidence == null ? "" : evidence;
    if ((os == OsClass.UNKNOWN) != (source == Evidence.UNKNOWN)) {
      throw new IllegalArgumentException(
          "an unknown OS is exactly what unknown evidence gives: " + os + " from " + source);
    }
  }

  /** Nothing known about the image: why, for messages. */
  public static ImageProfile unknown(String reference, String why) {
    return new ImageProfile(
        reference, OsClass.UNKNOWN, List.of(), false, false, Evidence.UNKNOWN, why);
  }

  /** What a tag hint says, as a profile; its evidence is the hint's level. */
  public static ImageProfile fromHint(String reference, ImageOsHint hint) {
    Evidence level = hint.level();
    return switch (hint.kind()) {
      case WINDOWS ->
          new ImageProfile(
              reference,
              OsClass.WINDOWS,
              List.of(ImagePlatform.windows(hint.build())),
              false,
              false,
              level,
              hint.evidence());
      case WINDOWS_ANY_BUILD ->
          new ImageProfile(
              reference, OsClass.WINDOWS, List.of(), true, false, level, hint.evidence());
      case WINDOWS_UNKNOWN_BUILD ->
          new ImageProfile(
              reference, OsClass.WINDOWS, List.of(), false, false, level, hint.evidence());
      case LINUX ->
          new ImageProfile(
              reference,
              OsClass.LINUX,
              List.of(ImagePlatform.linux()),
              false,
              false,
              level,
              hint.evidence());
      case MULTI_OS ->
          // Linux and Windows entries of builds not known until the registry is asked.
          new ImageProfile(
              reference,
              OsClass.MULTI_OS,
              List.of(ImagePlatform.linux()),
              false,
              false,
              level,
              hint.evidence());
      case UNKNOWN -> unknown(reference, hint.evidence());
    };
  }

  /** A profile from platforms read from the registry (directly or through a saved result). */
  public static ImageProfile fromPlatforms(
      String reference, List<ImagePlatform> platforms, Evidence source, String evidence) {
    boolean windows = platforms.stream().anyMatch(p -> p.os() == OsFamily.WINDOWS);
    boolean linux = platforms.stream().anyMatch(p -> p.os() == OsFamily.LINUX);
    OsClass os =
        windows && linux
            ? OsClass.MULTI_OS
            : windows ? OsClass.WINDOWS : linux ? OsClass.LINUX : OsClass.UNKNOWN;
    if (os == OsClass.UNKNOWN) {
      return unknown(reference, evidence + ", none of them runnable");
    }
    return new ImageProfile(reference, os, platforms, false, true, source, evidence);
  }

  /** Windows only, whatever the evidence (a guess included). */
  public boolean isWindows() {
    return os == OsClass.WINDOWS;
  }

  /** Linux only, whatever the evidence. */
  public boolean isLinux() {
    return os == OsClass.LINUX;
  }

  /** Windows only, as a fact. */
  public boolean isKnownWindows() {
    return isWindows() && source.isFact();
  }

  /** Linux only, as a fact. */
  public boolean isKnownLinux() {
    return isLinux() && source.isFact();
  }

  /** Whether the OS (and the builds, if any) are facts. */
  public boolean isFact() {
    return source.isFact();
  }

  /**
   * This profile for a HostProcess container: it runs on every Windows node whatever its base image
   * ("the base image does not need to match the host's version", HostProcess docs), so it is
   * Windows of any build, on the pod's own declaration.
   */
  public ImageProfile asHostProcess() {
    return new ImageProfile(
        reference,
        OsClass.WINDOWS,
        List.of(),
        true,
        false,
        Evidence.DECLARATION,
        "a HostProcess container runs on any Windows build");
  }

  /**
   * This profile as a guess: the same OS and platforms, no longer a fact because something stronger
   * speaks against it (the pod's own declaration of its OS).
   *
   * @param why the evidence as messages say it
   */
  public ImageProfile doubted(String why) {
    return new ImageProfile(
        reference, os, platforms, anyWindowsBuild, architectureKnown, Evidence.GUESS, why);
  }

  /** Windows, but no build known: placement cannot be judged. */
  public boolean isWindowsOfUnknownBuild() {
    return os == OsClass.WINDOWS && !anyWindowsBuild && windowsBuilds().isEmpty();
  }

  /**
   * Whether only a registry can settle this image: what the reference and knowledge leave open (no
   * OS, a guess, no Windows build, or the entries of a multi-OS manifest list), unless a registry
   * or a lock file already answered. The webhook looks such images up; the audit and the checker
   * mark what they conclude from them as unverified.
   */
  public boolean needsRegistry() {
    return source != Evidence.REGISTRY
        && source != Evidence.LOCK_FILE
        && (!isFact() || isWindowsOfUnknownBuild() || os == OsClass.MULTI_OS);
  }

  /** The Windows versions among the platforms, oldest first. */
  public SortedSet<OsVersion> windowsBuilds() {
    SortedSet<OsVersion> builds = new TreeSet<>();
    for (ImagePlatform p : platforms) {
      if (p.os() == OsFamily.WINDOWS && p.version() != null) {
        builds.add(p.version());
      }
    }
    return builds;
  }

  /**
   * Whether a host can run this image with process isolation, as the runtime decides by picking the
   * platform entry that fits: empty when that cannot be known (unknown OS or build).
   */
  public Optional<Boolean> runsOn(HostPlatform host, CompatibilityEngine engine) {
    if (os == OsClass.UNKNOWN) {
      return Optional.empty();
    }
    if (host.os() == OsFamily.WINDOWS && anyWindowsBuild) {
      return Optional.of(true);
    }
    boolean hasPlatformOfHostOs = false;
    for (ImagePlatform p : platforms) {
      if (p.os() != host.os()) {
        continue;
      }
      hasPlatformOfHostOs = true;
      ImagePlatform judged =
          architectureKnown
              ? p
              : new ImagePlatform(p.os(), host.architecture(), p.version(), p.features());
      if (engine.processSupported(host, judged)) {
        return Optional.of(true);
      }
    }
    if (!hasPlatformOfHostOs
        && host.os() == OsFamily.WINDOWS
        && (os == OsClass.WINDOWS || os == OsClass.MULTI_OS)) {
      return Optional.empty(); // Windows of unknown build
    }
    return Optional.of(false);
  }

  /** A short description for messages: {@code Windows 10.0.17763} or {@code Linux}. */
  public String describeOs() {
    return switch (os) {
      case WINDOWS ->
          anyWindowsBuild
              ? "Windows (any build)"
              : windowsBuilds().isEmpty()
                  ? "Windows (build unknown)"
                  : "Windows "
                      + String.join(
                          ", ", windowsBuilds().stream().map(OsVersion::toString).toList());
      case LINUX -> "Linux";
      case MULTI_OS -> "Windows and Linux (multi-OS)";
      case UNKNOWN -> "unknown OS";
    };
  }
}
