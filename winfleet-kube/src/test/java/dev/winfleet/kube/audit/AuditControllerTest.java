package dev.winfleet.kube.audit;

import static dev.winfleet.kube.audit.AuditHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.winfleet.core.report.PolicyReports;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The audit against fabric8's mock API server in CRUD mode: workloads are created, a node is
 * upgraded from Windows Server 2019 to 2022 and deleted, and the PolicyReports, Events and metrics
 * follow; only the leader writes; an update conflict is retried; reports stay under the limit.
 */
@EnableKubernetesMockClient(crud = true)
class AuditControllerTest {

  KubernetesMockServer server;
  KubernetesClient client;
  private final List<AutoCloseable> started = new ArrayList<>();

  static final String LTSC2019 =
      "mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2019";

  @BeforeEach
  void crds() {
    server.expectCustomResource(
        new CustomResourceDefinitionContext.Builder()
            .withGroup("wgpolicyk8s.io")
            .withVersion("v1alpha2")
            .withKind("PolicyReport")
            .withPlural("policyreports")
            .withScope("Namespaced")
            .build());
  }

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable c : started) {
      c.close();
    }
  }

  private AuditHarness replica(KubernetesClient c, String identity, PolicyReports.Limits limits) {
    AuditHarness h = new AuditHarness(c, identity, limits);
    started.add(h);
    return h;
  }

  static Node windows(String name, String kernel) {
    String build = kernel.substring(0, kernel.lastIndexOf('.'));
    return new NodeBuilder()
        .withNewMetadata()
        .withName(name)
        .withLabels(
            Map.of(
                "kubernetes.io/os", "windows",
                "kubernetes.io/arch", "amd64",
                "node.kubernetes.io/windows-build", build))
        .endMetadata()
        .withNewSpec()
        .addNewTaint()
        .withKey("os")
        .withValue("windows")
        .withEffect("NoSchedule")
        .endTaint()
        .endSpec()
        .withNewStatus()
        .withNewNodeInfo()
        .withOperatingSystem("windows")
        .withArchitecture("amd64")
        .withKernelVersion(kernel)
        .withKubeletVersion("v1.30.4")
        .endNodeInfo()
        .endStatus()
        .build();
  }

  static Node linux(String name) {
    return new NodeBuilder()
        .withNewMetadata()
        .withName(name)
        .withLabels(Map.of("kubernetes.io/os", "linux", "kubernetes.io/arch", "amd64"))
        .endMetadata()
        .withNewStatus()
        .withNewNodeInfo()
        .withOperatingSystem("linux")
        .withArchitecture("amd64")
        .withKubeletVersion("v1.30.4")
        .endNodeInfo()
        .endStatus()
        .build();
  }

  /** A Windows pod spec that runs on Windows Server 2019 nodes and passes the other rules. */
  static String podSpec(String indent, String image) {
    return ("""
        nodeSelector: {kubernetes.io/os: windows, node.kubernetes.io/windows-build: "10.0.17763"}
        os: {name: windows}
        tolerations: [{key: os, operator: Equal, value: windows, effect: NoSchedule}]
        containers:
        - name: app
          image: %s
          resources: {limits: {cpu: "1", memory: 1Gi}, requests: {cpu: "1", memory: 1Gi}}
        """)
        .formatted(image)
        .indent(indent.length());
  }

  static HasMetadata deployment(String ns, String name, String image) {
    return Serialization.unmarshal(
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: %s, namespace: %s}
        spec:
          selector: {matchLabels: {app: %s}}
          template:
            metadata: {labels: {app: %s}}
            spec:
        %s"""
            .formatted(name, ns, name, name, podSpec("      ", image)));
  }

  static HasMetadata pod(String ns, String name, String image, String ownerKind, String owner) {
    String owners =
        ownerKind == null
            ? ""
            : "  ownerReferences: [{apiVersion: apps/v1, kind: %s, name: %s, uid: u-%s, controller: true}]\n"
                .formatted(ownerKind, owner, owner);
    return Serialization.unmarshal(
        """
        apiVersion: v1
        kind: Pod
        metadata:
          name: %s
          namespace: %s
        %sspec:
        %s"""
            .formatted(name, ns, owners, podSpec("  ", image)));
  }

  private JsonNode report(String ns, String name) {
    GenericKubernetesResource r =
        client
            .genericKubernetesResources(ReportWriter.POLICY_REPORTS)
            .inNamespace(ns)
            .withName(name)
            .get();
    return r == null ? null : Serialization.jsonMapper().valueToTree(r);
  }

  private static List<String> results(JsonNode report, String policy) {
    List<String> out = new ArrayList<>();
    if (report == null) {
      return out;
    }
    for (JsonNode r : report.path("results")) {
      if (r.path("policy").asText().equals(policy)) {
        out.add(
            r.path("result").asText()
                + " "
                + r.path("resources").get(0).path("kind").asText()
                + "/"
                + r.path("resources").get(0).path("name").asText());
      }
    }
    out.sort(null);
    return out;
  }

  @Test
  void reportsEventsAndMetricsFollowWorkloadsAndANodeUpgradeAndDeletion() throws Exception {
    client.nodes().resource(linux("lin-1")).create();
    client.nodes().resource(windows("win-a", "10.0.17763.6414")).create();
    client.resource(deployment("web", "iis", LTSC2019)).create();
    // The Deployment's pod, owned through a ReplicaSet: judged through the Deployment only.
    client.resource(pod("web", "iis-5d4f-abcde", LTSC2019, "ReplicaSet", "iis-5d4f")).create();
    // A bare pod: judged itself.
    client.resource(pod("web", "debug", LTSC2019, null, null)).create();
    AuditHarness a = replica(client, "replica-a", PolicyReports.Limits.DEFAULT);

    await("the first report", () -> report("web", "winfleet") != null);
    assertThat(a.audit.status().synced()).isTrue();
    assertThat(a.audit.objects())
        .extracting(o -> o.object().kind() + "/" + o.object().name())
        .containsExactly("Deployment/iis", "Pod/debug");
    assertThat(results(report("web", "winfleet"), "no-compatible-node")).isEmpty();

    // win-a is upgraded to Windows Server 2022: nothing runs the 2019 image any more.
    client.nodes().resource(windows("win-a", "10.0.20348.2762")).update();
    await(
        "the report after the upgrade",
        () ->
            results(report("web", "winfleet"), "no-compatible-node")
                .equals(List.of("fail Deployment/iis", "fail Pod/debug")));
    JsonNode upgraded = report("web", "winfleet");
    assertThat(upgraded.path("summary").path("fail").asInt()).isGreaterThanOrEqualTo(2);
    await(
        "the events",
        () ->
            client.v1().events().inNamespace("web").list().getItems().stream()
                    .filter(e -> e.getReason().equals("NoCompatibleNode"))
                    .count()
                >= 2);
    List<Event> events = client.v1().events().inNamespace("web").list().getItems();
    assertThat(events)
        .filteredOn(e -> e.getReason().equals("NoCompatibleNode"))
        .extracting(e -> e.getInvolvedObject().getKind() + "/" + e.getInvolvedObject().getName())
        .containsExactlyInAnyOrder("Deployment/iis", "Pod/debug");
    assertThat(events).allSatisfy(e -> assertThat(e.getType()).isEqualTo("Warning"));
    assertThat(events.get(0).getMessage()).contains("Fix:");
    assertThat(
            a.audit
                .metrics()
                .value(
                    "winfleet_audit_findings",
                    "namespace",
                    "web",
                    "rule",
                    "no-compatible-node",
                    "severity",
                    "error"))
        .isEqualTo(2);
    assertThat(a.audit.metrics().value("winfleet_audit_leader")).isEqualTo(1);
    assertThat(a.audit.metrics().value("winfleet_audit_objects")).isEqualTo(2);

    // The Deployment goes: its results leave the report and the gauge.
    client.apps().deployments().inNamespace("web").withName("iis").delete();
    await(
        "the report without iis",
        () ->
            results(report("web", "winfleet"), "no-compatible-node")
                .equals(List.of("fail Pod/debug")));

    // The node goes; the Windows pod still has nowhere to run, and no second event is sent.
    int eventsBefore = client.v1().events().inNamespace("web").list().getItems().size();
    client.nodes().withName("win-a").delete();
    await("win-a gone", () -> !a.fleet.fleet().hasWindowsNodes());
    await("a pass after the deletion", () -> a.audit.store().lastEvaluation() != null);
    Thread.sleep(500);
    assertThat(results(report("web", "winfleet"), "no-compatible-node"))
        .containsExactly("fail Pod/debug");
    assertThat(client.v1().events().inNamespace("web").list().getItems()).hasSize(eventsBefore);
    assertThat(
            a.audit
                .metrics()
                .value(
                    "winfleet_audit_findings",
                    "namespace",
                    "web",
                    "rule",
                    "no-compatible-node",
                    "severity",
                    "error"))
        .isEqualTo(1);
  }

  @Test
  void onlyTheLeaderWritesAndAnotherTakesOverWhenItStops() throws Exception {
    client.nodes().resource(windows("win-a", "10.0.20348.2762")).create();
    client.resource(pod("shop", "cart", LTSC2019, null, null)).create();
    KubernetesClient other = server.createClient();
    started.add(other);
    AuditHarness a = replica(client, "replica-a", PolicyReports.Limits.DEFAULT);
    AuditHarness b = replica(other, "replica-b", PolicyReports.Limits.DEFAULT);

    await("a report", () -> report("shop", "winfleet") != null);
    await("both judged", () -> a.audit.status().synced() && b.audit.status().synced());
    // Exactly one leads (not a snapshot after a pause, which could fall between two terms).
    await("one leader", () -> a.writer.isLeader() != b.writer.isLeader());
    AuditHarness leader = a.writer.isLeader() ? a : b;
    AuditHarness follower = leader == a ? b : a;
    assertThat(follower.writer.isLeader()).isFalse();
    assertThat(leader.writer.writes()).isPositive();
    assertThat(follower.writer.writes()).isZero();
    assertThat(follower.audit.status().findings()).isEqualTo(leader.audit.status().findings());

    leader.close();
    started.remove(leader);
    await("the follower leads", follower.writer::isLeader);
    client.resource(pod("shop", "till", LTSC2019, null, null)).create();
    await(
        "the new leader's report",
        () ->
            results(report("shop", "winfleet"), "no-compatible-node")
                .equals(List.of("fail Pod/cart", "fail Pod/till")));
    assertThat(follower.writer.writes()).isPositive();
  }

  /**
   * A leader whose lease someone else holds stops leading; once the lease is free again it stands
   * and leads again. (fabric8's LeaderElector may be started only once: standing again needs a new
   * one, or the replica never leads again after losing a single renewal.)
   */
  @Test
  void aReplicaThatLostTheLeaseStandsAgainAndLeads() throws Exception {
    AuditHarness a = replica(client, "replica-a", PolicyReports.Limits.DEFAULT);
    await("leading", a.writer::isLeader);

    // Another holder takes the lease, as a replica that found it expired would.
    await(
        "replica-a sees the lease taken",
        () -> {
          setLeaseHolder("intruder");
          return !a.writer.isLeader();
        });
    // The other holder gives the lease up (as fabric8 does on release: no holder).
    setLeaseHolder("");
    await("replica-a leads again", a.writer::isLeader);
  }

  private void setLeaseHolder(String holder) {
    client
        .leases()
        .inNamespace("winfleet")
        .withName("winfleet-audit")
        .edit(
            l -> {
              l.getSpec().setHolderIdentity(holder);
              l.getSpec().setRenewTime(java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC));
              return l;
            });
  }

  @Test
  void withoutThePolicyReportCrdTheAuditStillJudgesAndCountsTheFailedWrites() throws Exception {
    // As an API server without the CRD answers: 404 for the resource.
    server
        .expect()
        .post()
        .withPath("/apis/wgpolicyk8s.io/v1alpha2/namespaces/shop/policyreports")
        .andReturn(
            404,
            "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\","
                + "\"reason\":\"NotFound\",\"code\":404}")
        .always();
    client.nodes().resource(windows("win-a", "10.0.20348.2762")).create();
    client.resource(pod("shop", "cart", LTSC2019, null, null)).create();
    AuditHarness a = replica(client, "replica-a", PolicyReports.Limits.DEFAULT);
    await("leading and judged", () -> a.writer.isLeader() && a.audit.status().findings() > 0);
    String writes = "winfleet_audit_report_writes_total";
    await("a failed write", () -> a.writer.metrics().value(writes, "result", "failed") > 0);
    assertThat(a.writer.metrics().value(writes, "result", "written")).isZero();
    assertThat(a.writer.metrics().value(writes, "result", "conflict")).isZero();
    assertThat(
            a.audit
                .metrics()
                .value(
                    "winfleet_audit_findings",
                    "namespace",
                    "shop",
                    "rule",
                    "no-compatible-node",
                    "severity",
                    "error"))
        .isEqualTo(1);
  }

  @Test
  void anUpdateConflictIsRetried() throws Exception {
    client.nodes().resource(windows("win-a", "10.0.20348.2762")).create();
    client.resource(pod("shop", "cart", LTSC2019, null, null)).create();
    AuditHarness a = replica(client, "replica-a", PolicyReports.Limits.DEFAULT);
    await("a report", () -> report("shop", "winfleet") != null);
    await("leading", a.writer::isLeader);

    // Someone else changes the report: the writer's resourceVersion is now stale.
    GenericKubernetesResource r =
        client
            .genericKubernetesResources(ReportWriter.POLICY_REPORTS)
            .inNamespace("shop")
            .withName("winfleet")
            .get();
    r.getMetadata().getLabels().put("touched-by", "kubectl");
    client
        .genericKubernetesResources(ReportWriter.POLICY_REPORTS)
        .inNamespace("shop")
        .resource(r)
        .update();

    client.resource(pod("shop", "till", LTSC2019, null, null)).create();
    await(
        "the report with till",
        () ->
            results(report("shop", "winfleet"), "no-compatible-node")
                .equals(List.of("fail Pod/cart", "fail Pod/till")));
    assertThat(a.writer.conflicts()).isPositive();
  }

  @Test
  void aNamespaceWithManyFindingsIsSplitAndTruncatedUnderTheLimit() throws Exception {
    client.nodes().resource(windows("win-a", "10.0.20348.2762")).create();
    for (int i = 0; i < 40; i++) {
      client.resource(pod("batch", "job-" + i, LTSC2019, null, null)).create();
    }
    PolicyReports.Limits limits = new PolicyReports.Limits(8 * 1024, 2);
    replica(client, "replica-a", limits);

    await("two parts", () -> report("batch", "winfleet-2") != null);
    await(
        "all 40 judged",
        () -> {
          JsonNode last = report("batch", "winfleet-2").path("results");
          return last.get(last.size() - 1).path("policy").asText().equals("report-truncated");
        });
    for (String name : List.of("winfleet", "winfleet-2")) {
      GenericKubernetesResource r =
          client
              .genericKubernetesResources(ReportWriter.POLICY_REPORTS)
              .inNamespace("batch")
              .withName(name)
              .get();
      r.getMetadata().setResourceVersion(null);
      r.getMetadata().setCreationTimestamp(null);
      r.getMetadata().setUid(null);
      r.getMetadata().setGeneration(null);
      assertThat(PolicyReports.jsonBytes(r)).isLessThanOrEqualTo(limits.maxBytes());
    }
    assertThat(report("batch", "winfleet-3")).isNull();
  }
}
