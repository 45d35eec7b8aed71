package dev.winfleet.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.winfleet.core.fleet.Fleet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** image-ahead-of-host and no-compatible-node under a known patch incident. */
class PatchRulesTest extends RuleTestSupport {

  static final Fleet WS2025_JANUARY = fleet("fleet-ws2025-january.yaml");

  @Test
  void warnsWhenTheImageIsOfANewerMonthlyUpdateThanTheNodes() {
    // win22-a runs 10.0.20348.2762 (October 2024); the image is November 2024's 10.0.20348.2849.
    List<Finding> findings =
        check(
            edit(
                WINDOWS,
                "mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022",
                "mcr.microsoft.com/windows/servercore:10.0.20348.2849"),
            MIXED,
            null);

    assertOnly(
        findings,
        "image-ahead-of-host",
        Severity.WARNING,
        28,
        11,
        "Deployment/iis",
        "iis",
        "/spec/template/spec/containers/0/image",
        "mcr.microsoft.com/windows/servercore:10.0.20348.2849 (10.0.20348.2849, 2024-11"
            + " KB5046616) is up to 1 monthly update ahead of the nodes win22-a (10.0.20348.2762)"
            + " it can land on.",
        "Patch those nodes to KB5046616 (10.0.20348.2849, 2024-11-12) or later before rolling the"
            + " image out (patch hosts first, then images), or keep the image on the revision of"
            + " the nodes (tag 10.0.20348.2762).");
  }

  @Test
  void saysNothingWhenTheNodesAreAtTheImagesRevision() {
    List<Finding> findings =
        check(
            edit(
                WINDOWS,
                "mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022",
                "mcr.microsoft.com/windows/servercore:10.0.20348.2762"),
            MIXED,
            null);
    assertThat(findings).isEmpty();
  }

  /** actions/runner-images#11582: the February 2025 image on January 2025 hosts. */
  @Test
  void deniesUnderAKnownIncidentAndNamesTheUpdateToInstall() {
    String manifest =
        edit(
            edit(
                WINDOWS,
                "mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022",
                "mcr.microsoft.com/windows/servercore:10.0.26100.3194"),
            "\"10.0.20348\"",
            "\"10.0.26100\"");
    List<Finding> findings = check(manifest, WS2025_JANUARY, null);

    assertThat(findings).extracting(Finding::rule).containsExactly("no-compatible-node");
    Finding f = findings.get(0);
    assertThat(f.severity()).isEqualTo(Severity.ERROR);
    assertThat(f.fix())
        .startsWith("Install KB5051987 (or a later monthly update) on the nodes")
        .contains("known incident ws2025-2025-02")
        .contains("https://github.com/actions/runner-images/issues/11582");
  }
}
