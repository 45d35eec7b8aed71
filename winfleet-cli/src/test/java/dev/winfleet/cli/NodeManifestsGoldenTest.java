package dev.winfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.winfleet.core.testing.GoldenFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Golden files for {@code winfleet node manifests}, one per CNI: src/test/resources/node-manifests
 * /CNI/args.txt and expected.yaml ({@code -Dwinfleet.updateGoldens=true} rewrites them; review the
 * diff). The output must also pass {@code winfleet check} and, added to a dump of a cluster that
 * lacks it, make {@code winfleet cluster check} pass.
 */
class NodeManifestsGoldenTest {

  private static final Path DIR = Path.of("src", "test", "resources", "node-manifests");
  private static final ObjectMapper JSON = new ObjectMapper();

  private static CliRun run(String cni) throws IOException {
    List<String> args =
        Files.readAllLines(DIR.resolve(cni).resolve("args.txt"), StandardCharsets.UTF_8).stream()
            .filter(l -> !l.isBlank())
            .toList();
    return CliRun.of(args.toArray(String[]::new));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"flannel-vxlan", "flannel-host-gw", "calico", "calico-metrics"})
  void outputMatchesTheGoldenFile(String cni) throws IOException {
    CliRun run = run(cni);
    assertThat(run.err()).isEmpty();
    assertThat(run.exitCode()).isZero();
    GoldenFiles.assertMatches(DIR.resolve(cni).resolve("expected.yaml"), run.out());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"flannel-vxlan", "flannel-host-gw", "calico", "calico-metrics"})
  void outputPassesTheManifestChecker(String cni, @TempDir Path tmp) throws IOException {
    Path out = tmp.resolve("windows-node.yaml");
    Files.writeString(out, run(cni).out(), StandardCharsets.UTF_8);
    Path fleet = DIR.resolve("cluster-" + cni + ".yaml");

    CliRun check =
        CliRun.of(
            "check",
            out.toString(),
            "--fleet",
            fleet.toString(),
            "--format",
            "json",
            "--fail-on",
            "error");

    JsonNode result = JSON.readTree(check.out());
    assertThat(result.get("summary").get("errors").asInt()).as(check.out()).isZero();
    assertThat(result.get("summary").get("objects").asInt())
        .isEqualTo(
            switch (cni) {
              case "calico" -> 1;
                // kube-proxy, Namespace, two ConfigMaps, DaemonSet, Service, ServiceMonitor
              case "calico-metrics" -> 7;
              default -> 3;
            });
    assertThat(check.exitCode()).isZero();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"flannel-vxlan", "flannel-host-gw", "calico", "calico-metrics"})
  void outputCompletesTheClusterForItsWindowsNodes(String cni, @TempDir Path tmp)
      throws IOException {
    Path out = tmp.resolve("windows-node.yaml");
    Files.writeString(out, run(cni).out(), StandardCharsets.UTF_8);
    String cluster = DIR.resolve("cluster-" + cni + ".yaml").toString();

    CliRun before = CliRun.of("cluster", "check", "--dump", cluster, "--format", "json");
    CliRun after =
        CliRun.of("cluster", "check", "--dump", cluster, out.toString(), "--format", "json");

    assertThat(JSON.readTree(before.out()).get("findings").findValuesAsText("rule"))
        .containsExactlyInAnyOrder(
            "windows-kube-proxy-missing", "windows-node-metrics-agent-missing");
    assertThat(before.exitCode()).isEqualTo(ExitCodes.FOUND);
    // Without --with-metrics the Windows node still has no metrics agent (an info finding).
    assertThat(JSON.readTree(after.out()).get("findings").findValuesAsText("rule"))
        .as(after.out())
        .isEqualTo(
            cni.endsWith("-metrics") ? List.of() : List.of("windows-node-metrics-agent-missing"));
    assertThat(after.exitCode()).as("info findings do not fail the check").isZero();
  }
}
