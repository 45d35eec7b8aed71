package dev.winfleet.core.catalog;

import dev.winfleet.core.version.OsVersion;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The Windows releases winfleet knows, read from {@code windows-releases.yaml}.
 *
 * <p>Immutable. {@link #builtIn()} is the catalog bundled with winfleet; tests and a future "bring
 * your own catalog" option build others with {@link #of(List)}.
 */
public final class WindowsCatalog {

  static final String RESOURCE = "/dev/winfleet/core/catalog/windows-releases.yaml";

  private final List<WindowsRelease> releases;
  private final Map<String, WindowsRelease> byKey;
  private final TreeMap<Integer, List<WindowsRelease>> byBuild;

  private WindowsCatalog(List<WindowsRelease> releases) {
    List<WindowsRelease> sorted = new ArrayList<>(releases);
    sorted.sort(
        Comparator.comparingInt(WindowsRelease::build)
            .thenComparing(r -> r.edition() == Edition.SERVER ? 0 : 1)
            .thenComparing(WindowsRelease::id));
    this.releases = List.copyOf(sorted);
    this.byBuild = new TreeMap<>();
    for (WindowsRelease r : this.releases) {
      byBuild.computeIfAbsent(r.build(), b -> new ArrayList<>()).add(r);
    }
    this.byKey = indexKeys(this.releases);
  }

  /** A catalog of exactly these releases. Ids must be unique. */
  public static WindowsCatalog of(List<WindowsRelease> releases) {
    Map<String, WindowsRelease> ids = new HashMap<>();
    for (WindowsRelease r : releases) {
      if (ids.put(r.id().toLowerCase(Locale.ROOT), r) != null) {
        throw new IllegalArgumentException("duplicate release id in catalog: " + r.id());
      }
    }
    return new WindowsCatalog(releases);
  }

  /** The catalog bundled with winfleet. */
  public static WindowsCatalog builtIn() {
    return BuiltIn.CATALOG;
  }

  /** When the bundled catalog's sources were last read (ISO date), as {@code --version} says. */
  public static String builtInAsOf() {
    return CatalogFiles.readAsOf(RESOURCE);
  }

  private static final class BuiltIn {
    static final WindowsCatalog CATALOG = of(CatalogFiles.readReleases(RESOURCE));
  }

  /**
   * Keys that name a release: ids, image tags, names and aliases, and for server releases their
   * marketing version. Server releases win over client releases of the same build for shared keys
   * such as {@code 1809}.
   */
  private static Map<String, WindowsRelease> indexKeys(List<WindowsRelease> releases) {
    Map<String, WindowsRelease> keys = new LinkedHashMap<>();
    // Servers first so that "1809" means Windows Server 2019 rather than Windows 10 1809.
    List<WindowsRelease> serversFirst = new ArrayList<>(releases);
    serversFirst.sort(Comparator.comparing(r -> r.edition() == Edition.SERVER ? 0 : 1));
    for (WindowsRelease r : serversFirst) {
      List<String> names = new ArrayList<>();
      names.add(r.id());
      names.addAll(r.tags());
      names.add(r.name());
      names.addAll(r.aliases());
      if (r.isServer() && !r.marketingVersion().isEmpty()) {
        names.add(r.marketingVersion());
      }
      for (String name : names) {
        keys.putIfAbsent(normalize(name), r);
      }
    }
    return keys;
  }

  private static String normalize(String key) {
    return key.trim().toLowerCase(Locale.ROOT).replaceAll("[\\s_]+", " ");
  }

  /** All releases, ordered by build, servers before clients. */
  public List<WindowsRelease> releases() {
    return releases;
  }

  /** The server releases, ordered by build. */
  public List<WindowsRelease> serverReleases() {
    return releases.stream().filter(WindowsRelease::isServer).toList();
  }

  /**
   * Parses {@code 10.0.17763}, {@code 10.0.17763.5206} or a release alias of this catalog ({@code
   * ltsc2019}, {@code 1809}, {@code ltsc2022}, {@code ws2025}, {@code win11-24h2}...),
   * case-insensitively.
   *
   * @throws dev.winfleet.core.version.InvalidOsVersionException with a message that says what was
   *     expected
   */
  public OsVersion parseVersion(String text) {
    return OsVersion.parse(text, alias -> findRelease(alias).map(WindowsRelease::build));
  }

  /**
   * The release named by an id ({@code ws2022}), an image tag ({@code ltsc2022}, {@code 20H2}), a
   * name ({@code Windows Server 2022}) or a known build number ({@code 20348}), ignoring case.
   */
  public Optional<WindowsRelease> findRelease(String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    WindowsRelease named = byKey.get(normalize(text));
    if (named != null) {
      return Optional.of(named);
    }
    if (text.trim().matches("\\d{5}")) {
      return primaryRelease(Integer.parseInt(text.trim()));
    }
    return Optional.empty();
  }

  /** Every release of this build: a server release first, then clients. */
  public List<WindowsRelease> releasesForBuild(int build) {
    return byBuild.getOrDefault(build, List.of());
  }

  /** The release that best names a build: its server release if any, else its first client. */
  public Optional<WindowsRelease> primaryRelease(int build) {
    List<WindowsRelease> found = releasesForBuild(build);
    return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
  }

  /** The server release of a build, if Windows Server shipped one. */
  public Optional<WindowsRelease> serverRelease(int build) {
    return releasesForBuild(build).stream().filter(WindowsRelease::isServer).findFirst();
  }

  public boolean knowsBuild(int build) {
    return byBuild.containsKey(build);
  }

  /**
   * The image-tag release token (case-insensitive) to build map, from every release's tags: {@code
   * ltsc2019 -> 17763}.
   */
  public Map<String, Integer> tagTokens() {
    Map<String, Integer> tokens = new LinkedHashMap<>();
    for (WindowsRelease r : releases) {
      for (String tag : r.tags()) {
        tokens.putIfAbsent(tag.toLowerCase(Locale.ROOT), r.build());
      }
    }
    return tokens;
  }

  /**
   * A person's name for a version: {@code Windows Server 2022 (10.0.20348)}, or just the number for
   * a build the catalog does not know.
   */
  public String describe(OsVersion version) {
    if (version.major() != 10 || version.minor() != 0) {
      return version.toString();
    }
    return primaryRelease(version.build())
        .map(r -> r.name() + " (" + version + ")")
        .orElse(version.toString());
  }

  /**
   * The image tag that selects base images of this build, e.g. {@code ltsc2022} for 20348; empty
   * when Microsoft published no base images for it (client-only builds).
   */
  public Optional<String> preferredTag(int build) {
    return serverRelease(build).filter(r -> !r.tags().isEmpty()).map(WindowsRelease::preferredTag);
  }
}
