package dev.winfleet.core.catalog;

import dev.winfleet.core.version.OsVersion;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * The monthly Windows updates winfleet knows per build ({@code windows-updates.yaml}): which
 * revision came with which KB on which day, and how many monthly updates a version is behind.
 *
 * <p>Immutable and clock-free: the day to judge staleness against is passed in.
 */
public final class PatchCatalog {

  static final String RESOURCE = "/dev/winfleet/core/catalog/windows-updates.yaml";

  /** Past this many days without a refresh, the knowledge is called stale. */
  public static final int STALE_AFTER_DAYS = 60;

  private final LocalDate lastUpdated;
  private final Map<Integer, List<WindowsUpdate>> byBuild;
  private final Map<Integer, String> sources;

  private PatchCatalog(
      LocalDate lastUpdated,
      Map<Integer, List<WindowsUpdate>> byBuild,
      Map<Integer, String> sources) {
    this.lastUpdated = Objects.requireNonNull(lastUpdated, "lastUpdated");
    this.byBuild = Map.copyOf(byBuild);
    this.sources = Map.copyOf(sources);
  }

  /**
   * A catalog of these updates. Within a build, revisions must rise with the release date.
   *
   * @throws IllegalArgumentException when a build's revisions go down as dates go up, or repeat
   */
  public static PatchCatalog of(
      LocalDate lastUpdated, List<WindowsUpdate> updates, Map<Integer, String> sources) {
    Map<Integer, List<WindowsUpdate>> byBuild = new TreeMap<>();
    for (WindowsUpdate u : updates) {
      byBuild.computeIfAbsent(u.build(), b -> new ArrayList<>()).add(u);
    }
    Map<Integer, List<WindowsUpdate>> sorted = new TreeMap<>();
    for (Map.Entry<Integer, List<WindowsUpdate>> e : byBuild.entrySet()) {
      List<WindowsUpdate> list = new ArrayList<>(e.getValue());
      list.sort(Comparator.comparingInt(WindowsUpdate::revision));
      for (int i = 1; i < list.size(); i++) {
        WindowsUpdate prev = list.get(i - 1);
        WindowsUpdate next = list.get(i);
        if (prev.revision() == next.revision()) {
          throw new IllegalArgumentException(
              "build " + e.getKey() + " lists revision " + next.revision() + " twice");
        }
        if (next.released().isBefore(prev.released())) {
          throw new IllegalArgumentException(
              "build "
                  + e.getKey()
                  + ": revision "
                  + next.revision()
                  + " is dated before revision "
                  + prev.revision());
        }
      }
      sorted.put(e.getKey(), List.copyOf(list));
    }
    return new PatchCatalog(lastUpdated, sorted, sources);
  }

  /** The catalog bundled with winfleet. */
  public static PatchCatalog builtIn() {
    return BuiltIn.CATALOG;
  }

  private static final class BuiltIn {
    static final PatchCatalog CATALOG = CatalogFiles.readUpdates(RESOURCE);
  }

  /** The day the bundled facts were last read from their sources. */
  public LocalDate lastUpdated() {
    return lastUpdated;
  }

  /** Days between {@link #lastUpdated()} and {@code today}; never negative. */
  public long ageInDays(LocalDate today) {
    return Math.max(0, ChronoUnit.DAYS.between(lastUpdated, today));
  }

  /** Whether the facts are more than {@link #STALE_AFTER_DAYS} days old on {@code today}. */
  public boolean isStale(LocalDate today) {
    return ageInDays(today) > STALE_AFTER_DAYS;
  }

  /** The builds with known updates, ascending. */
  public List<Integer> builds() {
    return List.copyOf(byBuild.keySet());
  }

  /** The updates of a build, by revision; empty for a build winfleet has no updates for. */
  public List<WindowsUpdate> updates(int build) {
    return byBuild.getOrDefault(build, List.of());
  }

  /** Where a build's updates were read. */
  public Optional<String> source(int build) {
    return Optional.ofNullable(sources.get(build));
  }

  /** The update that brought exactly this revision, if winfleet knows it. */
  public Optional<WindowsUpdate> find(OsVersion version) {
    if (!isWindows10Era(version) || !version.hasRevision()) {
      return Optional.empty();
    }
    return updates(version.build()).stream()
        .filter(u -> u.revision() == version.revision())
        .findFirst();
  }

  /**
   * The newest known update at or below this revision: what a version carries at least (a preview
   * revision between two monthly updates carries the older one).
   */
  public Optional<WindowsUpdate> atOrBelow(OsVersion version) {
    if (!isWindows10Era(version) || !version.hasRevision()) {
      return Optional.empty();
    }
    WindowsUpdate found = null;
    for (WindowsUpdate u : updates(version.build())) {
      if (u.revision() <= version.revision()) {
        found = u;
      }
    }
    return Optional.ofNullable(found);
  }

  /** The newest monthly (not out-of-band) update of a build. */
  public Optional<WindowsUpdate> newestMonthly(int build) {
    List<WindowsUpdate> list = updates(build);
    for (int i = list.size() - 1; i >= 0; i--) {
      if (!list.get(i).outOfBand()) {
        return Optional.of(list.get(i));
      }
    }
    return Optional.empty();
  }

  /** The first monthly update at or above this revision of the build (what to patch to). */
  public Optional<WindowsUpdate> firstMonthlyAtOrAbove(int build, int revision) {
    return updates(build).stream()
        .filter(u -> !u.outOfBand() && u.revision() >= revision)
        .findFirst();
  }

  /**
   * Patch age: how many monthly updates of the same build winfleet knows that are newer than this
   * version's revision. 0 means at or past the newest known monthly update. Empty when the version
   * has no revision, winfleet knows no updates of its build, or the revision is older than the
   * first update it knows (the count would be a floor, not an age).
   */
  public OptionalInt patchAgeMonths(OsVersion version) {
    if (!isWindows10Era(version) || !version.hasRevision()) {
      return OptionalInt.empty();
    }
    List<WindowsUpdate> list = updates(version.build());
    if (list.isEmpty() || version.revision() < list.get(0).revision()) {
      return OptionalInt.empty();
    }
    int newer = 0;
    for (WindowsUpdate u : list) {
      if (!u.outOfBand() && u.revision() > version.revision()) {
        newer++;
      }
    }
    return OptionalInt.of(newer);
  }

  /**
   * How many monthly updates {@code ahead} is past {@code behind} (same build); 0 when it is not
   * ahead. Revisions unknown to the catalog count by the monthly updates between them.
   */
  public int monthsBetween(OsVersion behind, OsVersion ahead) {
    if (!behind.sameBuild(ahead) || !behind.hasRevision() || !ahead.hasRevision()) {
      return 0;
    }
    int count = 0;
    for (WindowsUpdate u : updates(ahead.build())) {
      if (!u.outOfBand() && u.revision() > behind.revision() && u.revision() <= ahead.revision()) {
        count++;
      }
    }
    return count;
  }

  /**
   * {@code 10.0.26100.3194 (2025-02 KB5051987)}, or just the version when the update is unknown.
   */
  public String describe(OsVersion version) {
    return find(version).map(u -> version + " (" + u.label() + ")").orElse(version.toString());
  }

  private static boolean isWindows10Era(OsVersion v) {
    return v.major() == 10 && v.minor() == 0;
  }
}
