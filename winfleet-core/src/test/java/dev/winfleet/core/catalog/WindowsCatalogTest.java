package dev.winfleet.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WindowsCatalogTest {

  private final WindowsCatalog catalog = WindowsCatalog.builtIn();

  @ParameterizedTest(name = "{0} is build {1}, {2}, {3}")
  @CsvSource({
    "ws2016, 14393, LTSC, SERVER",
    "ws1709, 16299, SAC, SERVER",
    "ws1803, 17134, SAC, SERVER",
    "ws2019, 17763, LTSC, SERVER",
    "ws1903, 18362, SAC, SERVER",
    "ws1909, 18363, SAC, SERVER",
    "ws2004, 19041, SAC, SERVER",
    "ws20h2, 19042, SAC, SERVER",
    "ws2022, 20348, LTSC, SERVER",
    "ws23h2, 25398, AC, SERVER",
    "ws2025, 26100, LTSC, SERVER",
    "win10-1809, 17763, CLIENT, CLIENT",
    "win10-1903, 18362, CLIENT, CLIENT",
    "win10-1909, 18363, CLIENT, CLIENT",
    "win10-2004, 19041, CLIENT, CLIENT",
    "win10-20h2, 19042, CLIENT, CLIENT",
    "win10-21h1, 19043, CLIENT, CLIENT",
    "win10-21h2, 19044, CLIENT, CLIENT",
    "win10-22h2, 19045, CLIENT, CLIENT",
    "win11-21h2, 22000, CLIENT, CLIENT",
    "win11-22h2, 22621, CLIENT, CLIENT",
    "win11-23h2, 22631, CLIENT, CLIENT",
    "win11-24h2, 26100, CLIENT, CLIENT"
  })
  void knowsEveryReleaseThatHostsOrRunsContainers(
      String id, int build, Channel channel, Edition edition) {
    WindowsRelease r = catalog.findRelease(id).orElseThrow();
    assertThat(r.id()).isEqualTo(id);
    assertThat(r.build()).isEqualTo(build);
    assertThat(r.channel()).isEqualTo(channel);
    assertThat(r.edition()).isEqualTo(edition);
    assertThat(r.source()).as("every release names its source").startsWith("https://");
  }

  @Test
  void imageTagAliasesMapToTheirBuilds() {
    Map<String, Integer> tokens = catalog.tagTokens();
    assertThat(tokens)
        .containsEntry("ltsc2016", 14393)
        .containsEntry("1709", 16299)
        .containsEntry("1803", 17134)
        .containsEntry("ltsc2019", 17763)
        .containsEntry("1809", 17763)
        .containsEntry("1903", 18362)
        .containsEntry("1909", 18363)
        .containsEntry("2004", 19041)
        .containsEntry("20h2", 19042)
        .containsEntry("ltsc2022", 20348)
        .containsEntry("ltsc2025", 26100);
  }

  @Test
  void onlyServerReleasesCarryImageTagsAndBaseImages() {
    for (WindowsRelease r : catalog.releases()) {
      if (!r.isServer()) {
        assertThat(r.tags()).as(r.id()).isEmpty();
        assertThat(r.baseImages()).as(r.id()).isEmpty();
      }
    }
  }

  @Test
  void everyReleaseWithTagsHasBaseImages() {
    for (WindowsRelease r : catalog.serverReleases()) {
      if (!r.tags().isEmpty()) {
        assertThat(r.baseImages()).as(r.id()).isNotEmpty();
      }
    }
  }

  @Test
  void idsAndTagsAreUnique() {
    Set<String> seen = new HashSet<>();
    for (WindowsRelease r : catalog.releases()) {
      assertThat(seen.add(r.id())).as("duplicate id " + r.id()).isTrue();
    }
    Set<String> tags = new HashSet<>();
    for (WindowsRelease r : catalog.releases()) {
      for (String tag : r.tags()) {
        assertThat(tags.add(tag.toLowerCase())).as("tag on two releases: " + tag).isTrue();
      }
    }
  }

  @Test
  void datesAreInOrderWhereKnown() {
    for (WindowsRelease r : catalog.releases()) {
      if (r.released() != null && r.endOfSupport() != null) {
        assertThat(r.endOfSupport()).as(r.id()).isAfter(r.released());
      }
      if (r.mainstreamEnd() != null && r.endOfSupport() != null) {
        assertThat(r.endOfSupport()).as(r.id()).isAfterOrEqualTo(r.mainstreamEnd());
      }
    }
  }

  @Test
  void serverReleaseWinsForSharedBuilds() {
    assertThat(catalog.primaryRelease(17763).orElseThrow().id()).isEqualTo("ws2019");
    assertThat(catalog.primaryRelease(26100).orElseThrow().id()).isEqualTo("ws2025");
    assertThat(catalog.primaryRelease(22621).orElseThrow().id()).isEqualTo("win11-22h2");
    assertThat(catalog.findRelease("1809").orElseThrow().id()).isEqualTo("ws2019");
  }

  @Test
  void preferredTagsFollowTheLtscNames() {
    assertThat(catalog.preferredTag(17763)).contains("ltsc2019");
    assertThat(catalog.preferredTag(20348)).contains("ltsc2022");
    assertThat(catalog.preferredTag(26100)).contains("ltsc2025");
    assertThat(catalog.preferredTag(22621)).isEmpty();
  }

  @Test
  void describesBuildsByTheirProductName() {
    assertThat(catalog.describe(catalog.parseVersion("10.0.20348.2762")))
        .isEqualTo("Windows Server 2022 (10.0.20348.2762)");
    assertThat(catalog.describe(catalog.parseVersion("10.0.12345"))).isEqualTo("10.0.12345");
  }
}
