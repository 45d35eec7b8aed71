package dev.winfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.winfleet.core.manifest.YamlFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kubectl's habits: -o/--output everywhere (old flags kept as hidden aliases, one test each),
 * one-line usage errors with "did you mean", 'rules ID', completion, --version.
 */
class KubectlHabitsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String POD =
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: web
        namespace: shop
      spec:
        nodeSelector:
          kubernetes.io/os: windows
        containers:
          - name: web
            image: mcr.microsoft.com/windows/servercore:ltsc2019
      """;

  @TempDir Path dir;

  private Path pod() throws IOException {
    Path p = dir.resolve("pod.yaml");
    Files.writeString(p, POD);
    return p;
  }

  // ---- one test per alias: the old flag gives exactly what -o gives

  @Test
  void releasesJsonIsAnAliasOfOutputJson() {
    assertThat(CliRun.of("releases", "--json").out())
        .isEqualTo(CliRun.of("releases", "-o", "json").out())
        .startsWith("{");
  }

  @Test
  void rulesJsonIsAnAliasOfOutputJson() {
    assertThat(CliRun.of("rules", "--json").out())
        .isEqualTo(CliRun.of("rules", "--output", "json").out())
        .startsWith("{");
  }

  @Test
  void compatJsonIsAnAliasOfOutputJson() {
    String[] args = {"compat", "--host", "ltsc2022", "--image", "ltsc2019"};
    CliRun old = CliRun.of(concat(args, "--json"));
    assertThat(old.out()).isEqualTo(CliRun.of(concat(args, "-o", "json")).out()).startsWith("{");
  }

  @Test
  void inspectJsonIsAnAliasOfOutputJson() {
    // An unreachable registry: both spellings report the same failure as JSON.
    String[] args = {"inspect", "localhost:1/none:1", "--insecure-registry", "localhost:1"};
    CliRun old = CliRun.of(concat(args, "--json"));
    CliRun now = CliRun.of(concat(args, "-o", "json"));
    assertThat(old.exitCode()).isEqualTo(now.exitCode());
    assertThat(old.out()).isEqualTo(now.out()).startsWith("[");
  }

  @Test
  void checkFormatIsAnAliasOfOutput() throws IOException {
    String file = pod().toString();
    CliRun old = CliRun.of("check", file, "--format", "sarif");
    CliRun now = CliRun.of("check", file, "-o", "sarif");
    assertThat(old.out()).isEqualTo(now.out()).contains("\"version\" : \"2.1.0\"");
  }

  @Test
  void clusterCheckFormatIsAnAliasOfOutput() throws IOException {
    Path dump = dir.resolve("cluster.yaml");
    Files.writeString(
        dump,
        """
        apiVersion: v1
        kind: Node
        metadata:
          name: win-1
          labels: {kubernetes.io/os: windows}
        status:
          nodeInfo: {osImage: Windows Server 2022 Datacenter, kernelVersion: 10.0.20348.2700, kubeletVersion: v1.30.2, containerRuntimeVersion: containerd://1.7.20, operatingSystem: windows, architecture: amd64}
        """);
    CliRun old = CliRun.of("cluster", "check", "--dump", dump.toString(), "--format", "json");
    CliRun now = CliRun.of("cluster", "check", "--dump", dump.toString(), "-o", "json");
    assertThat(old.out()).isEqualTo(now.out()).startsWith("{");
  }

  // ---- new outputs

  @Test
  void yamlIsTheJsonTreeAsYaml() throws IOException {
    JsonNode json = JSON.readTree(CliRun.of("releases", "-o", "json").out());
    JsonNode yaml = YamlFormat.mapper().readTree(CliRun.of("releases", "-o", "yaml").out());
    assertThat(yaml).isEqualTo(json);
  }

  @Test
  void policyReportHasOneResultPerFinding() throws IOException {
    String file = pod().toString();
    JsonNode json = JSON.readTree(CliRun.of("check", file, "-o", "json").out());
    JsonNode report =
        YamlFormat.mapper().readTree(CliRun.of("check", file, "-o", "policyreport").out());
    assertThat(report.get("apiVersion").asText()).isEqualTo("wgpolicyk8s.io/v1alpha2");
    assertThat(report.get("kind").asText()).isEqualTo("PolicyReport");
    assertThat(report.get("results").size()).isEqualTo(json.get("findings").size()).isPositive();
    List<String> reported = new ArrayList<>();
    report.get("results").forEach(r -> reported.add(r.get("rule").asText()));
    List<String> found = new ArrayList<>();
    json.get("findings").forEach(f -> found.add(f.get("rule").asText()));
    assertThat(reported).containsExactlyInAnyOrderElementsOf(found);
    JsonNode first = report.at("/results/0");
    assertThat(first.at("/resources/0/kind").asText()).isEqualTo("Pod");
    assertThat(first.at("/resources/0/namespace").asText()).isEqualTo("shop");
    assertThat(first.at("/properties/file").asText()).isEqualTo(file);
    assertThat(report.at("/summary/fail").asLong() + report.at("/summary/warn").asLong())
        .isEqualTo(json.get("findings").size());
  }

  // ---- usage errors

  @Test
  void aMistypedOptionIsOneLineWithASuggestion() {
    CliRun run = CliRun.of("check", "x.yaml", "--fail-onn", "error");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err().strip().lines()).hasSize(1);
    assertThat(run.err())
        .contains("did you mean '--fail-on'?")
        .contains("'winfleet check --help' shows the usage");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void aMistypedCommandSuggestsTheCommand() {
    CliRun run = CliRun.of("instal");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err().strip().lines()).hasSize(1);
    assertThat(run.err()).contains("'install'");
  }

  @Test
  void aMistypedRuleIdSuggestsTheRule() throws IOException {
    CliRun run = CliRun.of("check", pod().toString(), "--disable", "no-compatible-nodes");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("did you mean 'no-compatible-node'?");
  }

  // ---- rules ID, completion, --version

  @Test
  void rulesExplainsOneRule() {
    CliRun run = CliRun.of("rules", "no-compatible-node");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .startsWith("no-compatible-node (error, ")
        .contains("Why: ", "Fix: ", "--disable no-compatible-node");
    CliRun unknown = CliRun.of("rules", "no-compatibel-node");
    assertThat(unknown.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(unknown.err()).contains("did you mean 'no-compatible-node'?");
  }

  @Test
  void completionScriptsKnowTheCommandsAndTheirOptions() {
    CliRun bash = CliRun.of("completion", "bash");
    assertThat(bash.exitCode()).isZero();
    assertThat(bash.out()).contains("complete -F", "install", "--failure-policy", "policyreport");
    CliRun zsh = CliRun.of("completion", "zsh");
    assertThat(zsh.out()).startsWith("#compdef winfleet").contains("bashcompinit");
  }

  @Test
  void versionNamesTheCatalogDate() {
    CliRun run = CliRun.of("--version");
    assertThat(run.out()).contains("Windows release catalog as of 2025-09-17");
  }

  private static String[] concat(String[] a, String... b) {
    String[] out = new String[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
