package dev.winfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.winfleet.core.manifest.YamlFormat;
import dev.winfleet.core.rules.RulesEngine;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@EnableKubernetesMockClient(crud = true)
class CheckCommandTest {

  KubernetesMockServer server;
  KubernetesClient client;

  private static final ObjectMapper JSON = new ObjectMapper();

  static final String CLEAN_WINDOWS_POD =
      """
      apiVersion: v1
      kind: Pod
      metadata: {name: fine, namespace: web}
      spec:
        os: {name: windows}
        nodeSelector: {kubernetes.io/os: windows}
        containers:
          - name: app
            image: mcr.microsoft.com/windows/nanoserver:ltsc2022
            resources: {limits: {cpu: 100m, memory: 64Mi}}
      """;

  static final String WINDOWS_POD_WITHOUT_SELECTOR =
      """
      apiVersion: v1
      kind: Pod
      metadata: {name: lost}
      spec:
        containers:
          - name: app
            image: mcr.microsoft.com/windows/nanoserver:ltsc2022
            resources: {limits: {cpu: 100m, memory: 64Mi}}
      """;

  static final String WARNING_ONLY_POD =
      CLEAN_WINDOWS_POD.replace(
          "  os: {name: windows}\n",
          "  os: {name: windows}\n  dnsPolicy: ClusterFirstWithHostNet\n");

  private static Path write(Path dir, String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
    return p;
  }

  @Test
  void exitsZeroWhenNothingIsFound(@TempDir Path dir) throws IOException {
    CliRun run = CliRun.of("check", write(dir, "ok.yaml", CLEAN_WINDOWS_POD).toString());
    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(run.out()).contains("No problems found (1 object in 1 file checked).");
  }

  @Test
  void exitsOneOnErrorsAndPrintsThemGroupedByFileWithoutColourWhenNotATerminal(@TempDir Path dir)
      throws IOException {
    Path file = write(dir, "lost.yaml", WINDOWS_POD_WITHOUT_SELECTOR);
    CliRun run = CliRun.of("check", file.toString());
    assertThat(run.exitCode()).isEqualTo(ExitCodes.FOUND);
    assertThat(run.out())
        .startsWith(file + "\n")
        .contains("  7:7     error    windows-os-selector-missing  Pod/lost container app\n")
        .contains("fix: Add `kubernetes.io/os: windows` to spec.nodeSelector")
        .contains("note: no fleet given")
        .endsWith("1 error, 0 warnings, 0 info (1 object in 1 file checked).\n")
        .doesNotContain("\u001b[");
  }

  /**
   * The note says what placement was judged against. With no fleet and no version, the stand-in
   * fleet holds every build some Kubernetes release has documented (kubernetes-windows.yaml: 17763
   * since 1.14, the SAC builds 18362 to 19042, 20348, and 26100 with 1.35), and the builds the
   * newest version lists are what the warnings are about; with --kubernetes-version, only that
   * version's builds. The note used to name only 1.35's builds in both cases.
   */
  @Test
  void noFleetNoteNamesTheBuildsPlacementWasJudgedAgainst(@TempDir Path dir) throws IOException {
    String lost = write(dir, "lost.yaml", WINDOWS_POD_WITHOUT_SELECTOR).toString();

    assertThat(CliRun.of("check", lost).out())
        .contains(
            "note: no fleet given: placement judged against every Windows Server build some"
                + " Kubernetes release has supported (17763, 18362, 18363, 19041, 19042, 20348,"
                + " 26100); images of a build Kubernetes 1.35 no longer lists (it lists 20348,"
                + " 26100) are warned about; skipped ");
    assertThat(CliRun.of("check", lost, "--kubernetes-version", "1.30").out())
        .contains(
            "note: no fleet given: placement judged against the Windows Server builds Kubernetes"
                + " 1.30 supports (17763, 19042, 20348); skipped ");
  }

