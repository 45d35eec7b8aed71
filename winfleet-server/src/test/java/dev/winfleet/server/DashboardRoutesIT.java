package dev.winfleet.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.winfleet.core.fleet.FleetObjects;
import dev.winfleet.core.image.ImageMetadataSource;
import dev.winfleet.core.manifest.ManifestReader;
import dev.winfleet.core.rules.RulesEngine;
import dev.winfleet.core.spi.BearerTokenReviewer;
import dev.winfleet.core.spi.BearerTokenReviewer.Outcome;
import dev.winfleet.core.spi.FleetInventory;
import dev.winfleet.core.spi.InventoryStatus;
import dev.winfleet.server.api.AdmissionPolicy;
import dev.winfleet.server.dashboard.DashboardModel;
import dev.winfleet.server.dashboard.DashboardRoutes;
import dev.winfleet.server.dashboard.ReviewedRoutes;
import dev.winfleet.server.dashboard.UpgradeSimulator;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard on the real HTTPS webhook server: on a listener of its own, apart from the
 * webhook's endpoints (issue 17, item 8).
 */
class DashboardRoutesIT {

  @TempDir Path dir;

  private WebhookServer server;
  private HttpClient client;

  private TlsFixture tls;

  @BeforeEach
  void start() throws IOException {
    tls = new TlsFixture(dir);
    client = tls.client();
    DashboardModel model =
        DashboardModel.build(
            FleetObjects.fromObjects(
                ManifestReader.defaults().read("fleet.yaml", resource("fleet.yaml")).objects()),
            List.of(ManifestReader.defaults().read("workloads.yaml", resource("workloads.yaml"))),
            ImageMetadataSource.tagHints(),
            RulesEngine.builtIn());
    Clock clock = Clock.systemUTC();
    server =
        WebhookServer.start(
            WebhookServerConfig.of(tls.certFile, tls.keyFile)
                .withAddress("127.0.0.1", 0)
                .withDashboard(new WebhookServerConfig.Dashboard("127.0.0.1", 0, null))
                .withThreads(1, 2),
            AdmissionPolicy.allowAll(),
            FleetInventory.fixed(InventoryStatus.synced(clock.instant(), List.of())),
            clock,
            DashboardRoutes.of(() -> model, UpgradeSimulator.builtIn()));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static String resource(String name) throws IOException {
    try (InputStream in =
        DashboardRoutesIT.class.getResourceAsStream("/dev/winfleet/server/dashboard/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private HttpResponse<String> send(String method, String path) throws Exception {
    return send(server.dashboardPort(), method, path);
  }

  private HttpResponse<String> send(int port, String method, String path) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("https://localhost:" + port + path))
            .method(method, HttpRequest.BodyPublishers.noBody())
            .build();
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void servesThePageWithAStrictContentSecurityPolicy() throws Exception {
    HttpResponse<String> page = send("GET", "/ui/");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("content-type")).hasValue("text/html; charset=utf-8");
    assertThat(page.headers().firstValue("content-security-policy").orElseThrow())
        .contains("default-src 'none'", "script-src 'self'", "connect-src 'self'");
    assertThat(page.body())
        .contains("<table id=\"findings-table\"", "<script src=\"vendor/chart.umd.min.js\"")
        .doesNotContain("http://", "https://");
    assertThat(send("GET", "/ui/favicon.svg").statusCode()).isEqualTo(200);
    for (String asset : List.of("dashboard.js", "dashboard.css")) {
      HttpResponse<String> file = send("GET", "/ui/" + asset);
      assertThat(file.statusCode()).as(asset).isEqualTo(200);
      assertThat(file.body()).as(asset).doesNotContain("https://", "http://");
    }
    // The vendored chart library and its licence (docs/decisions/0020-dashboard-charts.md).
    HttpResponse<String> chart = send("GET", "/ui/vendor/chart.umd.min.js");
    assertThat(chart.statusCode()).isEqualTo(200);
    assertThat(chart.headers().firstValue("content-type"))
        .hasValue("text/javascript; charset=utf-8");
    assertThat(chart.body())
        .startsWith("/*!\n * Chart.js v4.6.1")
        .doesNotContain("sourceMappingURL");
    assertThat(send("GET", "/ui/vendor/chart.js-LICENSE.md").body()).contains("MIT License");
    assertThat(send("GET", "/ui/vendor/other.js").statusCode()).isEqualTo(404);
  }

  @Test
  void theRootRedirectsToThePage() throws Exception {
    HttpResponse<String> root = send("GET", "/");
    assertThat(root.statusCode()).isEqualTo(302);
    assertThat(root.headers().firstValue("location")).hasValue("/ui/");
  }

  @Test
  void onlyTheBundledFilesAreServed() throws Exception {
    assertThat(send("GET", "/ui/../dev/winfleet/server/WebhookServer.class").statusCode())
        .isEqualTo(404);
    assertThat(send("GET", "/ui/%2e%2e/pom.xml").statusCode()).isEqualTo(404);
    assertThat(send("GET", "/ui/nothing.js").statusCode()).isEqualTo(404);
  }

  @Test
  void theApiAnswersJsonAndBadParametersAre400s() throws Exception {
    HttpResponse<String> fleet = send("GET", "/api/fleet");
    assertThat(fleet.statusCode()).isEqualTo(200);
    assertThat(fleet.headers().firstValue("content-type").orElseThrow())
        .startsWith("application/json");
    assertThat(fleet.body()).contains("\"win19-a\"");

    HttpResponse<String> bad = send("GET", "/api/simulate?nodes=lin-a&to=ltsc2022");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("\"error\":\"nodes: 'lin-a' is not a Windows node");

    HttpResponse<String> simulated =
        send("GET", "/api/simulate?nodes=win19-a,win19-b&to=Windows%20Server%202022");
    assertThat(simulated.statusCode()).isEqualTo(200);
    assertThat(simulated.body()).contains("\"status\":\"rebuild\"");
  }

  @Test
  void theApiIsReadOnly() throws Exception {
    HttpResponse<String> post = send("POST", "/api/fleet");
    assertThat(post.statusCode()).isEqualTo(405);
    assertThat(post.headers().firstValue("allow")).hasValue("GET");
  }

  @Test
  void theWebhooksEndpointsAreNotOnTheDashboardsPortNorTheDashboardOnTheWebhooks()
      throws Exception {
    assertThat(server.dashboardPort()).isNotEqualTo(server.port());
    for (String path : List.of("/mutate", "/validate", "/metrics", "/healthz")) {
      assertThat(send("POST", path).statusCode()).as(path).isEqualTo(404);
    }
    for (String path : List.of("/ui/", "/api/fleet", "/api/verdicts", "/")) {
      assertThat(send(server.port(), "GET", path).statusCode()).as(path).isEqualTo(404);
    }
    assertThat(send(server.port(), "GET", "/healthz").statusCode()).isEqualTo(200);
    assertThat(send(server.port(), "GET", "/mutate").statusCode()).isEqualTo(405);
  }

  @Test
  void withATokenTheDashboardAnswersOnlyRequestsThatCarryIt() throws Exception {
    try (WebhookServer guarded =
        WebhookServer.start(
            WebhookServerConfig.of(tls.certFile, tls.keyFile)
                .withAddress("127.0.0.1", 0)
                .withDashboard(new WebhookServerConfig.Dashboard("127.0.0.1", 0, "s3cret-token"))
                .withThreads(1, 2),
            AdmissionPolicy.allowAll(),
            FleetInventory.fixed(InventoryStatus.notSynced()),
            Clock.systemUTC(),
            DashboardRoutes.of(
                () ->
                    DashboardModel.build(
                        FleetObjects.fromObjects(List.of()),
                        List.of(),
                        ImageMetadataSource.tagHints(),
                        RulesEngine.builtIn()),
                UpgradeSimulator.builtIn()))) {
      URI uri = URI.create("https://localhost:" + guarded.dashboardPort() + "/api/verdicts");
      HttpResponse<String> none =
          client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(none.statusCode()).isEqualTo(401);
      assertThat(none.headers().firstValue("WWW-Authenticate"))
          .hasValue("Bearer realm=\"winfleet\"");
      HttpResponse<String> wrong =
          client.send(
              HttpRequest.newBuilder(uri).header("Authorization", "Bearer s3cret-tokeN").build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(wrong.statusCode()).isEqualTo(401);
      HttpResponse<String> right =
          client.send(
              HttpRequest.newBuilder(uri).header("Authorization", "Bearer s3cret-token").build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(right.statusCode()).isEqualTo(200);
    }
  }

  @Test
  void withATokenReviewerTheDashboardAnswersWhomItAllows() throws Exception {
    // A stand-in for the API server's TokenReview/SubjectAccessReview (KubeTokenReviewerTest
    // covers the real exchange): the server must hand the Authorization header to the routes.
    BearerTokenReviewer reviewer =
        token ->
            switch (token) {
              case "alice-token" -> new BearerTokenReviewer.Review(Outcome.ALLOWED, "alice", "");
              case "bob-token" -> new BearerTokenReviewer.Review(Outcome.FORBIDDEN, "bob", "no");
              default -> new BearerTokenReviewer.Review(Outcome.UNAUTHENTICATED, null, "");
            };
    try (WebhookServer guarded =
        WebhookServer.start(
            WebhookServerConfig.of(tls.certFile, tls.keyFile)
                .withAddress("127.0.0.1", 0)
                .withDashboard(new WebhookServerConfig.Dashboard("127.0.0.1", 0, null))
                .withThreads(1, 2),
            AdmissionPolicy.allowAll(),
            FleetInventory.fixed(InventoryStatus.notSynced()),
            Clock.systemUTC(),
            new ReviewedRoutes(
                DashboardRoutes.of(
                    () ->
                        DashboardModel.build(
                            FleetObjects.fromObjects(List.of()),
                            List.of(),
                            ImageMetadataSource.tagHints(),
                            RulesEngine.builtIn()),
                    UpgradeSimulator.builtIn()),
                reviewer))) {
      URI uri = URI.create("https://localhost:" + guarded.dashboardPort() + "/api/verdicts");
      HttpResponse<String> none =
          client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(none.statusCode()).isEqualTo(401);
      assertThat(none.headers().firstValue("WWW-Authenticate"))
          .hasValue("Bearer realm=\"winfleet\"");
      for (var expected : Map.of("forged", 401, "bob-token", 403, "alice-token", 200).entrySet()) {
        HttpResponse<String> answer =
            client.send(
                HttpRequest.newBuilder(uri)
                    .header("Authorization", "Bearer " + expected.getKey())
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(expected.getKey()).isEqualTo(expected.getValue());
      }
    }
  }

  @Test
  void aDashboardPortInUseLeavesTheWebhookServing() throws Exception {
    try (java.net.ServerSocket taken =
            new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
        WebhookServer webhookOnly =
            WebhookServer.start(
                WebhookServerConfig.of(tls.certFile, tls.keyFile)
                    .withAddress("127.0.0.1", 0)
                    .withDashboard(
                        new WebhookServerConfig.Dashboard("127.0.0.1", taken.getLocalPort(), null))
                    .withThreads(1, 2),
                AdmissionPolicy.allowAll(),
                FleetInventory.fixed(InventoryStatus.notSynced()),
                Clock.systemUTC(),
                DashboardRoutes.of(
                    () ->
                        DashboardModel.build(
                            FleetObjects.fromObjects(List.of()),
                            List.of(),
                            ImageMetadataSource.tagHints(),
                            RulesEngine.builtIn()),
                    UpgradeSimulator.builtIn()))) {
      assertThat(webhookOnly.dashboardPort()).isEqualTo(-1);
      assertThat(send(webhookOnly.port(), "GET", "/healthz").statusCode()).isEqualTo(200);
    }
  }
}
