package dev.winfleet.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.winfleet.core.image.ImageMetadataSource;
import dev.winfleet.core.manifest.ManifestFile;
import dev.winfleet.core.manifest.ManifestReader;
import dev.winfleet.core.rules.RulesEngine;
import dev.winfleet.server.HttpRoutes;
import dev.winfleet.server.RecentVerdicts;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The node view's logs-and-metrics gaps in {@code /api/fleet} (issue 19). */
class DashboardObservabilityTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String EXPORTER =
      """
      apiVersion: apps/v1
      kind: DaemonSet
      metadata: {name: windows-exporter, namespace: monitoring}
      spec:
        selector: {matchLabels: {app: windows-exporter}}
        template:
          metadata: {labels: {app: windows-exporter}}
          spec:
            nodeSelector: {kubernetes.io/os: windows}
            tolerations: [{operator: Exists}]
            hostNetwork: true
            securityContext:
              windowsOptions: {hostProcess: true, runAsUserName: "NT AUTHORITY\\\\SYSTEM"}
            containers:
              - name: windows-exporter
                image: ghcr.io/prometheus-community/windows-exporter:0.31.8
      """;

  private static JsonNode fleet(DashboardModel model) throws IOException {
    DashboardApi api = new DashboardApi(() -> model, UpgradeSimulator.builtIn());
    HttpRoutes.Reply reply =
        api.handle(new HttpRoutes.Request("/api/fleet", Map.of(), new RecentVerdicts(10)));
    assertThat(reply.status()).isEqualTo(200);
    return JSON.readTree(reply.body());
  }

  private static JsonNode node(JsonNode fleet, String name) {
    for (JsonNode g : fleet.get("groups")) {
      for (JsonNode n : g.get("nodes")) {
        if (n.get("name").asText().equals(name)) {
          return n;
        }
      }
    }
    throw new AssertionError("no node " + name);
  }

  @Test
  void windowsNodesWithoutAnExporterSayWhatIsMissingLinuxNodesSayNothing() throws IOException {
    JsonNode fleet = fleet(DashboardFixture.model());

    JsonNode win = node(fleet, "win19-a").get("observability");
    assertThat(win.get("metricsAgent").isNull()).isTrue();
    assertThat(win.get("nodeLogQuery").asBoolean()).isFalse();
    assertThat(win.get("missing")).hasSize(2);
    assertThat(win.get("missing").get(0).asText())
        .startsWith("metrics: no windows_exporter DaemonSet lands on this node");
    assertThat(win.get("missing").get(1).asText())
        .isEqualTo(
            "logs: kubelet v1.31.2 has no node log query (GA in Kubernetes 1.36); read the"
                + " kubelet's and kube-proxy's logs on the node");
    JsonNode linux = fleet.get("groups").get(0).get("nodes").get(0);
    assertThat(linux.has("observability")).isFalse();
  }

  @Test
  void aWindowsExporterDaemonSetCoversTheWindowsNodes() throws IOException {
    List<ManifestFile> files = new ArrayList<>(DashboardFixture.workloads());
    files.add(ManifestReader.defaults().read("exporter.yaml", EXPORTER));
    DashboardModel model =
        DashboardModel.build(
            DashboardFixture.fleet(), files, ImageMetadataSource.tagHints(), RulesEngine.builtIn());

    JsonNode win = node(fleet(model), "win19-a").get("observability");

    assertThat(win.get("metricsAgent").asText()).isEqualTo("monitoring/DaemonSet/windows-exporter");
    assertThat(win.get("missing")).hasSize(1);
  }
}
