package dev.winfleet.cli;

import dev.winfleet.core.fleet.Fleet;
import dev.winfleet.core.image.InspectedImage;
import dev.winfleet.core.planning.ImageLayers;
import dev.winfleet.core.rules.RulesEngine;
import dev.winfleet.core.spi.FleetView;
import dev.winfleet.server.ServerStartException;
import dev.winfleet.server.WebhookServer;
import dev.winfleet.server.WebhookServerConfig;
import dev.winfleet.server.api.AdmissionPolicy;
import dev.winfleet.server.api.ImageLookup;
import dev.winfleet.server.api.PolicySettings;
import dev.winfleet.server.dashboard.DashboardModel;
import dev.winfleet.server.dashboard.DashboardRoutes;
import dev.winfleet.server.dashboard.UpgradeSimulator;
import dev.winfleet.server.policy.PlacementPolicy;
import dev.winfleet.server.tls.CertificateAuthority;
import dev.winfleet.server.tls.IssuedCertificate;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The demo's server while it runs: the bundled fleet and workloads checked by the rules engine, a
 * certificate made on the spot, and the webhook server with the dashboard mounted. Closing it stops
 * the server and deletes the certificate files.
 */
final class RunningDemo implements AutoCloseable {

  private final WebhookServer server;
  private final DashboardModel model;
  private final Path tlsDir;
  private final String host;

  private RunningDemo(WebhookServer server, DashboardModel model, Path tlsDir, String host) {
    this.server = server;
    this.model = model;
    this.tlsDir = tlsDir;
    this.host = host;
  }

  /**
   * Starts the demo.
   *
   * @param port 0 picks a free port (tests); the command refuses 0
   * @throws UserException when the port cannot be bound
   */
  static RunningDemo start(String host, int port, Clock clock) {
    return start(host, port, clock, List.of());
  }

  /**
   * As {@link #start(String, int, Clock)}, with layer sizes for the dashboard's pre-pull plan (the
   * demo bundles none: its saved inspect result has no layer list, and winfleet does not guess).
   */
  static RunningDemo start(String host, int port, Clock clock, List<ImageLayers> layers) {
    Fleet fleet = DemoData.fleet();
    DashboardModel model =
        DashboardModel.build(fleet, DemoData.workloads(), DemoData.images(), RulesEngine.builtIn())
            .withImageLayers(layers);
    Path dir = certificateFiles(clock);
    // The dashboard has a listener of its own, on the next port when there is one.
    int next = port == 0 || port == 65535 ? 0 : port + 1;
    WebhookServerConfig config =
        WebhookServerConfig.of(dir.resolve("tls.crt"), dir.resolve("tls.key"))
            .withAddress(host, port)
            .withDashboard(new WebhookServerConfig.Dashboard(host, next, null))
            .withThreads(1, 2);
    // The real admission policy, against the demo fleet; the demo's saved inspect result stands in
    // for the registry its images would be read from.
    FleetView view = FleetView.of(fleet, clock.instant());
    AdmissionPolicy policy =
        new PlacementPolicy(view, demoRegistry(), PolicySettings.defaults(), clock);
    WebhookServer server;
    try {
      server =
          WebhookServer.start(
              config,
              policy,
              view,
              clock,
              DashboardRoutes.of(() -> model, UpgradeSimulator.builtIn()));
      if (server.dashboardPort() < 0) {
        // The next port is taken (the server keeps the webhook without its dashboard): the demo is
        // for the dashboard, so start again with it on a port the system picks.
        server.close();
        server =
            WebhookServer.start(
                config.withDashboard(new WebhookServerConfig.Dashboard(host, 0, null)),
                policy,
                view,
                clock,
                DashboardRoutes.of(() -> model, UpgradeSimulator.builtIn()));
      }
    } catch (ServerStartException e) {
      deleteQuietly(dir);
      throw new UserException(e.getMessage());
    }
    return new RunningDemo(server, model, dir, host);
  }

  int port() {
    return server.port();
  }

  DashboardModel model() {
    return model;
  }

  WebhookServer server() {
    return server;
  }

  /** The CA certificate that signed the serving certificate, for clients that want to trust it. */
  Path caCertificate() {
    return tlsDir.resolve("ca.crt");
  }

  int dashboardPort() {
    return server.dashboardPort();
  }

  /** The dashboard's address: {@code https://localhost:8444/ui/}. */
  String dashboardUrl() {
    String name = host.equals("127.0.0.1") || host.equals("0.0.0.0") ? "localhost" : host;
    return "https://" + name + ":" + dashboardPort() + "/ui/";
  }

  @Override
  public void close() {
    server.close();
    deleteQuietly(tlsDir);
  }

  private static Path certificateFiles(Clock clock) {
    CertificateAuthority ca =
        CertificateAuthority.create("winfleet demo CA", clock.instant(), Duration.ofDays(7));
    IssuedCertificate cert =
        ca.issueServerCertificate(List.of("localhost"), clock.instant(), Duration.ofDays(7));
    try {
      Path dir =
          Files.createTempDirectory(
              "winfleet-demo-",
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      Files.writeString(dir.resolve("ca.crt"), ca.certificatePem(), StandardCharsets.US_ASCII);
      Files.writeString(dir.resolve("tls.crt"), cert.certificatePem(), StandardCharsets.US_ASCII);
      Files.writeString(dir.resolve("tls.key"), cert.privateKeyPem(), StandardCharsets.US_ASCII);
      return dir;
    } catch (IOException | UnsupportedOperationException e) {
      throw new UserException(
          "cannot write the demo's certificate to a temporary directory: " + e.getMessage());
    }
  }

  /**
   * The demo's registry: the images its saved inspect result lists. References it does not list are
   * left out of the answer, so the policy keeps what their tags say.
   */
  private static ImageLookup demoRegistry() {
    Map<String, InspectedImage> known = new LinkedHashMap<>();
    for (InspectedImage image : DemoData.inspectedImages()) {
      known.put(image.reference(), image);
    }
    return (references, namespace, pullSecrets, deadline, dryRun) ->
        references.stream().map(known::get).filter(Objects::nonNull).toList();
  }

  private static void deleteQuietly(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary directory; the OS cleans it eventually
    }
  }
}
