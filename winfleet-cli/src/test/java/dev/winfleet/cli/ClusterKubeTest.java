package dev.winfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.winfleet.core.testing.GoldenFiles;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The cluster scenarios of the golden dumps, served by fabric8's mock API server in CRUD mode:
 * {@code cluster check --kubeconfig} finds what {@code --dump} finds (without file positions), and
 * {@code node manifests --kubeconfig} takes its settings from the cluster and refuses parameters
 * that disagree with it.
 */
@EnableKubernetesMockClient(crud = true)
class ClusterKubeTest {

  private static final Path GOLDEN = Path.of("src", "test", "resources", "golden");
  private static final Path NODE = Path.of("src", "test", "resources", "node-manifests");
  private static final ObjectMapper JSON = new ObjectMapper();

  KubernetesMockServer server;
  KubernetesClient client;

  @TempDir Path tmp;

  static Stream<String> scenarios() throws IOException {
    try (Stream<Path> dirs = Files.list(GOLDEN)) {
      return dirs
          .map(p -> p.getFileName().toString())
          .filter(n -> n.startsWith("cluster-"))
          .sorted()
          .toList()
          .stream();
    }
  }

  private void load(Path dump) throws IOException {
    try (InputStream in = Files.newInputStream(dump)) {
      for (HasMetadata o : client.load(in).items()) {
        client.resource(o).create();
      }
    }
  }

  private String kubeconfig() throws IOException {
    Path file = tmp.resolve("kubeconfig");
    Files.writeString(
        file,
        """
        apiVersion: v1
        kind: Config
        clusters: [{name: mock, cluster: {server: "%s", insecure-skip-tls-verify: true}}]
        users: [{name: mock, user: {token: t}}]
        contexts: [{name: mock, context: {cluster: mock, user: mock}}]
        current-context: mock
        """
            .formatted(server.url("/")),
        StandardCharsets.UTF_8);
    return file.toString();
  }

  /** What a finding says, without where it stands in a file. */
  private static List<String> findings(String json) throws IOException {
    List<String> out = new ArrayList<>();
    for (JsonNode f : JSON.readTree(json).get("findings")) {
      out.add(
          String.join(
              " | ",
              f.get("rule").asText(),
              f.get("severity").asText(),
              f.get("namespace").asText(""),
              f.get("object").asText(),
              f.get("container").asText(""),
              f.get("message").asText(),
              f.get("fix").asText()));
    }
    out.sort(String::compareTo);
    return out;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void liveClusterGivesTheFindingsOfItsDump(String scenario) throws IOException {
    Path dir = GOLDEN.resolve(scenario);
    load(dir.resolve("cluster.yaml"));
    List<String> args =
        new ArrayList<>(
            Files.readAllLines(dir.resolve("args.txt"), StandardCharsets.UTF_8).stream()
                .filter(l -> !l.isBlank())
                .toList());
    int dump = args.indexOf("--dump");
    args.set(dump, "--kubeconfig");
    args.set(dump + 1, kubeconfig());

    CliRun live = CliRun.of(args.toArray(String[]::new));

    assertThat(live.err()).isEmpty();
    // expected.json is CheckGoldenTest's golden file (with file positions, which a live cluster
    // has not): rewrite it there with -Dwinfleet.updateGoldens=true; here it is only read.
    assertThat(findings(live.out()))
        .isEqualTo(findings(Files.readString(dir.resolve("expected.json"))));
    assertThat(live.exitCode())
        .isEqualTo(
            Integer.parseInt(
                GoldenFiles.expected(dir.resolve("expected-exit.txt"), live.exitCode() + "\n")
                    .trim()));
    for (JsonNode f : JSON.readTree(live.out()).get("findings")) {
      assertThat(f.get("line").asInt()).isZero(); // no file positions for a live cluster
    }
  }

  @Test
  void liveClusterInTextFormatSaysWhereTheFindingsComeFrom() throws IOException {
    load(GOLDEN.resolve("cluster-flannel-vxlan-wrong-vni").resolve("cluster.yaml"));
    CliRun run = CliRun.of("cluster", "check", "--kubeconfig", kubeconfig());
    assertThat(run.out())
        .contains(
            "(cluster)",
            "flannel-windows-vxlan-settings  ConfigMap/kube-flannel-cfg",
            "note: 3 nodes, 1 of them Windows",
            "note: network plugin: flannel",
            // the info is windows-node-metrics-agent-missing: the cluster runs no windows_exporter
            "1 error, 0 warnings, 1 info (12 objects from the cluster checked).");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.FOUND);
  }

