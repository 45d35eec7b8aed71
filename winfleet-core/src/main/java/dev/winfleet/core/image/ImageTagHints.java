package dev.winfleet.core.image;

import dev.winfleet.core.catalog.CatalogFiles;
import dev.winfleet.core.catalog.WindowsCatalog;
import dev.winfleet.core.image.ImageOsHint.Kind;
import dev.winfleet.core.version.OsVersion;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Infers an image's OS and Windows build from its reference alone, before (or instead of) asking
 * the registry. Knowledge of Microsoft's repositories and tag schemes comes from {@code
 * image-families.yaml}; release tokens come from the Windows catalog.
 */
public final class ImageTagHints {

  static final String RESOURCE = "/dev/winfleet/core/image/image-families.yaml";

  /** How a repository's tags are read. */
  public enum FamilyKind {
    BASE_OS,
    WINDOWS,
    HOSTPROCESS,
    MULTI
  }

  private final Map<String, FamilyKind> families;
  private final Map<String, Integer> releaseTokens;
  private final Set<String> windowsFlavourTokens;
  private final Set<String> linuxTokens;
  private final Set<String> hostProcessTokens;

  public ImageTagHints(
      Map<String, FamilyKind> families,
      Map<String, Integer> releaseTokens,
      Set<String> windowsFlavourTokens,
      Set<String> linuxTokens) {
    this(families, releaseTokens, windowsFlavourTokens, linuxTokens, Set.of());
  }

  /**
   * @param hostProcessTokens tag tokens that mark a HostProcess image ({@code hostprocess}):
   *     Windows, and bound to no build
   */
  public ImageTagHints(
      Map<String, FamilyKind> families,
      Map<String, Integer> releaseTokens,
      Set<String> windowsFlavourTokens,
      Set<String> linuxTokens,
      Set<String> hostProcessTokens) {
    this.families = Map.copyOf(families);
    this.releaseTokens = Map.copyOf(releaseTokens);
    this.windowsFlavourTokens = Set.copyOf(windowsFlavourTokens);
    this.linuxTokens = Set.copyOf(linuxTokens);
    this.hostProcessTokens = Set.copyOf(hostProcessTokens);
  }

  /** The hints bundled with winfleet, with release tokens from the built-in catalog. */
  public static ImageTagHints builtIn() {
    return BuiltIn.HINTS;
  }

  private static final class BuiltIn {
    static final ImageTagHints HINTS = load(WindowsCatalog.builtIn());
  }

  static ImageTagHints load(WindowsCatalog catalog) {
    FamiliesFile file = CatalogFiles.read(RESOURCE, FamiliesFile.class);
    Map<String, FamilyKind> families = new HashMap<>();
    for (FamilyEntry e : file.families) {
      FamilyKind kind = FamilyKind.valueOf(e.kind.toUpperCase(Locale.ROOT).replace('-', '_'));
      ImageReference ref = ImageReference.parse(e.repository);
      if (families.put(ref.name(), kind) != null) {
        throw new IllegalStateException(RESOURCE + ": repository listed twice: " + e.repository);
      }
    }
    Map<String, Integer> tokens = new HashMap<>(catalog.tagTokens());
    file.extraReleaseTokens.forEach((k, v) -> tokens.put(k.toLowerCase(Locale.ROOT), v));
    return new ImageTagHints(
        families,
        tokens,
        lower(file.windowsFlavourTokens),
        lower(file.linuxTokens),
        lower(file.hostProcessTokens == null ? List.of() : file.hostProcessTokens));
  }

  private static Set<String> lower(List<String> values) {
    Set<String> out = new HashSet<>();
    values.forEach(v -> out.add(v.toLowerCase(Locale.ROOT)));
    return out;
  }

  static final class FamiliesFile {
    public List<FamilyEntry> families;
    public Map<String, Integer> extraReleaseTokens;
    public List<String> windowsFlavourTokens;
    public List<String> linuxTokens;
    public List<String> hostProcessTokens;
  }

  static final class FamilyEntry {
    public String repository;
    public String kind;
  }

  /** The family of a repository, if winfleet knows it. */
  public Optional<FamilyKind> family(ImageReference ref) {
    return Optional.ofNullable(families.get(ref.name()));
  }

  /** What the reference text says; an unparsable reference is {@link Kind#UNKNOWN}. */
  public ImageOsHint hint(String reference) {
    ImageReference ref;
    try {
      ref = ImageReference.parse(reference);
    } catch (InvalidImageReferenceException e) {
      return ImageOsHint.of(Kind.UNKNOWN, "not a valid image reference");
    }
    return hint(ref);
  }

