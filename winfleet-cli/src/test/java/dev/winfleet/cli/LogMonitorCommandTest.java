package dev.winfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogMonitorCommandTest {

  private static final String IIS_DOCKERFILE =
      "# escape=`\n"
          + "FROM mcr.microsoft.com/windows/servercore:ltsc2022\n"
          + "RUN powershell -Command Add-WindowsFeature Web-Server\n"
          + "ENTRYPOINT [\"C:\\\\ServiceMonitor.exe\", \"w3svc\"]\n";

  @Test
  void writesTheIisConfigAndPrintsTheLinesForTheDockerfile(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("Dockerfile"), IIS_DOCKERFILE);

    CliRun run = CliRun.of("logmonitor", "--app", dir.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(Files.readString(dir.resolve("LogMonitorConfig.json")))
        .contains("\"directory\": \"c:\\\\inetpub\\\\logs\"")
        .contains("7E8AD27F-B271-4EA2-A783-A47BDE29143B");
    assertThat(run.out())
        .contains("App: IIS (Dockerfile: the entry point runs IIS (ServiceMonitor w3svc))")
        .contains(
            "  File: IIS writes one W3SVC access log per site under c:\\inetpub\\logs\\LogFiles\n")
        .contains("COPY LogMonitorConfig.json C:\\LogMonitor\\LogMonitorConfig.json")
        .contains(
            "ENTRYPOINT [\"C:\\\\LogMonitor\\\\LogMonitor.exe\", \"C:\\\\ServiceMonitor.exe\","
                + " \"w3svc\"]");
  }

  @Test
  void aConsoleAppGetsNoConfig(@TempDir Path dir) throws IOException {
    Files.writeString(
        dir.resolve("Dockerfile"),
        "FROM mcr.microsoft.com/dotnet/runtime:8.0-nanoserver-ltsc2022\n"
            + "ENTRYPOINT [\"dotnet\", \"Tool.dll\"]\n");

    CliRun run = CliRun.of("logmonitor", "--app", dir.resolve("Dockerfile").toString());

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("App: console app").contains("Nothing to write.");
    assertThat(dir.resolve("LogMonitorConfig.json")).doesNotExist();
  }

  @Test
  void anExistingConfigIsKeptWithoutForce(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("Dockerfile"), IIS_DOCKERFILE);
    Files.writeString(dir.resolve("LogMonitorConfig.json"), "{}");

    CliRun run = CliRun.of("logmonitor", "--app", dir.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("already exists; use --force");
    assertThat(Files.readString(dir.resolve("LogMonitorConfig.json"))).isEqualTo("{}");
  }

  @Test
  void kindOverridesAFolderWithoutDockerfile(@TempDir Path dir) {
    CliRun run =
        CliRun.of(
            "logmonitor",
            "--app",
            dir.toString(),
            "--kind",
            "service",
            "--out",
            dir.resolve("docker").toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(dir.resolve("docker/LogMonitorConfig.json")).exists();
    assertThat(run.out())
        .contains("put C:\\LogMonitor\\LogMonitor.exe first in its ENTRYPOINT")
        .contains("COPY docker/LogMonitorConfig.json C:\\LogMonitor\\LogMonitorConfig.json");
  }

  @Test
  void anUnknownKindIsAUsageError(@TempDir Path dir) {
    CliRun run = CliRun.of("logmonitor", "--app", dir.toString(), "--kind", "daemon");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--kind daemon is not known; use iis, service or console");
  }
}