  /**
   * A repository holds more YAML and JSON than manifests (realworld-repo/SOURCE.md: a yamllint
   * configuration, Cluster API patch lists, an ARM template indented with tabs, a JSON
   * configuration with comments that no parser reads, a Go template, a kustomize patch, beside a
   * DaemonSet and a Kustomization). Found in a directory, the ones that are no manifests are left
   * out and named: each was an error (manifest-invalid, yaml-syntax, image-reference-invalid for
   * the patch's container without an image); 35 in kubernetes-sigs/windows-testing, 110 in
   * kubernetes-sigs/windows-gmsa. Named on the command line, a file is still checked.
   */
  @Test
  void filesThatAreNoManifestsInADirectoryAreLeftOutNotErrors() {
    Path repo = Path.of("src/test/resources/realworld-repo");
    CliRun run = CliRun.of("check", repo.toString());

    assertThat(run.out())
        .doesNotContain("manifest-invalid")
        .doesNotContain("yaml-syntax")
        .doesNotContain("image-reference-invalid")
        .contains(
            "note: left out 4 files found in the directories given that hold no Kubernetes"
                + " object (no kind, and no Kubernetes apiVersion with metadata): "
                + repo.resolve(".yamllint.yml")
                + ", "
                + repo.resolve("capz/templates/ci/patches/kubeadm-bootstrap-windows-ci.yaml")
                + ", "
                + repo.resolve("deploy/example/azure.json")
                + " and 1 more; name a file to check it anyway")
        .contains(
            "note: left out 1 file found in the directories given that is a Go template ({{ }})"
                + " that YAML cannot read: "
                + repo.resolve(
                    "admission-webhook/integration_tests/templates/all-credspecs-users-rbac-role.yml")
                + "; check what they render, piped to 'winfleet check -'")
        .contains("(2 objects in 2 files checked)");
    assertThat(run.err())
        .contains(
            "winfleet: skipped 1 kustomize patch (partial objects that kustomize merges into"
                + " others) named in "
                + repo.resolve("templates/addons/calico/kustomization.yaml")
                + ": check what they build with 'kustomize build DIR | winfleet check -'");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);

    CliRun json = CliRun.of("check", repo.toString(), "-o", "json");
    assertThat(json.out())
        .contains(
            "{\n      \"file\" : \""
                + repo.resolve(".yamllint.yml")
                + "\",\n      \"why\" : \"no-kubernetes-object\"\n    }")
        .contains(
            "{\n      \"file\" : \""
                + repo.resolve(
                    "admission-webhook/integration_tests/templates/all-credspecs-users-rbac-role.yml")
                + "\",\n      \"why\" : \"template\"\n    }");

