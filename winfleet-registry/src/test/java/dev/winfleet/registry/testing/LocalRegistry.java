package dev.winfleet.registry.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real Distribution registry ({@code docker-registry}, Debian package) on a free loopback port,
 * with its config and storage under {@code target/}. Register with {@code @RegisterExtension
 * static}; it starts before the class's tests and stops after them. Foreign-layer URLs under {@code
 * https://mcr.microsoft.com/} are allowed, as the issue needs.
 */
public final class LocalRegistry implements BeforeAllCallback, AfterAllCallback {

  private static final AtomicInteger INSTANCES = new AtomicInteger();

  private final String name;
  private final Function<Path, String> authConfig;
  private final Function<String, Optional<String>> pushAuth;
  private Process process;
  private int port;
  private Path dir;

  private LocalRegistry(
      String name, Function<Path, String> authConfig, Function<String, Optional<String>> pushAuth) {
    this.name = name;
    this.authConfig = authConfig;
    this.pushAuth = pushAuth;
  }

  /** No authentication. */
  public static LocalRegistry anonymous() {
    return new LocalRegistry("anonymous", dir -> "", repo -> Optional.empty());
  }

  /** htpasswd Basic authentication with one user (bcrypt, generated in Java). */
  public static LocalRegistry withBasicAuth(String user, String password) {
    return new LocalRegistry(
        "basic",
        dir -> {
          Path htpasswd = dir.resolve("htpasswd");
          write(htpasswd, Htpasswd.line(user, password) + "\n");
          return "auth:\n  htpasswd:\n    realm: winfleet-test\n    path: " + htpasswd + "\n";
        },
        repo -> Optional.of(Htpasswd.basicHeader(user, password)));
  }

  /** Distribution's token authentication against a token server started by the test. */
  public static LocalRegistry withTokenAuth(TokenServer tokens) {
    return withTokenAuth(tokens, null);
  }

  /**
   * Token authentication whose challenge names the given realm (for realm-policy tests); null for
   * the token server's own.
   */
  public static LocalRegistry withTokenAuth(TokenServer tokens, String realm) {
    return new LocalRegistry(
        "token",
        dir -> {
          Path bundle = dir.resolve("token-root.pem");
          write(bundle, tokens.certificatePem());
          return "auth:\n  token:\n    realm: "
              + (realm == null ? tokens.realm() : realm)
              + "\n    service: "
              + TokenServer.SERVICE
              + "\n    issuer: "
              + TokenServer.ISSUER
              + "\n    rootcertbundle: "
              + bundle
              + "\n";
        },
        repo -> Optional.of("Bearer " + tokens.issue(repo, List.of("pull", "push"))));
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    stop();
  }

  public void start() throws IOException, InterruptedException {
    Path binary = RequiredBinary.find("docker-registry", "docker-registry");
    port = freePort();
    dir =
        Path.of(System.getProperty("basedir", "."), "target", "registries")
            .resolve(name + "-" + ProcessHandle.current().pid() + "-" + INSTANCES.incrementAndGet())
            .toAbsolutePath();
    Files.createDirectories(dir.resolve("storage"));
    String config =
        "version: 0.1\n"
            + "log:\n  level: warn\n  accesslog:\n    disabled: true\n"
            + "storage:\n  filesystem:\n    rootdirectory: "
            + dir.resolve("storage")
            + "\n  delete:\n    enabled: true\n"
            + "http:\n  addr: 127.0.0.1:"
            + port
            + "\n  secret: winfleet-test-secret\n"
            + "validation:\n  manifests:\n    urls:\n      allow:\n        - '^https://mcr\\.microsoft\\.com/'\n"
            + authConfig.apply(dir);
    Path configFile = dir.resolve("config.yml");
    write(configFile, config);
    Path log = dir.resolve("registry.log");
    process =
        new ProcessBuilder(binary.toString(), "serve", configFile.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    waitUntilUp(log);
  }

  private void waitUntilUp(Path log) throws IOException, InterruptedException {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (System.nanoTime() < until) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "docker-registry exited with " + process.exitValue() + ": " + Files.readString(log));
      }
      try {
        HttpResponse<Void> r =
            client.send(
                HttpRequest.newBuilder(URI.create(url() + "/v2/")).build(),
                HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() == 200 || r.statusCode() == 401) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(50);
    }
    stop();
    throw new IllegalStateException(
        "docker-registry did not answer on " + host() + " within 15 s: " + Files.readString(log));
  }

  public void stop() {
    if (process != null && process.isAlive()) {
      process.destroy();
      try {
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** {@code 127.0.0.1:PORT}, as image references name it. */
  public String host() {
    return "127.0.0.1:" + port;
  }

  public String url() {
    return "http://" + host();
  }

  /** Pushes blobs and manifests through the registry's HTTP API. */
  public ImagePusher pusher() {
    return new ImagePusher(url(), pushAuth);
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static void write(Path file, String content) {
    try {
      Files.writeString(file, content);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
