package dev.winfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.winfleet.core.catalog.WindowsCatalog;
import dev.winfleet.core.containerize.FleetNode;
import dev.winfleet.core.containerize.NodeTaint;
import dev.winfleet.core.version.OsVersion;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class FleetNodeReaderTest {

  @Test
  void readsMultiDocumentYamlAndTakesTheBuildFromLabelKernelOrOsImage() throws IOException {
    String yaml =
        """
        apiVersion: v1
        kind: Node
        metadata:
          name: a
          labels: {kubernetes.io/os: windows, node.kubernetes.io/windows-build: 10.0.17763}
        spec:
          taints: [{key: os, value: windows, effect: NoSchedule}]
        ---
        apiVersion: v1
        kind: Node
        metadata: {name: b, labels: {beta.kubernetes.io/os: windows}}
        status: {nodeInfo: {kernelVersion: 10.0.20348.2227}}
        ---
        apiVersion: v1
        kind: Node
        metadata: {name: c}
        status: {nodeInfo: {operatingSystem: windows, osImage: Windows Server 2025 Datacenter}}
        ---
        apiVersion: node.k8s.io/v1
        kind: RuntimeClass
        metadata: {name: ignored}
        ---
        """;

    List<FleetNode> nodes = FleetNodeReader.parse(yaml, WindowsCatalog.builtIn());

    assertThat(nodes).extracting(FleetNode::name).containsExactly("a", "b", "c");
    assertThat(nodes).allMatch(FleetNode::isWindows);
    assertThat(nodes.get(0).windowsBuild()).contains(OsVersion.ofBuild(17763));
    assertThat(nodes.get(0).taints()).containsExactly(new NodeTaint("os", "windows", "NoSchedule"));
    assertThat(nodes.get(1).windowsBuild()).contains(OsVersion.ofBuild(20348));
    assertThat(nodes.get(1).buildSource()).isEqualTo("status.nodeInfo.kernelVersion");
    assertThat(nodes.get(2).windowsBuild()).contains(OsVersion.ofBuild(26100));
  }

  @Test
  void readsTheItemsOfAList() throws IOException {
    String yaml =
        """
        apiVersion: v1
        kind: List
        items:
          - {kind: Node, metadata: {name: l, labels: {kubernetes.io/os: linux}}, status: {nodeInfo: {kernelVersion: 6.1.0}}}
        """;

    List<FleetNode> nodes = FleetNodeReader.parse(yaml, WindowsCatalog.builtIn());

    assertThat(nodes).hasSize(1);
    assertThat(nodes.get(0).isWindows()).isFalse();
    assertThat(nodes.get(0).windowsBuild()).isEmpty();
  }
}