  /** What the reference says about the image's OS and build. */
  public ImageOsHint hint(ImageReference ref) {
    String tag = ref.tag() == null ? "" : ref.tag().toLowerCase(Locale.ROOT);
    Set<String> tokens = new LinkedHashSet<>(List.of(tag.split("[-_]")));
    tokens.remove("");
    Optional<OsVersion> build = buildFromTokens(tokens);
    boolean flavour = tokens.stream().anyMatch(windowsFlavourTokens::contains);
    boolean linux = tokens.stream().anyMatch(linuxTokens::contains);
    FamilyKind family = families.get(ref.name());
    String tagText = ref.tag() == null ? "no tag" : "tag '" + ref.tag() + "'";

    if (family != null) {
      switch (family) {
        case HOSTPROCESS:
          return ImageOsHint.of(
              Kind.WINDOWS_ANY_BUILD, ref.name() + " is the OS-version-agnostic HostProcess base");
        case BASE_OS:
        case WINDOWS:
          if (build.isPresent()) {
            return ImageOsHint.windows(
                build.get(), ref.name() + " " + tagText + " names build " + build.get());
          }
          return ImageOsHint.of(
              Kind.WINDOWS_UNKNOWN_BUILD,
              ref.name()
                  + " is a Windows image, but "
                  + (ref.tag() == null ? "it has no tag" : "its " + tagText)
                  + " that names a release");
        case MULTI:
          if (flavour) {
            return windowsVariant(ref, build, tagText);
          }
          if (linux) {
            return ImageOsHint.of(
                Kind.PROBABLY_LINUX, ref.name() + " " + tagText + " is a Linux variant");
          }
          return ImageOsHint.of(
              Kind.UNKNOWN,
              ref.name()
                  + " "
                  + tagText
                  + " is a multi-OS manifest list; the runtime picks the entry for the node's OS");
        default:
          throw new IllegalStateException("unknown family " + family);
      }
    }
    if (tokens.stream().anyMatch(hostProcessTokens::contains)) {
      return ImageOsHint.of(
          Kind.WINDOWS_ANY_BUILD, tagText + " marks a HostProcess image, which fits every build");
    }
    if (flavour) {
      return windowsVariant(ref, build, tagText);
    }
    if (build.isPresent() && tokens.stream().anyMatch(this::isWindowsOnlyReleaseToken)) {
      return ImageOsHint.windows(
          build.get(), tagText + " names the Windows release " + build.get().buildString());
    }
    if (repositoryLooksWindows(ref)) {
      if (build.isPresent()) {
        return ImageOsHint.windows(
            build.get(),
            "repository " + ref.repository() + " " + tagText + " names " + build.get());
      }
      return ImageOsHint.of(
          Kind.WINDOWS_UNKNOWN_BUILD,
          "repository name " + ref.repository() + " says Windows, the " + tagText + " no release");
    }
    if (linux) {
      return ImageOsHint.of(Kind.PROBABLY_LINUX, tagText + " is a Linux variant");
    }
    return ImageOsHint.of(Kind.PROBABLY_LINUX, "nothing in " + ref + " says Windows");
  }

  private ImageOsHint windowsVariant(
      ImageReference ref, Optional<OsVersion> build, String tagText) {
    if (build.isPresent()) {
      return ImageOsHint.windows(
          build.get(), tagText + " is a Windows variant of build " + build.get());
    }
    return ImageOsHint.of(
        Kind.WINDOWS_UNKNOWN_BUILD, tagText + " is a Windows variant but names no release");
  }

  /**
   * A release token that cannot be anything else: {@code ltsc2022}, {@code sac2016}, {@code 20h2}.
   * All-digit tokens such as {@code 1809} or {@code 2004} also look like application versions, so
   * they count only beside a Windows flavour or in a known Windows repository.
   */
  private boolean isWindowsOnlyReleaseToken(String token) {
    return releaseTokens.containsKey(token) && !token.chars().allMatch(Character::isDigit);
  }

  private boolean repositoryLooksWindows(ImageReference ref) {
    for (String part : ref.repository().toLowerCase(Locale.ROOT).split("[/._-]")) {
      if (windowsFlavourTokens.contains(part)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The build named by release tokens ({@code ltsc2022}, {@code 1809}) or an exact version token
   * ({@code 10.0.17763.437}). Empty when none, or when tokens disagree: never a guess.
   */
  private Optional<OsVersion> buildFromTokens(Set<String> tokens) {
    OsVersion found = null;
    for (String token : tokens) {
      OsVersion v = null;
      Integer build = releaseTokens.get(token);
      if (build != null) {
        v = OsVersion.ofBuild(build);
      } else if (token.startsWith("10.0.")) {
        v = OsVersion.parseNumeric(token).orElse(null);
      }
      if (v == null) {
        continue;
      }
      if (found == null || (found.sameBuild(v) && v.hasRevision())) {
        found = v;
      } else if (!found.sameBuild(v)) {
        return Optional.empty();
      }
    }
    return Optional.ofNullable(found);
  }
}
