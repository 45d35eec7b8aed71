package dev.winfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code winfleet plan}: usage errors, exit codes, and the emitted manifests against the checker.
 */
class PlanCommandTest {

  private static final String G = "src/test/resources/plan-golden/";
  private static final String FLEET = G + "upgrade/fleet.yaml";
  private static final String WORKLOADS = G + "upgrade/workloads";
  private static final String PREPULL_FLEET = G + "prepull/fleet.yaml";
  private static final String IMAGES = G + "prepull/images.json";
  private static final String SERVERCORE = "mcr.microsoft.com/windows/servercore:ltsc2022";

  private static CliRun upgrade(String... extra) {
    List<String> args = new ArrayList<>(List.of("plan", "upgrade"));
    args.addAll(List.of(extra));
    return CliRun.of(args.toArray(String[]::new));
  }

  private static CliRun prepull(String... extra) {
    List<String> args = new ArrayList<>(List.of("plan", "prepull", "--fleet", PREPULL_FLEET));
    args.addAll(List.of(extra));
    return CliRun.of(args.toArray(String[]::new));
  }

  @Test
  void upgradeExitsOneWhenSomethingBreaksAndZeroOtherwise() {
    assertThat(
            upgrade(
                    "--fleet",
                    FLEET,
                    "--workloads",
                    WORKLOADS,
                    "--nodes",
                    "win19-a,win19-b",
                    "--to",
                    "ltsc2022")
                .exitCode())
        .isEqualTo(ExitCodes.FOUND);
    // Upgrading only win19-a leaves batch its 2019 node... but not room for both replicas: it is
    // rebuilt (and still without room for one: the agent takes 2 CPU on win19-a and win22-a).
    CliRun none =
        upgrade(
            "--fleet",
            FLEET,
            "--workloads",
            G + "upgrade/workloads/more.yaml",
            "--nodes",
            "win19-a",
            "--to",
            "ws2022");
    assertThat(none.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(none.out()).contains("Deployment/api").contains("0 breaks");
  }

  @Test
  void upgradeUsageErrors() {
    assertUsage(
        upgrade("--fleet", FLEET, "--workloads", WORKLOADS, "--nodes", "win19-a"),
        "Missing required option: '--to=RELEASE'");
    assertUsage(
        upgrade(
            "--fleet",
            FLEET,
            "--workloads",
            WORKLOADS,
            "--nodes",
            "win19-a",
            "--selector",
            "a=b",
            "--to",
            "ltsc2022"),
        "mutually exclusive");
    assertUsage(
        upgrade("--workloads", WORKLOADS, "--nodes", "win19-a", "--to", "ltsc2022"),
        "the plan needs the nodes: give --fleet FILE");
    assertUsage(
        upgrade(
            "--fleet", FLEET, "--workloads", WORKLOADS, "--nodes", "win19-x", "--to", "ltsc2022"),
        "no node named 'win19-x' in the fleet");
    assertUsage(
        upgrade("--fleet", FLEET, "--workloads", WORKLOADS, "--nodes", "lin-a", "--to", "ltsc2022"),
        "node lin-a is not a Windows node");
    assertUsage(
        upgrade(
            "--fleet", FLEET, "--workloads", WORKLOADS, "--nodes", "win19-a", "--to", "ltsc2030"),
        "--to ltsc2030: not a Windows release winfleet knows");
    assertUsage(
        upgrade(
            "--fleet", FLEET, "--workloads", WORKLOADS, "--nodes", "win19-a", "--to", "win11-21h2"),
        "is a client release; Windows nodes run Windows Server");
    assertUsage(
        upgrade(
            "--fleet",
            FLEET,
            "--workloads",
            WORKLOADS,
            "--selector",
            "pool=none",
            "--to",
            "ltsc2022"),
        "--selector pool=none matches no node");
    assertUsage(
        upgrade(
            "--fleet",
            FLEET,
            "--workloads",
            "no/such/dir",
            "--nodes",
            "win19-a",
            "--to",
            "ltsc2022"),
        "cannot read no/such/dir");
  }

  @Test
  void brokenWorkloadYamlIsAUsageErrorWithTheLine(@TempDir Path dir) throws IOException {
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(
        bad, "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: x\n", StandardCharsets.UTF_8);
    CliRun run =
        upgrade(
            "--fleet",
            FLEET,
            "--workloads",
            bad.toString(),
            "--nodes",
            "win19-a",
            "--to",
            "ltsc2022");
    assertUsage(run, bad + ": line ");
  }

  @Test
  void prepullUsageErrors() {
    assertUsage(
        prepull(
            "--images",
            SERVERCORE,
            "--images-file",
            IMAGES,
            "--node-bandwidth",
            "10Gb/s",
            "--registry-bandwidth",
            "10Gbit/s"),
        "'10Gb/s' is ambiguous: write 10Gbit/s for bits or 10GB/s for bytes per second");
    assertUsage(
        prepull(
            "--images",
            SERVERCORE,
            "--images-file",
            IMAGES,
            "--node-bandwidth",
            "fast",
            "--registry-bandwidth",
            "10Gbit/s"),
        "'fast' is not a bandwidth");
    assertUsage(
        prepull(
            "--images",
            SERVERCORE,
            "--node-bandwidth",
            "1Gbit/s",
            "--registry-bandwidth",
            "10Gbit/s"),
        "give either --registry-lookup or --images-file FILE");
    assertUsage(
        prepull(
            "--images", SERVERCORE, "--images-file", IMAGES, "--registry-bandwidth", "10Gbit/s"),
        "Missing required option: '--node-bandwidth=RATE'");
    assertUsage(
        prepull(
            "--images",
            "registry.example.com/app:1",
            "--images-file",
            IMAGES,
            "--node-bandwidth",
            "1Gbit/s",
            "--registry-bandwidth",
            "10Gbit/s"),
        "no layer information for registry.example.com/app:1");
    assertUsage(
        prepull(
            "--images",
            SERVERCORE,
            "--images-file",
            IMAGES,
            "--node-bandwidth",
            "1Gbit/s",
            "--registry-bandwidth",
            "10Gbit/s",
            "--max-concurrent",
            "0"),
        "--max-concurrent must be at least 1");
    assertUsage(
        prepull(
            "--images",
            SERVERCORE,
            "--images-file",
            IMAGES,
            "--node-bandwidth",
            "1Gbit/s",
            "--registry-bandwidth",
            "10Gbit/s",
            "--emit",
            "pods"),
        "Invalid value for option '--emit'");
  }

  @Test
  void imagesFileWithoutLayersSaysHowToSaveOne(@TempDir Path dir) throws IOException {
    Path saved = dir.resolve("inspect.json");
    Files.writeString(
        saved,
        "[{\"reference\":\""
            + SERVERCORE
            + "\",\"platforms\":[{\"os\":\"windows\",\"architecture\":\"amd64\","
            + "\"osVersion\":\"10.0.20348.1\",\"layers\":2}]}]",
        StandardCharsets.UTF_8);
    assertUsage(
        prepull(
            "--images",
            SERVERCORE,
            "--images-file",
            saved.toString(),
            "--node-bandwidth",
            "1Gbit/s",
            "--registry-bandwidth",
            "10Gbit/s"),
        "has no layer list; save it with 'winfleet inspect --json --layers'");
  }

  @Test
  void helpDocumentsExitCodes() {
    assertThat(CliRun.of("plan", "upgrade", "--help").out())
        .contains("1  the upgrade breaks at least one workload that runs today")
        .contains("2  bad usage");
    assertThat(CliRun.of("plan", "prepull", "--help").out())
        .contains("1Gbit/s, 100Mbit/s, 10Gbit/s, 500MB/s");
  }

  /** The emitted DaemonSets are what 'winfleet check' accepts: no error against the same fleet. */
  @Test
  void emittedManifestsPassTheChecker(@TempDir Path dir) throws IOException {
    CliRun emitted =
        prepull(
            "--images",
            SERVERCORE,
            "mcr.microsoft.com/dotnet/framework/aspnet:4.8-windowsservercore-ltsc2022",
            "mcr.microsoft.com/windows/nanoserver:1809",
            "--images-file",
            IMAGES,
            "--node-bandwidth",
            "1Gbit/s",
            "--registry-bandwidth",
            "2Gbit/s",
            "--emit",
            "manifests");
    assertThat(emitted.exitCode()).isZero();
    Path file = dir.resolve("prepull.yaml");
    Files.writeString(file, emitted.out(), StandardCharsets.UTF_8);
    for (List<String> images : List.<List<String>>of(List.of(), List.of("--images", IMAGES))) {
      List<String> args =
          new ArrayList<>(
              List.of("check", file.toString(), "--fleet", PREPULL_FLEET, "--format", "json"));
      args.addAll(images);
      CliRun check = CliRun.of(args.toArray(String[]::new));
      JsonNode json = new ObjectMapper().readTree(check.out());
      assertThat(json.path("summary").path("objects").asInt()).as(check.out()).isEqualTo(4);
      assertThat(json.path("summary").path("errors").asInt()).as(check.out()).isZero();
      assertThat(check.exitCode()).as(check.out()).isZero();
    }
  }

  private static void assertUsage(CliRun run, String message) {
    assertThat(run.exitCode()).as(run.err() + run.out()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains(message);
  }

  @TempDir Path patchDir;

  /** A May 2025 rollout on Windows Server 2025 nodes still on January's update. */
  @Test
  void patchOrdersNodesBeforeImagesInTextAndJson() throws IOException {
    Path fleet = patchDir.resolve("fleet.yaml");
    Files.writeString(
        fleet,
        """
        apiVersion: v1
        kind: List
        items:
        """
            + node("canary-1", "canary", "10.0.26100.2894")
            + node("main-1", "main", "10.0.26100.2894")
            + node("main-2", "main", "10.0.26100.2894"));
    Path workloads = patchDir.resolve("web.yaml");
    Files.writeString(
        workloads,
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: shop}
        spec:
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec:
              nodeSelector: {kubernetes.io/os: windows}
              containers:
                - {name: web, image: "mcr.microsoft.com/windows/servercore:10.0.26100.2894"}
        """);
    String[] args = {
      "plan",
      "patch",
      "--fleet",
      fleet.toString(),
      "--workloads",
      workloads.toString(),
      "--to",
      "10.0.26100.4061"
    };
    CliRun text = CliRun.of(args);
    assertThat(text.exitCode()).as(text.err()).isEqualTo(ExitCodes.OK);
    assertThat(text.out())
        .startsWith(
            "Patching to 10.0.26100.4061 (2025-05 KB5058411): 3 node(s) in 2 wave(s), then the"
                + " images.")
        .contains("  1. canary-1\n")
        .contains("  2. main-1, main-2\n")
        .contains("Deployment/web  roll-after-wave  2");
    List<String> withJson = new ArrayList<>(List.of(args));
    withJson.addAll(List.of("--format", "json"));
    JsonNode json = new ObjectMapper().readTree(CliRun.of(withJson.toArray(String[]::new)).out());
    assertThat(json.get("kb").asText()).isEqualTo("KB5058411");
    assertThat(json.at("/waves/0/nodes/0").asText()).isEqualTo("canary-1");
    assertThat(json.at("/workloads/0/status").asText()).isEqualTo("roll-after-wave");
    assertThat(json.at("/workloads/0/rollAfterWave").asInt()).isEqualTo(2);
    assertThat(json.at("/workloads/0/nodes").toString()).isEqualTo("[\"main-1\"]");
    CliRun noRevision =
        CliRun.of(
            "plan",
            "patch",
            "--fleet",
            fleet.toString(),
            "--workloads",
            workloads.toString(),
            "--to",
            "ltsc2025");
    assertThat(noRevision.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(noRevision.err()).contains("full version with its revision");
  }

  private static String node(String name, String pool, String version) {
    return "  - apiVersion: v1\n    kind: Node\n    metadata:\n      name: "
        + name
        + "\n      labels: {kubernetes.io/os: windows, kubernetes.azure.com/agentpool: "
        + pool
        + "}\n    status:\n      nodeInfo: {operatingSystem: windows, kernelVersion: "
        + version
        + "}\n";
  }
}
