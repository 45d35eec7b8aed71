package dev.winfleet.core.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.winfleet.core.catalog.KubernetesVersion;
import dev.winfleet.core.catalog.WindowsCatalog;
import dev.winfleet.core.compat.OsFamily;
import dev.winfleet.core.manifest.ManifestReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class FleetObjectsTest {

  @Test
  void readsNodesWithWhatPlacementAndPlanningNeed() {
    Fleet fleet =
        FleetObjects.fromObjects(
            ManifestReader.defaults()
                .read(
                    "n.yaml",
                    """
                    apiVersion: v1
                    kind: Node
                    metadata:
                      name: win-1
                      labels: {kubernetes.io/os: windows, node.kubernetes.io/windows-build: 10.0.20348}
                    spec:
                      unschedulable: true
                      taints: [{key: os, value: windows, effect: NoSchedule}, {key: bad}]
                    status:
                      allocatable: {cpu: 3900m, memory: 16373924Ki}
                      nodeInfo:
                        kernelVersion: 10.0.20348.2762
                        kubeletVersion: v1.30.4
                        containerRuntimeVersion: containerd://1.7.20
                        osImage: Windows Server 2022 Datacenter
                        architecture: amd64
                      images:
                        - names: [mcr.microsoft.com/windows/servercore@sha256:ab, mcr.microsoft.com/windows/servercore:ltsc2022]
                          sizeBytes: 2189000000
                    """)
                .objects());
    FleetNode n = fleet.nodes().get(0);
    assertThat(n.os()).isEqualTo(OsFamily.WINDOWS);
    assertThat(n.windowsVersion())
        .isEqualTo(WindowsCatalog.builtIn().parseVersion("10.0.20348.2762"));
    assertThat(n.taints()).containsExactly(new Taint("os", "windows", TaintEffect.NO_SCHEDULE));
    assertThat(n.effectiveTaints()).contains(FleetNode.UNSCHEDULABLE_TAINT);
    assertThat(n.allocatableCpuMillis()).isEqualTo(3900);
    assertThat(n.allocatableMemoryBytes()).isEqualTo(16373924L * 1024);
    assertThat(n.images())
        .singleElement()
        .satisfies(i -> assertThat(i.sizeBytes()).isEqualTo(2189000000L));
    assertThat(n.kubernetesVersion()).contains(KubernetesVersion.parse("1.30"));
    assertThat(fleet.kubeletVersions()).containsExactly(KubernetesVersion.parse("1.30"));
    assertThat(fleet.windowsBuilds())
        .containsExactly(WindowsCatalog.builtIn().parseVersion("10.0.20348"));
  }

  @Test
  void windowsVersionFallsBackToTheBuildLabelThenTheOsImage() {
    WindowsCatalog catalog = WindowsCatalog.builtIn();
    assertThat(FleetObjects.windowsVersion(null, null, "10.0.17763", catalog))
        .contains(WindowsCatalog.builtIn().parseVersion("10.0.17763"));
    assertThat(FleetObjects.windowsVersion("", "Windows Server 2019 Datacenter", null, catalog))
        .contains(WindowsCatalog.builtIn().parseVersion("10.0.17763"));
    assertThat(FleetObjects.windowsVersion("5.15.0-1064-azure", "Ubuntu", null, catalog)).isEmpty();
  }

  @Test
  void quantitiesAreRead() {
    assertThat(Quantities.cpuMillis("2")).hasValue(2000);
    assertThat(Quantities.cpuMillis("250m")).hasValue(250);
    assertThat(Quantities.cpuMillis("0.5")).hasValue(500);
    assertThat(Quantities.bytes("1Gi")).hasValue(1L << 30);
    assertThat(Quantities.bytes("1e9")).hasValue(1_000_000_000L);
    assertThat(Quantities.bytes("500M")).hasValue(500_000_000L);
    assertThat(Quantities.bytes("lots")).isEmpty();
  }

  @Test
  void runtimeClassesAreRead() {
    Fleet fleet =
        FleetObjects.fromObjects(
            ManifestReader.defaults()
                .read(
                    "rc.yaml",
                    """
                    apiVersion: node.k8s.io/v1
                    kind: RuntimeClass
                    metadata: {name: windows-2019}
                    handler: runhcs-wcow-process
                    scheduling:
                      nodeSelector: {node.kubernetes.io/windows-build: 10.0.17763}
                      tolerations: [{key: os, operator: Equal, value: windows, effect: NoSchedule}]
                    """)
                .objects());
    RuntimeClassSpec rc = fleet.runtimeClass("windows-2019").orElseThrow();
    assertThat(rc.handler()).isEqualTo("runhcs-wcow-process");
    assertThat(rc.tolerations()).hasSize(1);
    assertThat(fleet.hasNodes()).isFalse();
    assertThat(List.copyOf(rc.nodeSelector().values())).containsExactly("10.0.17763");
  }
}
