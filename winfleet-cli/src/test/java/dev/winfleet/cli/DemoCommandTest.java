package dev.winfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.winfleet.core.fleet.FleetNode;
import dev.winfleet.core.rules.Finding;
import dev.winfleet.core.rules.Severity;
import dev.winfleet.server.dashboard.Workload;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;

class DemoCommandTest {

  @Test
  void startsOnAFreePortAnswersTheFleetApiAndShutsDown() throws Exception {
    RunningDemo demo = RunningDemo.start(DemoCommand.HOST, 0, Clock.systemUTC());
    int port = demo.dashboardPort();
    HttpClient client;
    try {
      assertThat(port).isPositive();
      assertThat(demo.dashboardUrl())
          .isEqualTo("https://localhost:" + demo.dashboardPort() + "/ui/");
      client = trusting(demo);
      HttpResponse<String> fleet =
          client.send(
              HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/api/fleet"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(fleet.statusCode()).isEqualTo(200);
      JsonNode body = new ObjectMapper().readTree(fleet.body());
      assertThat(body.at("/summary/nodes").asInt()).isEqualTo(9);
      assertThat(body.at("/summary/windowsBuilds").toString())
          .isEqualTo("[\"10.0.17763\",\"10.0.20348\",\"10.0.26100\"]");
    } finally {
      demo.close();
    }
    assertThat(Files.exists(demo.caCertificate())).as("certificate files deleted").isFalse();
    HttpClient after = client;
    assertThatThrownBy(
            () ->
                after.send(
                    HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/api/fleet"))
                        .timeout(Duration.ofSeconds(5))
                        .build(),
                    HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(java.io.IOException.class);
  }

  @Test
  void replaysTheExamplesThroughTheWebhookSoThatVerdictsShow() {
    try (RunningDemo demo = RunningDemo.start(DemoCommand.HOST, 0, Clock.systemUTC())) {
      int answered = DemoAdmissions.replay(demo);
      assertThat(answered).isEqualTo(2 * demo.model().workloads().size());
      assertThat(demo.server().recentVerdicts().snapshot()).hasSize(answered);
    }
  }

  @Test
  void bundlesTheSeedsExamples() {
    var model =
        dev.winfleet.server.dashboard.DashboardModel.build(
            DemoData.fleet(),
            DemoData.workloads(),
            DemoData.images(),
            dev.winfleet.core.rules.RulesEngine.builtIn());
    assertThat(model.workloads())
        .extracting(Workload::id)
        .contains(
            "web/Deployment/iis-site",
            "default/Deployment/win-server",
            "default/Pod/iis",
            "default/DaemonSet/my-daemonset");
    assertThat(model.images())
        .containsKeys(
            "iis-site",
            "mcr.microsoft.com/windows/servercore:1809-amd64",
            "microsoft/iis:windowsservercore-1709");
    // Seed 000's locally built image is known from the bundled inspect result, not its tag.
    assertThat(model.images().get("iis-site").describeOs()).isEqualTo("Windows 10.0.17763.1039");
    // Every kind of problem the demo is meant to show is found by the rules engine.
    assertThat(model.findings())
        .extracting(Finding::rule)
        .contains(
            "no-compatible-node",
            "windows-toleration-missing",
            "deprecated-os-label",
            "windows-build-unpinned",
            "mixed-os-pod",
            "windows-privileged",
            "windows-nfs-volume",
            "windows-image-latest",
            "windows-run-as-user");
  }

  @Test
  void theDemoFleetIsAMixedTaintedCluster() {
    var fleet = DemoData.fleet();
    assertThat(fleet.nodes()).filteredOn(FleetNode::isLinux).hasSize(3);
    assertThat(fleet.windowsBuilds())
        .extracting(v -> v.build())
        .containsExactly(17763, 20348, 26100);
    for (FleetNode n : fleet.windowsNodes()) {
      assertThat(n.taints())
          .as(n.name())
          .extracting(Object::toString)
          .contains("os=windows:NoSchedule");
      assertThat(n.kubeletVersion()).as(n.name()).startsWith("v1.3");
      assertThat(n.containerRuntimeVersion()).as(n.name()).startsWith("containerd://");
      assertThat(n.allocatableMemoryBytes()).as(n.name()).isPositive();
      assertThat(n.images()).as(n.name()).isNotEmpty();
    }
  }

  @Test
  void printsASummaryOfTheFindings() {
    StringWriter text = new StringWriter();
    var model =
        dev.winfleet.server.dashboard.DashboardModel.build(
            DemoData.fleet(),
            DemoData.workloads(),
            DemoData.images(),
            dev.winfleet.core.rules.RulesEngine.builtIn());
    DemoCommand.summary(new PrintWriter(text, true), model);
    List<String> lines = text.toString().lines().toList();

    long linux = model.fleet().nodes().stream().filter(FleetNode::isLinux).count();
    assertThat(lines.get(0))
        .startsWith(
            "winfleet demo: " + model.fleet().nodes().size() + " nodes (" + linux + " Linux, ")
        .endsWith("), " + model.workloads().size() + " workloads.");
    for (var build : model.fleet().windowsBuilds()) {
      long onBuild =
          model.fleet().windowsNodes().stream()
              .filter(
                  n ->
                      n.windowsVersion() != null
                          && n.windowsVersion().buildString().equals(build.buildString()))
              .count();
      assertThat(lines.get(0)).contains(onBuild + " Windows " + build.buildString());
    }
    assertThat(lines.get(1))
        .isEqualTo(
            "Findings: "
                + count(model.findings(), Severity.ERROR)
                + " errors, "
                + count(model.findings(), Severity.WARNING)
                + " warnings, "
                + count(model.findings(), Severity.INFO)
                + " info.");
    Map<String, Long> byRule =
        model.findings().stream()
            .collect(Collectors.groupingBy(Finding::rule, Collectors.counting()));
    assertThat(byRule).containsKey("no-compatible-node");
    assertThat(lines.subList(2, lines.size()))
        .containsExactlyInAnyOrderElementsOf(
            byRule.entrySet().stream().map(e -> "  " + e.getValue() + "  " + e.getKey()).toList());
  }

  private static long count(List<Finding> findings, Severity severity) {
    return findings.stream().filter(f -> f.severity() == severity).count();
  }

  @Test
  void portZeroIsAUsageError() {
    CliRun run = CliRun.of("demo", "--port", "0");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("--port 0").contains("from 1 to 65535");
  }

  @Test
  void aTakenPortIsAClearUsageError() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      CliRun run = CliRun.of("demo", "--port", String.valueOf(taken.getLocalPort()));
      assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
      assertThat(run.err())
          .contains("cannot listen on 127.0.0.1:" + taken.getLocalPort())
          .contains("choose one with --port")
          .doesNotContain("\tat ");
    }
  }

  @Test
  void aTakenDashboardPortMovesTheDashboardToAFreeOneAndTheUrlSaysWhich() throws Exception {
    // A webhook port whose next port (the dashboard's usual one) some other program holds.
    try (ServerSocket next = nextPortTaken()) {
      int port = next.getLocalPort() - 1;
      try (RunningDemo demo = RunningDemo.start(DemoCommand.HOST, port, Clock.systemUTC())) {
        assertThat(demo.port()).isEqualTo(port);
        assertThat(demo.dashboardPort()).isPositive().isNotEqualTo(next.getLocalPort());
        assertThat(demo.dashboardUrl())
            .isEqualTo("https://localhost:" + demo.dashboardPort() + "/ui/");
        HttpResponse<String> fleet =
            trusting(demo)
                .send(
                    HttpRequest.newBuilder(
                            URI.create(demo.dashboardUrl().replace("/ui/", "/api/fleet")))
                        .build(),
                    HttpResponse.BodyHandlers.ofString());
        assertThat(fleet.statusCode()).isEqualTo(200);
      }
    }
  }

  /** A socket on loopback whose port minus one is free (as far as a bind can tell). */
  private static ServerSocket nextPortTaken() throws Exception {
    for (int attempt = 0; attempt < 50; attempt++) {
      ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
      int below = s.getLocalPort() - 1;
      try (ServerSocket probe = new ServerSocket(below, 1, InetAddress.getByName("127.0.0.1"))) {
        return s;
      } catch (java.io.IOException busy) {
        s.close();
      }
    }
    throw new AssertionError("no free pair of ports found");
  }

  @Test
  void helpTeaches() {
    CliRun run = CliRun.of("demo", "--help");
    assertThat(run.out()).contains("--port", "Ctrl-C", "Exit codes", "winfleet demo --port 9443");
    assertThat(CliRun.of("--help").out()).contains("demo");
  }

  static HttpClient trusting(RunningDemo demo) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    try (InputStream in = Files.newInputStream(demo.caCertificate())) {
      trust.setCertificateEntry(
          "ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, tmf.getTrustManagers(), null);
    return HttpClient.newBuilder()
        .sslContext(context)
        .connectTimeout(Duration.ofSeconds(5))
        .build();
  }
}
