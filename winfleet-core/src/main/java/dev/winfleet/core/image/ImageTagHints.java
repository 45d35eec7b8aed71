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
    MULTI,
    /** Linux only: the repository publishes no Windows entries (a knowledge fact, with sources). */
    LINUX
  }

  /** One knowledge entry: what a repository (or every repository under a prefix) publishes. */
  public record Family(FamilyKind kind, String source) {}

  private final Map<String, FamilyKind> families;
  private final Map<String, Family> prefixes;
  private final Map<String, String> familySources;
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
    this(
        families,
        Map.of(),
        Map.of(),
        releaseTokens,
        windowsFlavourTokens,
        linuxTokens,
        hostProcessTokens);
  }

  /**
   * @param prefixes repositories under a path prefix ({@code registry.k8s.io/sig-storage}) that all
   *     publish the same way
   * @param familySources a source URL per repository of {@code families}, for messages
   */
  public ImageTagHints(
      Map<String, FamilyKind> families,
      Map<String, Family> prefixes,
      Map<String, String> familySources,
      Map<String, Integer> releaseTokens,
      Set<String> windowsFlavourTokens,
      Set<String> linuxTokens,
      Set<String> hostProcessTokens) {
    this.families = Map.copyOf(families);
    this.prefixes = Map.copyOf(prefixes);
    this.familySources = Map.copyOf(familySources);
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
    Map<String, Family> prefixes = new HashMap<>();
    Map<String, String> sources = new HashMap<>();
    for (FamilyEntry e : file.families) {
      FamilyKind kind = FamilyKind.valueOf(e.kind.toUpperCase(Locale.ROOT).replace('-', '_'));
      String source = e.source == null ? "" : e.source;
      if (e.repository.endsWith("/*")) {
        String prefix =
            ImageReference.parse(e.repository.substring(0, e.repository.length() - 2) + "/x")
                .name();
        prefix = prefix.substring(0, prefix.length() - 1);
        if (prefixes.put(prefix, new Family(kind, source)) != null) {
          throw new IllegalStateException(RESOURCE + ": prefix listed twice: " + e.repository);
        }
        continue;
      }
      ImageReference ref = ImageReference.parse(e.repository);
      if (families.put(ref.name(), kind) != null) {
        throw new IllegalStateException(RESOURCE + ": repository listed twice: " + e.repository);
      }
      sources.put(ref.name(), source);
    }
    Map<String, Integer> tokens = new HashMap<>(catalog.tagTokens());
    file.extraReleaseTokens.forEach((k, v) -> tokens.put(k.toLowerCase(Locale.ROOT), v));
    return new ImageTagHints(
        families,
        prefixes,
        sources,
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
    public String source;
  }

  /** The family of a repository, if winfleet knows it (by name, else by the longest prefix). */
  public Optional<FamilyKind> family(ImageReference ref) {
    return knownFamily(ref).map(Family::kind);
  }

  private Optional<Family> knownFamily(ImageReference ref) {
    FamilyKind exact = families.get(ref.name());
    if (exact != null) {
      return Optional.of(new Family(exact, familySources.getOrDefault(ref.name(), "")));
    }
    Family best = null;
    int bestLength = -1;
    for (Map.Entry<String, Family> e : prefixes.entrySet()) {
      if (ref.name().startsWith(e.getKey()) && e.getKey().length() > bestLength) {
        best = e.getValue();
        bestLength = e.getKey().length();
      }
    }
    return Optional.ofNullable(best);
  }

  /** What the reference text says; an unparsable reference is {@link Kind#UNKNOWN}. */
  public ImageOsHint hint(String reference) {
    ImageReference ref;
    try {
      ref = ImageReference.parse(reference);
    } catch (InvalidImageReferenceException e) {
      return ImageOsHint.unknown("not a valid image reference");
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
    Optional<Family> known = knownFamily(ref);
    String tagText = ref.tag() == null ? "no tag" : "tag '" + ref.tag() + "'";

    if (known.isPresent()) {
      FamilyKind family = known.get().kind();
      String from = known.get().source().isEmpty() ? "" : " (" + known.get().source() + ")";
      switch (family) {
        case HOSTPROCESS:
          return ImageOsHint.of(
              Kind.WINDOWS_ANY_BUILD,
              Evidence.KNOWLEDGE,
              ref.name() + " is the OS-version-agnostic HostProcess base" + from);
        case BASE_OS:
        case WINDOWS:
          if (build.isPresent()) {
            return ImageOsHint.windows(
                build.get(),
                Evidence.KNOWLEDGE,
                ref.name() + " " + tagText + " names build " + build.get());
          }
          return ImageOsHint.of(
              Kind.WINDOWS_UNKNOWN_BUILD,
              Evidence.KNOWLEDGE,
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
                Kind.LINUX, Evidence.TAG_TOKEN, ref.name() + " " + tagText + " is a Linux variant");
          }
          return ImageOsHint.of(
              Kind.MULTI_OS,
              Evidence.KNOWLEDGE,
              ref.name()
                  + " publishes Linux and Windows entries behind its tags"
                  + from
                  + "; the runtime picks the entry for the node's OS");
        case LINUX:
          if (flavour) {
            return windowsVariant(ref, build, tagText);
          }
          return ImageOsHint.of(
              Kind.LINUX, Evidence.KNOWLEDGE, ref.name() + " publishes Linux images only" + from);
        default:
          throw new IllegalStateException("unknown family " + family);
      }
    }
    if (tokens.stream().anyMatch(hostProcessTokens::contains)) {
      return ImageOsHint.of(
          Kind.WINDOWS_ANY_BUILD,
          Evidence.TAG_TOKEN,
          tagText + " marks a HostProcess image, which fits every build");
    }
    if (flavour) {
      return windowsVariant(ref, build, tagText);
    }
    if (build.isPresent() && tokens.stream().anyMatch(this::isWindowsOnlyReleaseToken)) {
      return ImageOsHint.windows(
          build.get(),
          Evidence.TAG_TOKEN,
          tagText + " names the Windows release " + build.get().buildString());
    }
    if (repositoryLooksWindows(ref)) {
      if (build.isPresent()) {
        return ImageOsHint.windows(
            build.get(),
            Evidence.GUESS,
            "repository " + ref.repository() + " " + tagText + " names " + build.get());
      }
      return ImageOsHint.of(
          Kind.WINDOWS_UNKNOWN_BUILD,
          Evidence.GUESS,
          "repository name " + ref.repository() + " says Windows, the " + tagText + " no release");
    }
    if (linux) {
      return ImageOsHint.of(Kind.LINUX, Evidence.TAG_TOKEN, tagText + " is a Linux variant");
    }
    return ImageOsHint.unknown(
        "winfleet does not know "
            + ref.name()
            + " and nothing in the reference names an OS (an image is not Linux just because"
            + " its name does not say Windows)");
  }

  private ImageOsHint windowsVariant(
      ImageReference ref, Optional<OsVersion> build, String tagText) {
    if (build.isPresent()) {
      return ImageOsHint.windows(
          build.get(),
          Evidence.TAG_TOKEN,
          tagText + " is a Windows variant of build " + build.get());
    }
    return ImageOsHint.of(
        Kind.WINDOWS_UNKNOWN_BUILD,
        Evidence.TAG_TOKEN,
        tagText + " is a Windows variant but names no release");
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
