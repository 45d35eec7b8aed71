package dev.winfleet.cli;

import dev.winfleet.core.fleet.Fleet;
import dev.winfleet.core.fleet.FleetNode;
import dev.winfleet.core.rules.RulesEngine;
import dev.winfleet.server.ExercisePolicy;
import dev.winfleet.server.ServerStartException;
import dev.winfleet.server.WebhookServer;
import dev.winfleet.server.WebhookServerConfig;
import dev.winfleet.server.api.FleetInventory;
import dev.winfleet.server.api.InventoryStatus;
import dev.winfleet.server.api.NodeGroup;
import dev.winfleet.server.dashboard.DashboardModel;
import dev.winfleet.server.dashboard.DashboardRoutes;
import dev.winfleet.server.dashboard.UpgradeSimulator;
import dev.winfleet.server.tls.CertificateAuthority;
import dev.winfleet.server.tls.IssuedCertificate;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    Fleet fleet = DemoData.fleet();
    DashboardModel model =
        DashboardModel.build(fleet, DemoData.workloads(), DemoData.images(), RulesEngine.builtIn());
    Path dir = certificateFiles(clock);
    WebhookServerConfig config =
        WebhookServerConfig.of(dir.resolve("tls.crt"), dir.resolve("tls.key"))
            .withAddress(host, port)
            .withThreads(1, 2);
    // The admission policy seam runs the stand-in policy until the rules engine is wired into
    // the webhook; the dashboard's data comes from the core engines either way.
    FleetInventory inventory =
        FleetInventory.fixed(InventoryStatus.synced(clock.instant(), nodeGroups(fleet)));
    WebhookServer server;
    try {
      server =
          WebhookServer.start(
              config,
              new ExercisePolicy(),
              inventory,
              clock,
              DashboardRoutes.of(() -> model, UpgradeSimulator.builtIn()));
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

  /** The dashboard's address: {@code https://localhost:8443/ui/}. */
  String dashboardUrl() {
    String name = host.equals("127.0.0.1") || host.equals("0.0.0.0") ? "localhost" : host;
    return "https://" + name + ":" + port() + "/ui/";
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

  private static List<NodeGroup> nodeGroups(Fleet fleet) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (FleetNode n : fleet.nodes()) {
      String os = n.os() == null ? "unknown" : n.os().label();
      String build = n.windowsVersion() == null ? "" : n.windowsVersion().buildString();
      counts.merge(os + "|" + build, 1, Integer::sum);
    }
    List<NodeGroup> groups = new ArrayList<>();
    counts.forEach(
        (k, v) ->
            groups.add(
                new NodeGroup(k.substring(0, k.indexOf('|')), k.substring(k.indexOf('|') + 1), v)));
    return groups;
  }

  private static void deleteQuietly(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary directory; the OS cleans it eventually
    }
  }
}
