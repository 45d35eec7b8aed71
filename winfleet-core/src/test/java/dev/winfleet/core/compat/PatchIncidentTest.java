package dev.winfleet.core.compat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.winfleet.core.catalog.WindowsCatalog;
import dev.winfleet.core.catalog.WindowsUpdate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The incidents of patch-incidents.yaml at the exact revisions their sources report. */
class PatchIncidentTest {

  private final CompatibilityEngine engine = CompatibilityEngine.builtIn();

  private Compatibility judge(String host, String image) {
    return engine.evaluate(
        WindowsCatalog.builtIn().parseVersion(host), WindowsCatalog.builtIn().parseVersion(image));
  }

  @ParameterizedTest(name = "host {0}, image {1}: process {2} ({3})")
  @CsvSource({
    // actions/runner-images#11582: January host, February image.
    "10.0.26100.2894, 10.0.26100.3194, false, ws2025-2025-02",
    "10.0.26100.3194, 10.0.26100.3194, true, ''",
    "10.0.26100.3194, 10.0.26100.2894, true, ''",
    // Windows-Containers#591: May 2025 image on a host without KB5058411.
    "10.0.26100.3775, 10.0.26100.4061, false, ws2025-2025-05",
    "10.0.26100.4061, 10.0.26100.4061, true, ''",
    "10.0.26100.7462, 10.0.26100.4061, true, ''",
    // KB4542617, the case of docker-library/openjdk#395: February 2020 host, January image.
    "10.0.14393.3504, 10.0.14393.3443, false, kb4542617-14393",
    "10.0.14393.3443, 10.0.14393.3504, false, kb4542617-14393",
    "10.0.17763.1039, 10.0.17763.973, false, kb4542617-17763",
    "10.0.17763.973, 10.0.17763.1039, false, kb4542617-17763",
    "10.0.17763.1075, 10.0.17763.1039, true, ''",
    // No incident: an image one month ahead on Windows Server 2022 runs, with a warning.
    "10.0.20348.2031, 10.0.20348.2113, true, ''"
  })
  void judgesTheReportedCases(String host, String image, boolean process, String incident) {
    Compatibility c = judge(host, image);
    assertThat(c.process().supported()).isEqualTo(process);
    assertThat(
            engine
                .incident(
                    WindowsCatalog.builtIn().parseVersion(host),
                    WindowsCatalog.builtIn().parseVersion(image))
                .map(PatchIncident::id))
        .isEqualTo(
            incident.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(incident));
    if (!incident.isEmpty()) {
      assertThat(c.hyperv().supported()).isTrue();
      assertThat(c.hyperv().notes()).anyMatch(n -> n.contains(incident));
    }
  }

  @Test
  void incidentNamesTheKbToInstallAndTheHyperVFallback() {
    Verdict v = judge("10.0.26100.2894", "10.0.26100.3194").process();
    assertThat(v.reason())
        .contains("Install KB5051987")
        .contains("Hyper-V isolation")
        .contains("https://github.com/actions/runner-images/issues/11582")
        .contains("10.0.26100.3194 (2025-02 KB5051987)")
        .contains("10.0.26100.2894 (2025-01 KB5050009)");
  }

  @Test
  void baselineTellsWhichSideToMove() {
    assertThat(judge("10.0.14393.3443", "10.0.14393.3504").process().reason())
        .contains("Install KB4537764");
    assertThat(judge("10.0.14393.3504", "10.0.14393.3443").process().reason())
        .contains("Rebuild the image on a base image of 10.0.14393.3504");
  }

  @Test
  void imageAheadWithoutIncidentIsAWarningThatSaysPatchHostsFirst() {
    Compatibility c = judge("10.0.20348.2031", "10.0.20348.2113");
    assertThat(c.process().notes())
        .anyMatch(
            n ->
                n.contains("1 monthly update ahead of the host")
                    && n.contains("patch hosts first")
                    && n.contains("KB5032198"));
    PatchAssessment p =
        engine.assessPatch(
            WindowsCatalog.builtIn().parseVersion("10.0.20348.2031"),
            WindowsCatalog.builtIn().parseVersion("10.0.20348.2113"));
    assertThat(p.imageAhead()).isTrue();
    assertThat(p.monthsImageAhead()).isEqualTo(1);
    assertThat(p.incident()).isEmpty();
    assertThat(p.hostAgeMonths().getAsInt() - p.imageAgeMonths().getAsInt()).isEqualTo(1);
  }

  @Test
  void keepsTheRevisionMatchRuleOfWindowsServer2016() {
    Verdict v = judge("10.0.14393.1914", "10.0.14393.1944").process();
    assertThat(v.supported()).isFalse();
    assertThat(v.reason()).contains("revisions must match");
  }

  @Test
  void everyIncidentRevisionIsAKnownMonthlyUpdateWithItsKb() {
    for (PatchIncident i : engine.incidents()) {
      WindowsUpdate u = engine.patches().find(i.version()).orElseThrow();
      assertThat(u.kb()).as(i.id()).isEqualTo(i.kb());
      assertThat(u.outOfBand()).as(i.id()).isFalse();
      assertThat(i.sources()).as(i.id()).allMatch(s -> s.startsWith("https://"));
    }
  }
}
