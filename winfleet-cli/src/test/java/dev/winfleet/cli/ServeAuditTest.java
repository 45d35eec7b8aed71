package dev.winfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.winfleet.core.manifest.YamlFormat;
import dev.winfleet.server.HttpRoutes;
import dev.winfleet.server.RecentVerdicts;
import dev.winfleet.server.api.PolicySettings;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve --kubeconfig} as {@link ServeCommand} wires it, against fabric8's mock API server in
 * CRUD mode: the audit writes the PolicyReport that {@code check --format policyreport} writes for
 * the same manifest and fleet, and the dashboard shows the live workloads with their findings and
 * the time of the last evaluation.
 */
@EnableKubernetesMockClient(crud = true)
class ServeAuditTest {

  KubernetesMockServer server;
  KubernetesClient client;
  @TempDir Path dir;

  private static final ObjectMapper JSON = new ObjectMapper();

  static final String NODES =
      """
      apiVersion: v1
      kind: List
      items:
      - apiVersion: v1
        kind: Node
        metadata:
          name: win22-1
          labels: {kubernetes.io/os: windows, kubernetes.io/arch: amd64, node.kubernetes.io/windows-build: "10.0.20348"}
        spec:
          taints: [{key: os, value: windows, effect: NoSchedule}]
        status:
          nodeInfo: {operatingSystem: windows, architecture: amd64, kernelVersion: 10.0.20348.2762, kubeletVersion: v1.30.4}
      - apiVersion: v1
        kind: Node
        metadata:
          name: lin-1
          labels: {kubernetes.io/os: linux, kubernetes.io/arch: amd64}
        status:
          nodeInfo: {operatingSystem: linux, architecture: amd64, kubeletVersion: v1.30.4}
      """;

  static final String DEPLOYMENT =
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: iis, namespace: web}
      spec:
        selector: {matchLabels: {app: iis}}
        template:
          metadata: {labels: {app: iis}}
          spec:
            nodeSelector: {kubernetes.io/os: windows}
            tolerations: [{key: os, operator: Equal, value: windows, effect: NoSchedule}]
            containers:
            - name: iis
              image: mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2019
      """;

  /** What a result says, without when it was found and how the object was named. */
  private static List<String> comparable(JsonNode report) {
    List<String> out = new ArrayList<>();
    for (JsonNode r : report.path("results")) {
      ObjectNode c = r.deepCopy();
      c.remove("timestamp");
      c.remove("resources");
      ((ObjectNode) c.path("properties")).remove(List.of("file", "line"));
      out.add(c.toString());
    }
    return out;
  }

  private static void await(String what, java.util.function.BooleanSupplier ok)
      throws InterruptedException {
    for (int i = 0; i < 400; i++) {
      if (ok.getAsBoolean()) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("not within 20 s: " + what);
  }

  @Test
  void theAuditWritesWhatTheCheckerWritesAndTheDashboardShowsIt() throws Exception {
    server.expectCustomResource(
        new CustomResourceDefinitionContext.Builder()
            .withGroup("wgpolicyk8s.io")
            .withVersion("v1alpha2")
            .withKind("PolicyReport")
            .withPlural("policyreports")
            .withScope("Namespaced")
            .build());
    for (HasMetadata o :
        client.load(new ByteArrayInputStream(NODES.getBytes(StandardCharsets.UTF_8))).items()) {
      client.resource(o).create();
    }
    client.resource((HasMetadata) Serialization.unmarshal(DEPLOYMENT)).create();
    Path kubeconfig =
        Files.writeString(
            dir.resolve("kubeconfig"),
            """
            apiVersion: v1
            kind: Config
            clusters: [{name: mock, cluster: {server: "%s", insecure-skip-tls-verify: true}}]
            users: [{name: mock, user: {token: t}}]
            contexts: [{name: mock, context: {cluster: mock, user: mock, namespace: winfleet}}]
            current-context: mock
            """
                .formatted(server.url("/")));
    FleetSourceSpec source = new FleetSourceSpec(null, kubeconfig, null);
    WebhookBackend backend =
        WebhookBackends.real(
            source, PolicySettings.defaults(), false, List.of(), true, Clock.systemUTC());
    try {
      HttpRoutes dashboard =
          DashboardSetup.forServe(true, source, List.of(), List.of(), System.in, backend);
      ResourceDefinitionContext reports =
          new ResourceDefinitionContext.Builder()
              .withGroup("wgpolicyk8s.io")
              .withVersion("v1alpha2")
              .withPlural("policyreports")
              .withKind("PolicyReport")
              .withNamespaced(true)
              .build();
      await(
          "the PolicyReport of web",
          () ->
              client
                      .genericKubernetesResources(reports)
                      .inNamespace("web")
                      .withName("winfleet")
                      .get()
                  != null);
      GenericKubernetesResource live =
          client.genericKubernetesResources(reports).inNamespace("web").withName("winfleet").get();
      JsonNode liveReport = Serialization.jsonMapper().valueToTree(live);

      // The checker, offline, on the same manifest and fleet.
      Path manifest = Files.writeString(dir.resolve("iis.yaml"), DEPLOYMENT);
      Path fleet = Files.writeString(dir.resolve("fleet.yaml"), NODES);
      CliRun ci =
          CliRun.of(
              "check",
              manifest.toString(),
              "--fleet",
              fleet.toString(),
              "--format",
              "policyreport",
              "--fail-on",
              "never");
      var yaml = YamlFormat.mapper();
      JsonNode ciReport =
          yaml.readValues(yaml.createParser(ci.out()), JsonNode.class).readAll().get(0);
      assertThat(comparable(liveReport)).isNotEmpty().isEqualTo(comparable(ciReport));
      assertThat(liveReport.at("/results/0/policy").asText()).isEqualTo("no-compatible-node");
      assertThat(liveReport.at("/results/0/resources/0/kind").asText()).isEqualTo("Deployment");
      assertThat(liveReport.path("summary")).isEqualTo(ciReport.path("summary"));

      // The dashboard: the live workload with its findings, and when it was judged.
      RecentVerdicts none = new RecentVerdicts(1);
      JsonNode workloads =
          JSON.readTree(
              dashboard.handle(new HttpRoutes.Request("/api/workloads", Map.of(), none)).body());
      assertThat(workloads.toString()).contains("\"name\":\"iis\"").contains("no-compatible-node");
      JsonNode audit =
          JSON.readTree(
              dashboard.handle(new HttpRoutes.Request("/api/audit", Map.of(), none)).body());
      assertThat(audit.path("enabled").asBoolean()).isTrue();
      assertThat(audit.path("synced").asBoolean()).isTrue();
      assertThat(audit.path("lastEvaluation").asText()).isNotEmpty();
      assertThat(audit.at("/objects/0/name").asText()).isEqualTo("iis");
      assertThat(audit.at("/objects/0/evaluated").asText()).isNotEmpty();

      // The gauges /metrics adds.
      dev.winfleet.server.WebhookMetrics served = new dev.winfleet.server.WebhookMetrics();
      backend.metrics().forEach(served::addSection);
      String metrics =
          served.render(dev.winfleet.core.spi.InventoryStatus.notSynced(), java.time.Instant.now());
      assertThat(metrics)
          .contains(
              "winfleet_audit_findings{namespace=\"web\",rule=\"no-compatible-node\","
                  + "severity=\"error\"} 1")
          .contains("winfleet_audit_report_writes_total{result=\"written\"}");
    } finally {
      backend.resources().close();
    }
  }
}