  @Test
  void nodeManifestsFromTheClusterEqualThoseFromTheSameParameters() throws IOException {
    load(NODE.resolve("cluster-flannel-vxlan.yaml"));
    CliRun run =
        CliRun.of(
            "node",
            "manifests",
            "--kubeconfig",
            kubeconfig(),
            "--cni",
            "flannel-vxlan",
            "--kubernetes-version",
            "1.30.4");
    assertThat(run.err()).isEmpty();
    assertThat(run.exitCode()).isZero();
    GoldenFiles.assertMatches(NODE.resolve("flannel-vxlan").resolve("expected.yaml"), run.out());
  }

  @Test
  void nodeManifestsTakeTheVersionFromTheCluster() throws IOException {
    load(NODE.resolve("cluster-calico.yaml"));
    CliRun run = CliRun.of("node", "manifests", "--kubeconfig", kubeconfig(), "--cni", "calico");
    assertThat(run.err()).isEmpty();
    assertThat(run.out())
        .contains(
            "image: docker.io/sigwindowstools/kube-proxy:v1.30.4-calico-hostprocess",
            "clusterCIDR=10.244.0.0/16 serviceCIDR=10.96.0.0/12 clusterDNS=10.96.0.10");
  }

  @Test
  void parametersThatDisagreeWithTheClusterAreRefusedWithTheClustersValue() throws IOException {
    load(NODE.resolve("cluster-flannel-vxlan.yaml"));
    String k = kubeconfig();

    CliRun cidr =
        CliRun.of(
            "node",
            "manifests",
            "--kubeconfig",
            k,
            "--cni",
            "flannel-vxlan",
            "--cluster-cidr",
            "10.42.0.0/16");
    CliRun dns =
        CliRun.of(
            "node",
            "manifests",
            "--kubeconfig",
            k,
            "--cni",
            "flannel-vxlan",
            "--dns-ip",
            "10.43.0.10");
    CliRun backend = CliRun.of("node", "manifests", "--kubeconfig", k, "--cni", "flannel-host-gw");
    CliRun plugin = CliRun.of("node", "manifests", "--kubeconfig", k, "--cni", "calico");
    CliRun version =
        CliRun.of(
            "node",
            "manifests",
            "--kubeconfig",
            k,
            "--cni",
            "flannel-vxlan",
            "--kubernetes-version",
            "1.31.0");

    assertThat(cidr.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(cidr.out()).isEmpty();
    assertThat(cidr.err())
        .isEqualTo(
            "winfleet: --cluster-cidr 10.42.0.0/16 disagrees with the cluster: its cluster CIDR is"
                + " 10.244.0.0/16 (ConfigMap kube-flannel/kube-flannel-cfg, net-conf.json"
                + " Network)\n");
    assertThat(dns.err())
        .isEqualTo(
            "winfleet: --dns-ip 10.43.0.10 disagrees with the cluster: its cluster DNS address is"
                + " 10.96.0.10 (Service kube-system/kube-dns, spec.clusterIP)\n");
    assertThat(backend.err())
        .isEqualTo(
            "winfleet: --cni flannel-host-gw disagrees with the cluster: its flannel uses the vxlan"
                + " backend (ConfigMap kube-flannel/kube-flannel-cfg, net-conf.json) (use --cni"
                + " flannel-vxlan)\n");
    assertThat(plugin.err())
        .isEqualTo(
            "winfleet: --cni calico disagrees with the cluster: its network plugin is flannel"
                + " (DaemonSet kube-flannel/kube-flannel-ds)\n");
    assertThat(version.err())
        .startsWith(
            "winfleet: --kubernetes-version 1.31.0 disagrees with the cluster: its control plane"
                + " runs v1.30.4");
    for (CliRun r : List.of(dns, backend, plugin, version)) {
      assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
    }
  }

  @Test
  void nodeManifestsSayWhenTheClustersFlannelLacksTheWindowsVxlanSettings() throws IOException {
    load(GOLDEN.resolve("cluster-flannel-vxlan-wrong-vni").resolve("cluster.yaml"));
    CliRun run =
        CliRun.of("node", "manifests", "--kubeconfig", kubeconfig(), "--cni", "flannel-vxlan");
    assertThat(run.exitCode()).isZero();
    assertThat(run.err())
        .contains("ConfigMap kube-flannel/kube-flannel-cfg does not set VNI 4096 and Port 4789");
  }
}
