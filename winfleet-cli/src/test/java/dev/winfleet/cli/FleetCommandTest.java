package dev.winfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.winfleet.core.fleet.Fleet;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FleetCommandTest {

  @TempDir Path dir;

  private static Path resource(String name) {
    try {
      return Path.of(FleetCommandTest.class.getResource("fleet/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void printsTheInventoryAndTheMatrixOfTheWorkloadsImages() {
    CliRun run =
        CliRun.of(
            "fleet",
            "--fleet",
            resource("fleet.yaml").toString(),
            "--workloads",
            resource("workloads.yaml").toString());
    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
    assertThat(run.out())
        .startsWith("Nodes: 4 (1 linux, 3 windows)\n")
        .contains(
            "win19-1  windows  10.0.17763.6414  v1.30.4  containerd://1.7.20  os=windows:NoSchedule")
        .contains("win25-1  windows  10.0.26100.2033  v1.30.4  containerd://1.7.20  -")
        .contains("10.0.20348  Windows Server 2022")
        .contains("RuntimeClasses: windows-2022 (runhcs-wcow-process)");
    String[] lines = run.out().split("\n");
    String header = find(lines, "IMAGE ");
    assertThat(header.split("\\s+"))
        .containsExactly("IMAGE", "OS", "LINUX", "10.0.17763", "10.0.20348", "10.0.26100");
    // Microsoft's version-compatibility table: an older image runs on a newer host only with
    // Hyper-V isolation; a newer one not at all. 20348 images run on 26100 hosts (process).
    assertThat(find(lines, "mcr.microsoft.com/windows/nanoserver:ltsc2019").split("\\s{2,}"))
        .containsExactly(
            "mcr.microsoft.com/windows/nanoserver:ltsc2019",
            "Windows 10.0.17763",
            "no",
            "yes",
            "hyperv only",
            "hyperv only");
    assertThat(
            find(lines, "mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022")
                .split("\\s{2,}"))
        .containsExactly(
            "mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022",
            "Windows 10.0.20348",
            "no",
            "no",
            "yes",
            "yes");
    assertThat(find(lines, "redis:7-alpine").split("\\s{2,}"))
        .containsExactly("redis:7-alpine", "Linux", "yes", "no", "no", "no");
  }

  @Test
  void showsPatchAgeAndTheImagesAheadOfTheirHosts() throws Exception {
    Path workloads = dir.resolve("workloads.yaml");
    Files.writeString(
        workloads,
        """
        apiVersion: v1
        kind: Pod
        metadata: {name: feb-2025}
        spec:
          containers:
            - {name: c, image: "mcr.microsoft.com/windows/servercore:10.0.26100.3194"}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: oct-2024}
        spec:
          containers:
            - {name: c, image: "mcr.microsoft.com/windows/servercore:10.0.26100.2033"}
        """);
    CliRun run =
        CliRun.of(
            "fleet",
            "--fleet",
            resource("fleet.yaml").toString(),
            "--workloads",
            workloads.toString());
    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
    String[] lines = run.out().split("\n");
    // win25-1 runs 10.0.26100.2033, the October 2024 update (KB5044284).
    assertThat(find(lines, "win25-1")).contains("2024-10 KB5044284").contains("behind");
    assertThat(run.out())
        .contains("Images ahead of their hosts' monthly update (patch these nodes first):");
    assertThat(find(lines, "mcr.microsoft.com/windows/servercore:10.0.26100.3194  10.0.26100.3194"))
        .contains("2025-02 KB5051987")
        .contains("win25-1 (10.0.26100.2033)")
        .contains("known incident ws2025-2025-02: install KB5051987");
    assertThat(run.out())
        .doesNotContain("mcr.microsoft.com/windows/servercore:10.0.26100.2033  10.0.26100.2033");
  }

  private static String find(String[] lines, String start) {
    for (String l : lines) {
      if (l.startsWith(start)) {
        return l.trim();
      }
    }
    throw new AssertionError("no line starting with " + start);
  }

  @Test
  void exportWritesAFleetThatFleetReadsBackEqual() throws Exception {
    Fleet original = FleetFiles.readFleet(resource("fleet.yaml"));
    Path exported = dir.resolve("exported.yaml");
    CliRun run =
        CliRun.of(
            "fleet",
            "export",
            "--fleet",
            resource("fleet.yaml").toString(),
            "-o",
            exported.toString());
    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
    Fleet back = FleetFiles.readFleet(exported);
    assertThat(back.nodes()).isEqualTo(original.nodes());
    assertThat(back.runtimeClasses()).isEqualTo(original.runtimeClasses());
    // And once more: an export of the export is the same text.
    CliRun again = CliRun.of("fleet", "export", "--fleet", exported.toString());
    assertThat(again.out()).isEqualTo(Files.readString(exported));
  }

  @Test
  void needsAFleetOrACluster() {
    CliRun run = CliRun.of("fleet");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("--fleet").contains("--kubeconfig");
  }
}
