package dev.winfleet.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.winfleet.core.catalog.KubernetesVersion;
import dev.winfleet.core.catalog.WindowsCatalog;
import dev.winfleet.core.compat.OsFamily;
import dev.winfleet.core.fleet.Fleet;
import dev.winfleet.core.fleet.FleetNode;
import dev.winfleet.core.fleet.RuntimeClassSpec;
import dev.winfleet.core.fleet.Taint;
import dev.winfleet.core.fleet.TaintEffect;
import dev.winfleet.core.fleet.Toleration;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.node.v1.RuntimeClass;
import io.fabric8.kubernetes.api.model.node.v1.RuntimeClassBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads a fleet from fabric8's mock API server in CRUD mode. */
@EnableKubernetesMockClient(crud = true)
class ClusterFleetReaderTest {

  KubernetesMockServer server;
  KubernetesClient client;

  private void createFleet() {
    Node win =
        new NodeBuilder()
            .withNewMetadata()
            .withName("win22-a")
            .withLabels(
                Map.of(
                    "kubernetes.io/os", "windows",
                    "kubernetes.io/arch", "amd64",
                    "node.kubernetes.io/windows-build", "10.0.20348"))
            .endMetadata()
            .withNewSpec()
            .addNewTaint()
            .withKey("os")
            .withValue("windows")
            .withEffect("NoSchedule")
            .endTaint()
            .endSpec()
            .withNewStatus()
            .withAllocatable(Map.of("cpu", new Quantity("3900m"), "memory", new Quantity("15Gi")))
            .withNewNodeInfo()
            .withOperatingSystem("windows")
            .withArchitecture("amd64")
            .withKernelVersion("10.0.20348.2762")
            .withOsImage("Windows Server 2022 Datacenter")
            .withKubeletVersion("v1.30.4")
            .withContainerRuntimeVersion("containerd://1.7.20")
            .endNodeInfo()
            .addNewImage()
            .withNames("mcr.microsoft.com/windows/servercore:ltsc2022")
            .withSizeBytes(2_189_000_000L)
            .endImage()
            .endStatus()
            .build();
    Node linux =
        new NodeBuilder()
            .withNewMetadata()
            .withName("lin-a")
            .withLabels(Map.of("kubernetes.io/os", "linux"))
            .endMetadata()
            .withNewStatus()
            .withNewNodeInfo()
            .withOperatingSystem("linux")
            .withKubeletVersion("v1.30.4")
            .endNodeInfo()
            .endStatus()
            .build();
    RuntimeClass rc =
        new RuntimeClassBuilder()
            .withNewMetadata()
            .withName("windows-2022")
            .endMetadata()
            .withHandler("runhcs-wcow-process")
            .withNewScheduling()
            .withNodeSelector(Map.of("node.kubernetes.io/windows-build", "10.0.20348"))
            .addToTolerations(
                new io.fabric8.kubernetes.api.model.TolerationBuilder()
                    .withKey("os")
                    .withOperator("Equal")
                    .withValue("windows")
                    .withEffect("NoSchedule")
                    .build())
            .endScheduling()
            .build();
    client.nodes().resource(win).create();
    client.nodes().resource(linux).create();
    client.resources(RuntimeClass.class).resource(rc).create();
  }

  @Test
  void readsNodesAndRuntimeClassesIntoTheCoreFleet() throws Exception {
    createFleet();

    Fleet fleet = ClusterFleetReader.builtIn().read(client);

    assertThat(fleet.nodes())
        .extracting(FleetNode::name)
        .containsExactlyInAnyOrder("win22-a", "lin-a");
    FleetNode win = fleet.nodes().stream().filter(FleetNode::isWindows).findFirst().orElseThrow();
    assertThat(win.os()).isEqualTo(OsFamily.WINDOWS);
    assertThat(win.windowsVersion())
        .isEqualTo(WindowsCatalog.builtIn().parseVersion("10.0.20348.2762"));
    assertThat(win.taints()).containsExactly(new Taint("os", "windows", TaintEffect.NO_SCHEDULE));
    assertThat(win.allocatableCpuMillis()).isEqualTo(3900);
    assertThat(win.allocatableMemoryBytes()).isEqualTo(15L << 30);
    assertThat(win.containerRuntimeVersion()).isEqualTo("containerd://1.7.20");
    assertThat(win.images())
        .singleElement()
        .satisfies(i -> assertThat(i.sizeBytes()).isEqualTo(2_189_000_000L));
    assertThat(fleet.kubeletVersions()).containsExactly(KubernetesVersion.parse("1.30"));
    RuntimeClassSpec rc = fleet.runtimeClass("windows-2022").orElseThrow();
    assertThat(rc.handler()).isEqualTo("runhcs-wcow-process");
    assertThat(rc.tolerations())
        .containsExactly(
            new Toleration("os", Toleration.Operator.EQUAL, "windows", TaintEffect.NO_SCHEDULE));
  }

  @Test
  void connectsThroughAKubeconfigContext(@TempDir Path dir) throws Exception {
    createFleet();
    Path kubeconfig = dir.resolve("config");
    Files.writeString(kubeconfig, kubeconfig(server.url("/")));

    try (KubernetesClient viaFile = ClusterFleetReader.connect(kubeconfig, "mock")) {
      assertThat(ClusterFleetReader.builtIn().read(viaFile).nodes()).hasSize(2);
    }
    assertThatThrownBy(() -> ClusterFleetReader.connect(kubeconfig, "prod"))
        .isInstanceOf(KubeAccessException.class)
        .hasMessageContaining("has no context named 'prod'");
    assertThatThrownBy(() -> ClusterFleetReader.connect(dir.resolve("missing"), null))
        .isInstanceOf(KubeAccessException.class)
        .hasMessageStartingWith("cannot read the kubeconfig");
  }

  static String kubeconfig(String url) {
    return """
        apiVersion: v1
        kind: Config
        clusters:
          - name: mock
            cluster:
              server: %s
              insecure-skip-tls-verify: true
        users:
          - name: mock
            user:
              token: secret
        contexts:
          - name: mock
            context: {cluster: mock, user: mock}
          - name: other
            context: {cluster: mock, user: mock}
        current-context: other
        """
        .formatted(url);
  }
}
