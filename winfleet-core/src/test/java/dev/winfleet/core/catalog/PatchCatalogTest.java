package dev.winfleet.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.winfleet.core.version.OsVersion;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PatchCatalogTest {

  private final PatchCatalog patches = PatchCatalog.builtIn();

  /**
   * Rows checked against a second, independent source each (the issue, pull request or page in the
   * comment), not only the update-history scrape the data file was read from.
   */
  @ParameterizedTest(name = "10.0.{0}.{1} = {2} of {3}")
  @CsvSource({
    "26100, 2894, KB5050009, 2025-01-14", // runner-images#11582: the January host
    "26100, 3194, KB5051987, 2025-02-11", // runner-images#11582: the February image
    "26100, 4061, KB5058411, 2025-05-13", // Windows-Containers#591
    "17763, 7136, KB5055519, 2025-04-08", // Windows-Containers#583
    "14393, 3504, KB4537764, 2020-02-11", // openjdk#395: the February 2020 host
    "14393, 3443, KB4534271, 2020-01-14", // openjdk#395: the January 2020 image
    "17763, 1039, KB4532691, 2020-02-11", // KB4542617's February 2020 update for 1809
    "26100, 32522, KB5078740, 2026-03-10", // Windows-Containers#624: ltsc2025 of 2026-03-10
    "20348, 2031, KB5031364, 2023-10-10", // KB5031364 link in Microsoft docs
    "20348, 2762, KB5044281, 2024-10-08", // KB5044281 link in Microsoft docs
    "17763, 8755, KB5087538, 2026-05-12", // CVE-2026-41097: fixed in 17763.8755 that day
    "20348, 5139, KB5087545, 2026-05-12", // CVE-2026-41097: fixed in 20348.5139 that day
    "17763, 9020, KB5099538, 2026-07-14", // CVE-2026-57089: fixed in 17763.9020 that day
    "20348, 5386, KB5099540, 2026-07-14", // CVE-2026-57089: fixed in 20348.5386 that day
    "20348, 3453, KB5055526, 2025-04-08" // CVE-2025-27491: fixed in 20348.3453 that day
  })
  void knowsTheRevisionsTheIncidentsCite(int build, int revision, String kb, LocalDate released) {
    WindowsUpdate u = patches.find(new OsVersion(10, 0, build, revision)).orElseThrow();
    assertThat(u.kb()).isEqualTo(kb);
    assertThat(u.released()).isEqualTo(released);
    assertThat(u.outOfBand()).isFalse();
  }

  @Test
  void flagsOutOfBandUpdates() {
    // docker-library/official-images#18884: April 2025 out-of-band images 26100.3781 and
    // 17763.7249.
    assertThat(
            patches
                .find(WindowsCatalog.builtIn().parseVersion("10.0.26100.3781"))
                .orElseThrow()
                .outOfBand())
        .isTrue();
    assertThat(
            patches
                .find(WindowsCatalog.builtIn().parseVersion("10.0.17763.7249"))
                .orElseThrow()
                .outOfBand())
        .isTrue();
  }

  @Test
  void coversEveryContainerLtscBuildSince2020() {
    for (int build : List.of(14393, 17763, 20348, 26100)) {
      assertThat(patches.updates(build)).as("build %d", build).hasSizeGreaterThan(20);
      assertThat(patches.source(build)).isPresent();
    }
    assertThat(patches.updates(14393).get(0).released()).isEqualTo(LocalDate.of(2020, 1, 14));
    assertThat(patches.updates(17763).get(0).released()).isEqualTo(LocalDate.of(2020, 1, 14));
  }

  @Test
  void everyBuildHasAtMostOneMonthlyUpdatePerMonth() {
    for (int build : patches.builds()) {
      List<String> months =
          patches.updates(build).stream()
              .filter(u -> !u.outOfBand())
              .map(u -> u.released().toString().substring(0, 7))
              .toList();
      assertThat(months).as("build %d", build).doesNotHaveDuplicates();
    }
  }

  @Test
  void patchAgeCountsMonthlyUpdatesNewerThanTheRevision() {
    OsVersion newest = patches.newestMonthly(26100).orElseThrow().version();
    assertThat(patches.patchAgeMonths(newest)).hasValue(0);
    // January to February 2025 is one monthly update.
    assertThat(
            patches
                    .patchAgeMonths(WindowsCatalog.builtIn().parseVersion("10.0.26100.2894"))
                    .getAsInt()
                - patches
                    .patchAgeMonths(WindowsCatalog.builtIn().parseVersion("10.0.26100.3194"))
                    .getAsInt())
        .isEqualTo(1);
    assertThat(
            patches.monthsBetween(
                WindowsCatalog.builtIn().parseVersion("10.0.26100.2894"),
                WindowsCatalog.builtIn().parseVersion("10.0.26100.4061")))
        .isEqualTo(4);
    assertThat(patches.patchAgeMonths(WindowsCatalog.builtIn().parseVersion("10.0.26100")))
        .isEmpty();
    assertThat(patches.patchAgeMonths(WindowsCatalog.builtIn().parseVersion("10.0.22000.1")))
        .isEmpty();
    // Older than the first update known (January 2020): an age would only be a floor.
    assertThat(patches.patchAgeMonths(WindowsCatalog.builtIn().parseVersion("10.0.14393.1884")))
        .isEmpty();
  }

  @Test
  void isStaleAfterSixtyDays() {
    LocalDate updated = patches.lastUpdated();
    assertThat(patches.isStale(updated.plusDays(60))).isFalse();
    assertThat(patches.isStale(updated.plusDays(61))).isTrue();
    assertThat(patches.ageInDays(updated.minusDays(3))).isZero();
  }

  @Test
  void rejectsRevisionsThatGoBackInTime() {
    List<WindowsUpdate> updates =
        List.of(
            new WindowsUpdate(17763, 100, LocalDate.of(2020, 2, 11), "KB1000000", false),
            new WindowsUpdate(17763, 200, LocalDate.of(2020, 1, 14), "KB2000000", false));
    assertThatThrownBy(() -> PatchCatalog.of(LocalDate.of(2020, 3, 1), updates, Map.of()))
        .hasMessageContaining("revision 200 is dated before revision 100");
  }
}
