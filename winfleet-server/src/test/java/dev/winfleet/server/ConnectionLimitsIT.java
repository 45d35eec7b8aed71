package dev.winfleet.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.winfleet.core.spi.InventoryStatus;
import java.io.IOException;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17, item 4: idle TLS connections from one client do not take the webhook down. The attacker
 * connects from 127.0.0.2, the health checks from 127.0.0.1 (both loopback).
 */
class ConnectionLimitsIT {

  private static final int PER_CLIENT = 20;
  private static final int ATTACKER_CONNECTIONS = 60;

  @TempDir Path dir;

  private TlsFixture tls;
  private WebhookServer server;
  private final List<SSLSocket> sockets = new ArrayList<>();

  @BeforeEach
  void certificate() {
    tls = new TlsFixture(dir);
  }

  private void start(Duration firstRequestTimeout) {
    server =
        WebhookServer.start(
            WebhookServerConfig.of(tls.certFile, tls.keyFile)
                .withAddress("127.0.0.1", 0)
                .withThreads(1, 2)
                .withConnectionLimits(
                    new WebhookServerConfig.ConnectionLimits(
                        200,
                        PER_CLIENT,
                        Duration.ofSeconds(5),
                        firstRequestTimeout,
                        Duration.ofSeconds(60))),
            new ScriptedPolicy(),
            InventoryStatus::notSynced,
            Clock.systemUTC());
  }

  @AfterEach
  void stop() {
    for (SSLSocket s : sockets) {
      try {
        s.close();
      } catch (IOException e) {
        // closed already
      }
    }
    server.close();
  }

  /** A TLS connection from 127.0.0.2 that finishes the handshake and then sends nothing. */
  private SSLSocket idleConnection() throws IOException {
    SSLSocket s =
        (SSLSocket)
            tls.clientContext()
                .getSocketFactory()
                .createSocket(
                    InetAddress.getLoopbackAddress(),
                    server.port(),
                    InetAddress.getByName("127.0.0.2"),
                    0);
    s.startHandshake();
    sockets.add(s);
    return s;
  }

  /** Whether the server closed the connection within the wait. */
  private static boolean closedByServer(SSLSocket s, Duration wait) {
    try {
      s.setSoTimeout((int) wait.toMillis());
      return s.getInputStream().read() < 0;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true; // reset or TLS close: closed
    }
  }

  private HttpResponse<String> healthz() throws Exception {
    HttpClient client = tls.client();
    return client.send(
        HttpRequest.newBuilder(URI.create("https://localhost:" + server.port() + "/healthz"))
            .timeout(Duration.ofSeconds(10))
            .GET()
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static long counter(String metrics, String reason) {
    String prefix = "winfleet_connections_closed_total{reason=\"" + reason + "\"} ";
    return metrics
        .lines()
        .filter(l -> l.startsWith(prefix))
        .mapToLong(l -> (long) Double.parseDouble(l.substring(prefix.length()).trim()))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void oneClientsIdleConnectionsAreCappedAndHealthChecksKeepAnswering() throws Exception {
    start(Duration.ofMinutes(5));
    List<SSLSocket> mine = new ArrayList<>();
    for (int i = 0; i < ATTACKER_CONNECTIONS; i++) {
      mine.add(idleConnection());
    }
    assertThat(healthz().statusCode()).isEqualTo(200);
    int closed = 0;
    for (SSLSocket s : mine) {
      if (closedByServer(s, Duration.ofMillis(300))) {
        closed++;
      }
    }
    assertThat(closed).isEqualTo(ATTACKER_CONNECTIONS - PER_CLIENT);
    String metrics = server.metrics().render(InventoryStatus.notSynced(), Instant.now());
    assertThat(counter(metrics, "per_client")).isEqualTo(ATTACKER_CONNECTIONS - PER_CLIENT);
    assertThat(healthz().statusCode()).isEqualTo(200);
  }

  @Test
  void connectionsThatSendNoRequestAreClosedSoon() throws Exception {
    start(Duration.ofMillis(500));
    List<SSLSocket> mine = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      mine.add(idleConnection());
    }
    for (SSLSocket s : mine) {
      assertThat(closedByServer(s, Duration.ofSeconds(20))).isTrue();
    }
    assertThat(
            counter(
                server.metrics().render(InventoryStatus.notSynced(), Instant.now()), "no_request"))
        .isEqualTo(5);
    assertThat(healthz().statusCode()).isEqualTo(200);
  }
}
