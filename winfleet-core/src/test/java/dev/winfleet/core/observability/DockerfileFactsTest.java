package dev.winfleet.core.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Real Dockerfiles (see src/test/resources/observability/dockerfiles/README.md) classified. */
class DockerfileFactsTest {

  private final LogMonitorPlanner planner = LogMonitorPlanner.builtIn();

  private static DockerfileFacts read(String name) {
    try (InputStream in =
        DockerfileFactsTest.class.getResourceAsStream("/observability/dockerfiles/" + name)) {
      return DockerfileFacts.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void microsoftsIisImageDockerfileIsIis() {
    DockerfileFacts facts = read("iis-docker-ltsc2022.Dockerfile");

    assertThat(facts.baseImage()).isEqualTo("mcr.microsoft.com/windows/servercore:ltsc2022");
    assertThat(facts.entrypoint()).containsExactly("C:\\ServiceMonitor.exe", "w3svc");
    assertThat(planner.classify(facts).profile()).isEqualTo(AppLogProfile.IIS);
  }

  @Test
  void anIisDockerfileAlreadyBehindLogMonitorGetsNothingMore() {
    DockerfileFacts facts = read("logmonitor-aks-iis.Dockerfile");
    LogMonitorPlanner.Classified app = planner.classify(facts);
    LogMonitorSetup setup =
        planner.plan(app.profile(), app.entrypoint(), "LogMonitorConfig.json", List.of());

    assertThat(facts.entrypoint().get(0)).isEqualTo("C:\\LogMonitor\\LogMonitor.exe");
    assertThat(setup.needed()).isFalse();
  }

  @Test
  void aDockerfileThatRegistersAServiceIsAWindowsService() {
    DockerfileFacts facts = read("winfleet-windows-service.Dockerfile");
    LogMonitorPlanner.Classified app = planner.classify(facts);

    assertThat(facts.service()).contains("ContosoReports");
    assertThat(app.profile()).isEqualTo(AppLogProfile.WINDOWS_SERVICE);
    assertThat(app.reason()).contains("ContosoReports");
  }

  @Test
  void anAspNetBaseImageWithoutItsOwnEntrypointIsIisThroughTheImagesEntrypoint() {
    DockerfileFacts facts =
        DockerfileFacts.parse(
            "FROM mcr.microsoft.com/dotnet/framework/sdk:4.8.1 AS build\n"
                + "RUN msbuild app.csproj\n"
                + "FROM mcr.microsoft.com/dotnet/framework/aspnet:4.8.1-windowsservercore-ltsc2022\n"
                + "COPY --from=build C:\\out C:\\inetpub\\wwwroot\n");
    LogMonitorPlanner.Classified app = planner.classify(facts);

    assertThat(app.profile()).isEqualTo(AppLogProfile.IIS);
    assertThat(app.entrypoint()).containsExactly("C:\\ServiceMonitor.exe", "w3svc");
  }

  @Test
  void aStageBuiltOnAnEarlierStageInheritsItsBaseImageAndEntrypoint() {
    DockerfileFacts facts =
        DockerfileFacts.parse(
            "FROM mcr.microsoft.com/windows/servercore/iis:ltsc2022 AS base\n"
                + "ENTRYPOINT [\"C:\\\\ServiceMonitor.exe\", \"w3svc\"]\n"
                + "FROM base\n"
                + "COPY site C:\\inetpub\\wwwroot\n");

    assertThat(facts.baseImage()).isEqualTo("mcr.microsoft.com/windows/servercore/iis:ltsc2022");
    assertThat(facts.entrypoint()).containsExactly("C:\\ServiceMonitor.exe", "w3svc");
  }

  @Test
  void aShellFormEntrypointRunsUnderCmd() {
    DockerfileFacts facts =
        DockerfileFacts.parse(
            "FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nCMD tool.exe --serve\n");
    LogMonitorPlanner.Classified app = planner.classify(facts);

    assertThat(facts.entrypoint()).containsExactly("cmd", "/S", "/C", "tool.exe --serve");
    assertThat(app.profile()).isEqualTo(AppLogProfile.CONSOLE);
  }

  @Test
  void serviceMonitorOnAnotherServiceIsThatService() {
    assertThat(LogMonitorPlanner.serviceMonitored(List.of("C:\\ServiceMonitor.exe", "MSSQLSERVER")))
        .contains("MSSQLSERVER");
    assertThat(LogMonitorPlanner.serviceMonitored(List.of("C:\\app\\Tool.exe")))
        .isEqualTo(Optional.empty());
  }

  @Test
  void aDockerfileWithoutFromIsRefused() {
    assertThatThrownBy(() -> DockerfileFacts.parse("RUN echo hi\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no FROM");
  }
}
