package dev.winfleet.core.cluster;

import static dev.winfleet.core.cluster.ClusterRulesTest.READY;
import static dev.winfleet.core.cluster.ClusterRulesTest.assertOnly;
import static dev.winfleet.core.cluster.ClusterRulesTest.check;
import static dev.winfleet.core.cluster.ClusterRulesTest.edit;
import static dev.winfleet.core.cluster.ClusterRulesTest.lineOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.winfleet.core.rules.Finding;
import dev.winfleet.core.rules.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The metrics and log-query rules: one change to a ready cluster each, the exact finding. */
class ObservabilityClusterRulesTest {

  /** The ready cluster on Kubernetes 1.36 with kubeadm's kubelet config turning log query on. */
  private static final String READY_136 =
      READY.replace("kubeletVersion: v1.30.4", "kubeletVersion: v1.36.0")
          + "- apiVersion: v1\n"
          + "  kind: ConfigMap\n"
          + "  metadata: {name: kubelet-config, namespace: kube-system}\n"
          + "  data:\n"
          + "    kubelet: |\n"
          + "      apiVersion: kubelet.config.k8s.io/v1beta1\n"
          + "      kind: KubeletConfiguration\n"
          + "      enableSystemLogHandler: true\n"
          + "      enableSystemLogQuery: true\n";

  private static List<Finding> only(List<Finding> findings, String rule) {
    return findings.stream().filter(f -> f.rule().equals(rule)).toList();
  }

  @Test
  void aWindowsNodeWithoutWindowsExporterIsFound() {
    String dump =
        edit(
            READY,
            "image: ghcr.io/prometheus-community/windows-exporter:0.31.8",
            "image: docker.io/example/some-agent:1.0");
    assertOnly(
        check(dump),
        "windows-node-metrics-agent-missing",
        Severity.INFO,
        lineOf(dump, "name: win-1"),
        5,
        "Node/win-1",
        "/metadata/name",
        "No DaemonSet running windows_exporter lands on Windows node win-1; Prometheus gets no"
            + " node or container metrics from it.");
  }

  @Test
  void windowsExporterThatCannotLandOnTheNodeDoesNotCount() {
    String dump =
        edit(
            READY,
            "        nodeSelector: {kubernetes.io/os: windows}\n"
                + "        tolerations: [{key: os, operator: Exists}]\n"
                + "        securityContext",
            "        nodeSelector: {kubernetes.io/os: windows}\n" + "        securityContext");
    assertThat(check(dump))
        .extracting(Finding::rule)
        .containsExactly("windows-node-metrics-agent-missing");
  }

  @Test
  void kubeletConfigWithoutLogQueryIsFoundForKubelets136() {
    assertThat(only(check(READY_136, "1.36"), "windows-node-log-query-off")).isEmpty();

    String dump = edit(READY_136, "enableSystemLogQuery: true", "enableSystemLogQuery: false");
    List<Finding> found = only(check(dump, "1.36"), "windows-node-log-query-off");

    assertThat(found).hasSize(1);
    Finding f = found.get(0);
    assertThat(f.severity()).isEqualTo(Severity.INFO);
    assertThat(f.object().toString()).isEqualTo("kube-system/ConfigMap/kubelet-config");
    assertThat(f.line()).isEqualTo(lineOf(dump, "    kubelet: |"));
    assertThat(f.message())
        .isEqualTo(
            "kubeadm's kubelet configuration has no enableSystemLogQuery: true, so node log query"
                + " is off on the Windows nodes win-1, whose kubelets support it.");
  }

  @Test
  void kubeletsBefore136AreNotReported() {
    String dump =
        edit(READY_136, "enableSystemLogQuery: true", "enableSystemLogQuery: false")
            .replace("kubeletVersion: v1.36.0", "kubeletVersion: v1.35.2");
    assertThat(only(check(dump, "1.35"), "windows-node-log-query-off")).isEmpty();
  }
}
