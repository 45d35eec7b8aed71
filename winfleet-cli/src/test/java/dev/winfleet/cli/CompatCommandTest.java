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
}