    CliRun named = CliRun.of("check", repo.resolve(".yamllint.yml").toString());
    assertThat(named.exitCode()).isEqualTo(ExitCodes.FOUND);
    assertThat(named.out())
        .contains("error    manifest-invalid")
        .contains(
            "this document has neither apiVersion nor kind; every Kubernetes object needs"
                + " both.");
    CliRun patch =
        CliRun.of(
            "check", repo.resolve("templates/addons/calico/patches/calico-node.yaml").toString());
    assertThat(patch.out()).contains("image-reference-invalid");
  }

  /** A directory of kustomize patches and a kustomization alone: nothing checked, said so. */
  @Test
  void aDirectoryWithNothingToCheckSaysSo(@TempDir Path dir) throws IOException {
    write(dir, "kustomization.yaml", "patches:\n- path: p.yaml\n");
    write(dir, "p.yaml", "kind: DaemonSet\napiVersion: apps/v1\nmetadata: {name: x}\n");
    CliRun run = CliRun.of("check", dir.toString());
    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(run.err()).contains("winfleet: skipped 1 kustomize patch");
    assertThat(run.out())
        .contains("note: left out 1 file found in the directories given that holds no Kubernetes")
        .endsWith("No problems found (0 objects in 0 files checked).\n")
        .doesNotContain("cluster checked");
  }

  @Test
  void failOnChoosesTheThreshold(@TempDir Path dir) throws IOException {
    String file = write(dir, "w.yaml", WARNING_ONLY_POD).toString();
    assertThat(CliRun.of("check", file).exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(CliRun.of("check", file, "--fail-on", "warning").exitCode())
        .isEqualTo(ExitCodes.FOUND);
    String lost = write(dir, "lost.yaml", WINDOWS_POD_WITHOUT_SELECTOR).toString();
    assertThat(CliRun.of("check", lost, "--fail-on", "never").exitCode()).isEqualTo(ExitCodes.OK);
  }

  @Test
  void readsStandardInput() throws IOException {
    CliRun run =
        CliRun.runWithStdin(WINDOWS_POD_WITHOUT_SELECTOR, "check", "-", "--format", "json");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.FOUND);
    JsonNode f = JSON.readTree(run.out()).get("findings").get(0);
    assertThat(f.get("file").asText()).isEqualTo("-");
    assertThat(f.get("rule").asText()).isEqualTo("windows-os-selector-missing");
    assertThat(f.get("namespace").isNull()).isTrue();
  }

  @Test
  void walksDirectoriesForYamlAndJsonButNotHiddenOnes(@TempDir Path dir) throws IOException {
    write(dir, "a/one.yaml", WINDOWS_POD_WITHOUT_SELECTOR);
    write(dir, "a/b/two.yml", WINDOWS_POD_WITHOUT_SELECTOR.replace("name: lost", "name: lost2"));
    write(
        dir,
        "a/three.json",
        "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"c\"}}");
    write(dir, "a/notes.txt", "not a manifest");
    write(dir, ".git/config.yaml", WINDOWS_POD_WITHOUT_SELECTOR);
    CliRun run = CliRun.of("check", dir.toString(), "--format", "json");
    JsonNode summary = JSON.readTree(run.out()).get("summary");
    assertThat(summary.get("files").asInt()).isEqualTo(3);
    assertThat(summary.get("objects").asInt()).isEqualTo(3);
    assertThat(summary.get("errors").asInt()).isEqualTo(2);
  }

  @Test
  void usageErrorsExitTwoWithOneLine(@TempDir Path dir) throws IOException {
    String ok = write(dir, "ok.yaml", CLEAN_WINDOWS_POD).toString();
    assertThat(CliRun.of("check", dir.resolve("missing.yaml").toString()))
        .satisfies(
            r -> {
              assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
              assertThat(r.err())
                  .isEqualTo(
                      "winfleet: cannot read "
                          + dir.resolve("missing.yaml")
                          + ": no such file or directory\n");
            });
    assertThat(CliRun.of("check", ok, "--disable", "no-such-rule").err())
        .contains("unknown rule 'no-such-rule'; 'winfleet rules' lists the rule ids");
    assertThat(CliRun.of("check", ok, "--fleet", ok, "--kubeconfig", ok).err())
        .contains("give either --fleet or --kubeconfig, not both");
    assertThat(CliRun.of("check", ok, "--kubernetes-version", "latest").err())
        .contains("--kubernetes-version: 'latest' is not a Kubernetes version");
    assertThat(CliRun.of("check", ok, "--fleet", ok).err())
        .contains("holds no Node or RuntimeClass objects");
    assertThat(CliRun.of("check", ok, "--images", ok).err())
        .contains("is not a saved 'winfleet inspect --json' result");
    Path binary = dir.resolve("bin.yaml");
    Files.write(binary, new byte[] {(byte) 0xff, (byte) 0xfe, 0x00});
    assertThat(CliRun.of("check", binary.toString()).err()).contains("is not UTF-8 text");
  }

  @Test
  void disableAndEnableOnlyAndTheIgnoreAnnotation(@TempDir Path dir) throws IOException {
    String lost = write(dir, "lost.yaml", WINDOWS_POD_WITHOUT_SELECTOR).toString();
    assertThat(CliRun.of("check", lost, "--disable", "windows-os-selector-missing").exitCode())
        .isEqualTo(ExitCodes.OK);
    assertThat(
            CliRun.of("check", lost, "--enable-only", "windows-dns-host-net,windows-hugepages")
                .exitCode())
        .isEqualTo(ExitCodes.OK);
    String annotated =
        write(
                dir,
                "ignored.yaml",
                WINDOWS_POD_WITHOUT_SELECTOR.replace(
                    "metadata: {name: lost}",
                    "metadata: {name: lost, annotations: {winfleet.dev/ignore: windows-os-selector-missing}}"))
            .toString();
    assertThat(CliRun.of("check", annotated).exitCode()).isEqualTo(ExitCodes.OK);
  }

  @Test
  void sarifIsVersion210WithRulesAndLocations(@TempDir Path dir) throws IOException {
    String lost = write(dir, "lost.yaml", WINDOWS_POD_WITHOUT_SELECTOR).toString();
    JsonNode sarif = JSON.readTree(CliRun.of("check", lost, "--format", "sarif").out());
    assertThat(sarif.get("version").asText()).isEqualTo("2.1.0");
    assertThat(sarif.get("$schema").asText()).contains("sarif-2.1.0");
    JsonNode run = sarif.get("runs").get(0);
    JsonNode rules = run.get("tool").get("driver").get("rules");
    assertThat(rules.size()).isEqualTo(RulesEngine.builtIn().catalog().rules().size());
    JsonNode result = run.get("results").get(0);
    assertThat(result.get("ruleId").asText()).isEqualTo("windows-os-selector-missing");
    assertThat(rules.get(result.get("ruleIndex").asInt()).get("id").asText())
        .isEqualTo("windows-os-selector-missing");
    assertThat(result.get("level").asText()).isEqualTo("error");
    JsonNode physical = result.get("locations").get(0).get("physicalLocation");
    assertThat(physical.get("artifactLocation").get("uri").asText()).endsWith("lost.yaml");
    assertThat(physical.get("region").get("startLine").asInt()).isEqualTo(7);
    assertThat(physical.get("region").get("startColumn").asInt()).isEqualTo(7);
    assertThat(result.get("properties").get("path").asText()).isEqualTo("/spec/containers/0/image");
    // The same bytes in every run: keys in a fixed order (Map.of's order changes per JVM).
    assertThat(result.get("locations").get(0).get("logicalLocations").get(0).fieldNames())
        .toIterable()
        .containsExactly("fullyQualifiedName", "kind");
    assertThat(rules.get(0).get("properties").fieldNames())
        .toIterable()
        .containsExactly("category", "needsFleet");
  }

  @Test
  void aLongTextReportHasEveryFindingOnceInOrder(@TempDir Path dir) throws IOException {
    // Over 64 KiB of text: the report is written in pieces as it goes.
    StringBuilder pods = new StringBuilder();
    for (int i = 0; i < 400; i++) {
      pods.append("---\n")
          .append(WINDOWS_POD_WITHOUT_SELECTOR.replace("{name: lost}", "{name: lost-" + i + "}"));
    }
    String file = write(dir, "many.yaml", pods.toString()).toString();
    CliRun text = CliRun.of("check", file);
    JsonNode json = JSON.readTree(CliRun.of("check", file, "-o", "json").out());
    assertThat(text.out().length()).isGreaterThan(1 << 17);
    java.util.List<String> expected = new java.util.ArrayList<>();
    json.get("findings").forEach(f -> expected.add("          " + f.get("message").asText()));
    assertThat(expected).hasSizeGreaterThanOrEqualTo(400);
    assertThat(
            text.out()
                .lines()
                .filter(l -> l.startsWith("          ") && !l.startsWith("          fix: ")))
        .containsExactlyElementsOf(expected);
    assertThat(text.out()).endsWith("(400 objects in 1 file checked).\n");
  }

  @Test
  void policyReportFormatWritesOneReportPerNamespaceAndAClusterReport(@TempDir Path dir)
      throws IOException {
    String lost = write(dir, "lost.yaml", WINDOWS_POD_WITHOUT_SELECTOR).toString();
    String shop =
        write(
                dir,
                "shop.yaml",
                WINDOWS_POD_WITHOUT_SELECTOR.replace(
                    "{name: lost}", "{name: cart, namespace: shop}"))
            .toString();
    String broken = write(dir, "broken.yaml", "kind: Pod\nmetadata: [\n").toString();
    CliRun run = CliRun.of("check", lost, shop, broken, "--format", "policyreport");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.FOUND);
    var yaml = YamlFormat.mapper();
    java.util.List<JsonNode> docs =
        yaml.readValues(yaml.createParser(run.out()), JsonNode.class).readAll();
    assertThat(docs)
        .extracting(
            d -> d.path("kind").asText() + " " + d.path("metadata").path("namespace").asText())
        .containsExactly("PolicyReport default", "PolicyReport shop", "ClusterPolicyReport ");
    JsonNode result = docs.get(0).path("results").get(0);
    assertThat(result.path("policy").asText()).isEqualTo("windows-os-selector-missing");
    assertThat(result.path("result").asText()).isEqualTo("fail");
    assertThat(result.path("resources").get(0).path("name").asText()).isEqualTo("lost");
    assertThat(result.path("properties").path("file").asText()).endsWith("lost.yaml");
    assertThat(docs.get(1).path("results").get(0).path("resources").get(0).path("name").asText())
        .isEqualTo("cart");
    assertThat(docs.get(2).path("results").get(0).path("policy").asText()).isEqualTo("yaml-syntax");
  }

  @Test
  void runtimeClassesInTheInputResolveRuntimeClassName(@TempDir Path dir) throws IOException {
    String rc =
        """
        apiVersion: node.k8s.io/v1
        kind: RuntimeClass
        metadata: {name: windows-2022}
        handler: runhcs-wcow-process
        scheduling:
          nodeSelector: {kubernetes.io/os: windows, node.kubernetes.io/windows-build: "10.0.20348"}
        """;
    write(dir, "rc.yaml", rc);
    write(
        dir,
        "pod.yaml",
        WINDOWS_POD_WITHOUT_SELECTOR.replace(
            "spec:\n", "spec:\n  runtimeClassName: windows-2022\n"));
    CliRun run = CliRun.of("check", dir.toString());
    assertThat(run.exitCode()).as(run.out()).isEqualTo(ExitCodes.OK);
  }

  @Test
  void readsTheFleetOfALiveClusterThroughAKubeconfig(@TempDir Path dir) throws IOException {
    client
        .nodes()
        .resource(
            new NodeBuilder()
                .withNewMetadata()
                .withName("lin-a")
                .withLabels(Map.of("kubernetes.io/os", "linux"))
                .endMetadata()
                .withNewStatus()
                .withNewNodeInfo()
                .withOperatingSystem("linux")
                .withKubeletVersion("v1.31.1")
                .endNodeInfo()
                .endStatus()
                .build())
        .create();
    client
        .nodes()
        .resource(
            new NodeBuilder()
                .withNewMetadata()
                .withName("win19-a")
                .withLabels(Map.of("kubernetes.io/os", "windows"))
                .endMetadata()
                .withNewStatus()
                .withNewNodeInfo()
                .withOperatingSystem("windows")
                .withKernelVersion("10.0.17763.6414")
                .withKubeletVersion("v1.31.1")
                .endNodeInfo()
                .endStatus()
                .build())
        .create();
    Path kubeconfig =
        write(
            dir,
            "kubeconfig",
            """
            apiVersion: v1
            kind: Config
            clusters: [{name: mock, cluster: {server: "%s", insecure-skip-tls-verify: true}}]
            users: [{name: mock, user: {token: t}}]
            contexts: [{name: mock, context: {cluster: mock, user: mock}}]
            current-context: mock
            """
                .formatted(server.url("/")));
    String pod =
        write(dir, "pod.yaml", CLEAN_WINDOWS_POD.replace("  os: {name: windows}\n", "")).toString();
    CliRun run = CliRun.of("check", pod, "--kubeconfig", kubeconfig.toString(), "--format", "json");
    JsonNode f = JSON.readTree(run.out()).get("findings").get(0);
    assertThat(f.get("rule").asText()).isEqualTo("no-compatible-node");
    assertThat(f.get("message").asText()).contains("win19-a (10.0.17763.6414)");
    assertThat(
            CliRun.of("check", pod, "--kubeconfig", kubeconfig.toString(), "--context", "prod")
                .err())
        .contains("has no context named 'prod'");
  }

  @Test
  void rulesCommandListsTheCatalog() throws IOException {
    CliRun text = CliRun.of("rules");
    assertThat(text.exitCode()).isZero();
    assertThat(text.out()).contains("windows-os-selector-missing", "needed", "before 1.22");
    JsonNode json = JSON.readTree(CliRun.of("rules", "--json").out());
    assertThat(json.get("rules").size()).isEqualTo(RulesEngine.builtIn().catalog().rules().size());
    assertThat(json.get("rules").get(0).get("id").asText()).isEqualTo("yaml-syntax");
  }

  @Test
  void helpTeachesWithExamplesAndExitCodes() {
    CliRun help = CliRun.of("check", "--help");
    assertThat(help.exitCode()).isZero();
    assertThat(help.out())
        .contains("Exit codes:", "helm template my-chart | winfleet check -", "--fail-on");
  }
}
