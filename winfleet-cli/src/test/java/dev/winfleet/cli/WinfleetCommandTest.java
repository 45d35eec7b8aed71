package dev.winfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class WinfleetCommandTest {

  @Test
  void versionNamesWinfleet() {
    CliRun run = CliRun.of("--version");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).startsWith("winfleet ");
    assertThat(run.out()).doesNotContain("${project.version}");
  }

  @Test
  void helpListsTheCommandsAndExitCodes() {
    CliRun run = CliRun.of("--help");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("releases").contains("compat").contains("Exit codes");
  }

  @Test
  void unknownCommandIsAUsageError() {
    CliRun run = CliRun.of("frobnicate");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("frobnicate");
  }

  @Test
  void releasesJsonListsEveryRelease() throws Exception {
    CliRun run = CliRun.of("releases", "--json");
    assertThat(run.exitCode()).isZero();
    JsonNode releases = new ObjectMapper().readTree(run.out()).get("releases");
    assertThat(releases).hasSize(23);
    JsonNode ws2022 =
        releases.findParents("id").stream()
            .filter(n -> n.get("id").asText().equals("ws2022"))
            .findFirst()
            .orElseThrow();
    assertThat(ws2022.get("build").asInt()).isEqualTo(20348);
    assertThat(ws2022.get("version").asText()).isEqualTo("10.0.20348");
    assertThat(ws2022.get("tags").toString()).contains("ltsc2022");
    assertThat(ws2022.get("channel").asText()).isEqualTo("LTSC");
    assertThat(ws2022.get("baseImages").toString()).contains("servercore");
  }

  @Test
  void releasesTableShowsTagsAndSupport() {
    CliRun run = CliRun.of("releases", "--servers-only");
    assertThat(run.out()).contains("ltsc2019,1809").contains("ws2025").doesNotContain("win11");
  }
}
