package dev.winfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.winfleet.core.planning.MissingImageLayersException;
import dev.winfleet.core.planning.PlanningException;
import dev.winfleet.core.planning.TargetWithoutRevisionException;
import dev.winfleet.core.version.OsVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The core's exceptions name the problem and carry its fields, never a flag; the command line adds
 * its flags in one place ({@link ErrorReporter#advice}, {@link FindingsPrinter#guessNote}).
 */
class ErrorAdviceTest {

  @Test
  void missingLayersAdviceNamesTheFlagsThatGiveThem() {
    MissingImageLayersException e =
        new MissingImageLayersException(List.of("registry.example.com/app:1"));
    assertThat(e.getMessage()).doesNotContain("--");
    assertThat(ErrorReporter.advice(e))
        .startsWith("no layer information for registry.example.com/app:1")
        .contains("--registry-lookup", "winfleet inspect --json --layers", "--images-file");
  }

  @Test
  void targetWithoutRevisionAdviceNamesTheCommandThatListsTheRevisions() {
    TargetWithoutRevisionException e = new TargetWithoutRevisionException(OsVersion.ofBuild(20348));
    assertThat(e.getMessage()).doesNotContain("--").contains("10.0.20348.<revision>");
    assertThat(ErrorReporter.advice(e))
        .endsWith("('winfleet releases --updates 20348' lists them)");
  }

  @Test
  void otherPlanningExceptionsAreShownAsTheyAre() {
    assertThat(ErrorReporter.advice(new PlanningException("no node named x")))
        .isEqualTo("no node named x");
  }

  @Test
  void checkSaysOnceWhichFlagsTurnGuessesIntoFacts() {
    String pod =
        """
        apiVersion: v1
        kind: Pod
        metadata: {name: mystery}
        spec:
          containers:
            - {name: c, image: "registry.example.com/team/mystery:1.0"}
        """;
    CliRun run = CliRun.runWithStdin(pod, "check", "-");
    assertThat(run.out())
        .contains("image-os-unknown")
        .contains(
            "note: 1 finding rests on a guess, not a fact: --registry-lookup, or --images FILE"
                + " ('winfleet images lock') gives winfleet the images' facts.");
    CliRun json = CliRun.runWithStdin(pod, "check", "-", "-o", "json");
    assertThat(json.out()).doesNotContain("note:");
  }

  @Test
  void checkNamesTheFlagsForAWindowsImageOfUnknownBuild() {
    String pod =
        """
        apiVersion: v1
        kind: Pod
        metadata: {name: logs}
        spec:
          nodeSelector: {kubernetes.io/os: windows}
          containers:
            - {name: c, image: "registry.example.com/shop/logs:1.4-nanoserver"}
        """;
    CliRun run = CliRun.runWithStdin(pod, "check", "-");
    assertThat(run.out())
        .contains("windows-image-build-unknown")
        .contains("a registry lookup or a lock file")
        .contains(
            "note: 1 finding says a Windows image's build is unknown: --registry-lookup, or"
                + " --images FILE ('winfleet images lock') gives winfleet the images' facts.");
  }

  @Test
  void clusterCheckNamesTheFlagWhenTheVersionComesFromTheNewestKubelet(@TempDir Path dir)
      throws IOException {
    Path dump = dir.resolve("cluster.yaml");
    Files.writeString(
        dump,
        Files.readString(Path.of("src/test/resources/golden/cluster-kubelet-skew/cluster.yaml"))
            .replace(", node-role.kubernetes.io/control-plane: \"\"", ""));
    CliRun run = CliRun.of("cluster", "check", "--dump", dump.toString());
    assertThat(run.out())
        .contains(
            "Kubernetes 1.30 (the newest kubelet, on cp-1; the API server may be newer:"
                + " --kubernetes-version gives its version)");
    CliRun given =
        CliRun.of("cluster", "check", "--dump", dump.toString(), "--kubernetes-version", "1.31");
    assertThat(given.out()).contains("Kubernetes 1.31 (given by --kubernetes-version)");
  }

  @Test
  void clusterCheckNamesTheNodeManifestsFlagWhereTheCoreNamesTheManifests() {
    CliRun run =
        CliRun.of(
            "cluster",
            "check",
            "--dump",
            "src/test/resources/golden/cluster-calico-without-windows-kube-proxy/cluster.yaml");
    assertThat(run.out())
        .contains("winfleet's node manifests for the network plugin calico include one")
        .contains("the finding does not apply: switch the rule off.")
        .contains(
            "note: `winfleet node manifests --cni PLUGIN` prints the node manifests the fixes"
                + " name, kube-proxy for Windows among them; where kube-proxy runs as a Windows"
                + " service, --disable windows-kube-proxy-missing switches the rule off")
        .contains(
            "note: `winfleet node manifests --with-metrics` prints windows_exporter as a"
                + " HostProcess DaemonSet with a ServiceMonitor; where the nodes run an exporter or"
                + " agent outside Kubernetes, --disable windows-node-metrics-agent-missing switches"
                + " the rule off");
    // The core's fix texts name no flag; the note, printed once, does.
    assertThat(run.out().lines().filter(l -> l.strip().startsWith("fix:")))
        .noneMatch(l -> l.contains("--"));
  }

  @Test
  void checkNamesTheLogMonitorAndNodeManifestCommandsForTheObservabilityRules() {
    String pod =
        """
        apiVersion: v1
        kind: Pod
        metadata: {name: iis}
        spec:
          nodeSelector: {kubernetes.io/os: windows}
          containers:
            - name: iis
              image: mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022
              command: ["C:\\\\ServiceMonitor.exe", "w3svc"]
            - {name: exporter, image: "ghcr.io/prometheus-community/windows-exporter:0.31.8"}
        """;
    CliRun run = CliRun.runWithStdin(pod, "check", "-");
    assertThat(run.out())
        .contains("windows-logs-not-forwarded", "windows-exporter-not-hostprocess")
        .contains(
            "note: `winfleet node manifests --with-metrics` prints windows_exporter as a"
                + " HostProcess DaemonSet\n")
        .contains(
            "note: `winfleet logmonitor --app PATH` writes the app's LogMonitorConfig.json and"
                + " prints the Dockerfile lines (--kind iis or --kind service when the app's files"
                + " do not say)");
    assertThat(run.out().lines().filter(l -> l.strip().startsWith("fix:")))
        .noneMatch(l -> l.contains("winfleet node") || l.contains("winfleet logmonitor"));
    CliRun json = CliRun.runWithStdin(pod, "check", "-", "-o", "json");
    assertThat(json.out()).doesNotContain("winfleet logmonitor");
  }
}
