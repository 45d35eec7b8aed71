package dev.winfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class CompatCommandTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void jsonFollowsTheContract() throws Exception {
    CliRun run = CliRun.of("compat", "--host", "ltsc2022", "--image", "10.0.17763.5206", "--json");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.FOUND);
    JsonNode json = JSON.readTree(run.out());
    assertThat(json.get("host").asText()).isEqualTo("10.0.20348");
    assertThat(json.get("image").asText()).isEqualTo("10.0.17763.5206");
    assertThat(json.at("/process/supported").asBoolean()).isFalse();
    assertThat(json.at("/process/reason").asText()).contains("ltsc2022");
    assertThat(json.at("/hyperv/supported").asBoolean()).isTrue();
    assertThat(json.at("/hyperv/reason").asText()).isNotBlank();
  }

  @Test
  void exitsZeroWhenProcessIsolationWorks() {
    CliRun run = CliRun.of("compat", "--host", "ws2025", "--image", "ltsc2022");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(run.out())
        .contains("host:  Windows Server 2025 (10.0.26100)")
        .contains("process isolation: yes");
  }

  @Test
  void linuxImageOnWindowsHostMentionsLcow() {
    CliRun run = CliRun.of("compat", "--host", "ltsc2019", "--image", "linux");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.FOUND);
    assertThat(run.out()).contains("LCOW");
  }

  @Test
  void unknownVersionIsAUsageErrorWithoutStackTrace() {
    CliRun run = CliRun.of("compat", "--host", "ltsc2030", "--image", "ltsc2022");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err())
        .contains("'ltsc2030' is not a Windows version")
        .doesNotContain("Exception")
        .doesNotContain("\tat ");
  }

  @Test
  void hostWithoutImageIsAUsageError() {
    CliRun run = CliRun.of("compat", "--host", "ltsc2022");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("--image");
  }

  @Test
  void matrixListsEveryServerReleaseAsHostAndImage() throws Exception {
    CliRun run = CliRun.of("compat", "--matrix", "--json");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    JsonNode json = JSON.readTree(run.out());
    assertThat(json.get("hosts")).hasSize(11);
    assertThat(json.get("images")).hasSize(10);
    assertThat(json.get("cells")).hasSize(110);
    CliRun text = CliRun.of("compat", "--matrix");
    assertThat(text.out()).contains("Windows Server 2022 20348").contains("ltsc2025");
  }

  /** actions/runner-images#11582: a January 2025 runner host and the February ltsc2025 image. */
  @Test
  void fullVersionsUnderAKnownIncidentAnswerNoWithTheKb() throws Exception {
    CliRun run = CliRun.of("compat", "--host", "10.0.26100.2894", "--image", "10.0.26100.3194");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.FOUND);
    assertThat(run.out())
        .contains("host:  Windows Server 2025 (10.0.26100.2894), 2025-01 KB5050009")
        .contains("image: Windows Server 2025 (10.0.26100.3194), 2025-02 KB5051987")
        .contains("process isolation: no")
        .contains("Install KB5051987")
        .contains("Hyper-V isolation: yes");
    JsonNode json =
        JSON.readTree(
            CliRun.of("compat", "--host", "10.0.26100.2894", "--image", "10.0.26100.3194", "--json")
                .out());
    assertThat(json.at("/patch/incident/id").asText()).isEqualTo("ws2025-2025-02");
    assertThat(json.at("/patch/incident/kb").asText()).isEqualTo("KB5051987");
    assertThat(json.at("/patch/imageAhead").asBoolean()).isTrue();
    assertThat(json.at("/patch/monthsImageAhead").asInt()).isEqualTo(1);
    assertThat(json.at("/patch/hostUpdate/released").asText()).isEqualTo("2025-01-14");
  }

  @Test
  void imageAheadWithoutIncidentRunsWithAWarning() {
    CliRun run = CliRun.of("compat", "--host", "10.0.20348.2031", "--image", "10.0.20348.2113");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(run.out())
        .contains("process isolation: yes")
        .contains("1 monthly update ahead of the host")
        .contains("patch hosts first");
  }

  @Test
  void releasesWarnsWhenThePatchKnowledgeIsOlderThanSixtyDays() throws Exception {
    CliRun fresh = CliRun.of("releases", "--servers-only", "--today", "2026-09-01");
    assertThat(fresh.err()).doesNotContain("warning");
    CliRun stale = CliRun.of("releases", "--servers-only", "--today", "2026-12-01");
    assertThat(stale.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(stale.err()).contains("last updated 2026-08-22 (101 days ago");
    JsonNode json = JSON.readTree(CliRun.of("releases", "--json", "--today", "2026-12-01").out());
    assertThat(json.at("/patchKnowledge/stale").asBoolean()).isTrue();
    assertThat(json.at("/patchKnowledge/lastUpdated").asText()).isEqualTo("2026-08-22");
  }

  @Test
  void releasesListsTheMonthlyUpdatesOfABuild() {
    CliRun run = CliRun.of("releases", "--updates", "ltsc2019", "--today", "2026-09-01");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(run.out()).contains("10.0.17763.7136  2025-04-08  KB5055519  monthly");
    assertThat(CliRun.of("releases", "--updates", "22000").exitCode()).isEqualTo(ExitCodes.USAGE);
  }
}
