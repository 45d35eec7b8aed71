package dev.winfleet.registry.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A token server for Distribution's {@code auth.token} (docs/spec/auth/token.md), over HTTPS on
 * loopback with a key pair and self-signed certificate made by the JDK's keytool. It signs RS256
 * JWTs that carry the certificate in {@code x5c}; the registry trusts that certificate through its
 * {@code rootcertbundle}. Gives tokens to one user (Basic) and to one identity (refresh) token.
 */
public final class TokenServer implements BeforeAllCallback, AfterAllCallback {

  public static final String SERVICE = "winfleet-test-registry";
  public static final String ISSUER = "winfleet-test-issuer";
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final char[] STORE_PASSWORD = "changeit".toCharArray();

  private final String user;
  private final String password;
  private final String refreshToken;
  private final AtomicInteger tokensIssued = new AtomicInteger();
  private final List<String> requests = new ArrayList<>();
  private HttpsServer server;
  private PrivateKey key;
  private X509Certificate certificate;
  private SSLContext clientContext;

  public TokenServer(String user, String password, String refreshToken) {
    this.user = user;
    this.password = password;
    this.refreshToken = refreshToken;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (server != null) {
      server.stop(0);
    }
  }

  public void start() throws Exception {
    Path dir =
        Path.of(System.getProperty("basedir", "."), "target", "token-server")
            .resolve(UUID.randomUUID().toString())
            .toAbsolutePath();
    Files.createDirectories(dir);
    Path store = dir.resolve("token.p12");
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    Process p =
        new ProcessBuilder(
                keytool.toString(),
                "-genkeypair",
                "-alias",
                "token",
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-sigalg",
                "SHA256withRSA",
                "-dname",
                "CN=127.0.0.1",
                "-ext",
                "SAN=ip:127.0.0.1,dns:localhost",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                store.toString(),
                "-storepass",
                "changeit",
                "-keypass",
                "changeit")
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException("keytool failed: " + out);
    }
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (var in = Files.newInputStream(store)) {
      ks.load(in, STORE_PASSWORD);
    }
    key = (PrivateKey) ks.getKey("token", STORE_PASSWORD);
    certificate = (X509Certificate) ks.getCertificate("token");

    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, STORE_PASSWORD);
    SSLContext serverContext = SSLContext.getInstance("TLS");
    serverContext.init(kmf.getKeyManagers(), null, null);

    KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
    trust.load(null, null);
    trust.setCertificateEntry("token", certificate);
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    clientContext = SSLContext.getInstance("TLS");
    clientContext.init(null, tmf.getTrustManagers(), null);

    server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(serverContext));
    server.createContext("/token", this::handle);
    server.start();
  }

  /** The realm URL the registry names in its challenges. */
  public String realm() {
    return "https://127.0.0.1:" + server.getAddress().getPort() + "/token";
  }

  /** A TLS context that trusts this server (for the inspector under test). */
  public SSLContext clientSslContext() {
    return clientContext;
  }

  public String certificatePem() {
    try {
      return "-----BEGIN CERTIFICATE-----\n"
          + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
              .encodeToString(certificate.getEncoded())
          + "\n-----END CERTIFICATE-----\n";
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public int tokensIssued() {
    return tokensIssued.get();
  }

  public synchronized List<String> requests() {
    return List.copyOf(requests);
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String query =
          "POST".equals(ex.getRequestMethod())
              ? new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)
              : ex.getRequestURI().getRawQuery();
      Map<String, List<String>> params = parse(query);
      synchronized (this) {
        requests.add(ex.getRequestMethod() + " " + params.keySet());
      }
      boolean allowed;
      if ("POST".equals(ex.getRequestMethod())) {
        allowed =
            "refresh_token".equals(first(params, "grant_type"))
                && refreshToken.equals(first(params, "refresh_token"));
      } else {
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        allowed = Htpasswd.basicHeader(user, password).equals(auth);
      }
      if (!allowed || !SERVICE.equals(first(params, "service"))) {
        ex.sendResponseHeaders(401, -1);
        return;
      }
      List<String> repos = new ArrayList<>();
      for (String scope : params.getOrDefault("scope", List.of())) {
        for (String s : scope.split(" ")) {
          String[] parts = s.split(":");
          if (parts.length == 3 && parts[0].equals("repository")) {
            repos.add(parts[1]);
          }
        }
      }
      String token = issue(repos, List.of("pull"));
      ObjectNode body = MAPPER.createObjectNode();
      body.put("POST".equals(ex.getRequestMethod()) ? "access_token" : "token", token);
      body.put("expires_in", 300);
      body.put("issued_at", Instant.now().toString());
      byte[] bytes = MAPPER.writeValueAsBytes(body);
      ex.getResponseHeaders().add("Content-Type", "application/json");
      ex.sendResponseHeaders(200, bytes.length);
      ex.getResponseBody().write(bytes);
    }
  }

  /** A signed token for one repository and actions (also used by the test pusher). */
  public String issue(String repo, List<String> actions) {
    return issue(List.of(repo), actions);
  }

  private String issue(List<String> repos, List<String> actions) {
    tokensIssued.incrementAndGet();
    try {
      ObjectNode header = MAPPER.createObjectNode();
      header.put("typ", "JWT");
      header.put("alg", "RS256");
      header.putArray("x5c").add(Base64.getEncoder().encodeToString(certificate.getEncoded()));
      long now = Instant.now().getEpochSecond();
      ObjectNode claims = MAPPER.createObjectNode();
      claims.put("iss", ISSUER);
      claims.put("sub", user);
      claims.put("aud", SERVICE);
      claims.put("exp", now + 300);
      claims.put("nbf", now - 10);
      claims.put("iat", now);
      claims.put("jti", UUID.randomUUID().toString());
      ArrayNode access = claims.putArray("access");
      for (String repo : repos) {
        ObjectNode a = access.addObject();
        a.put("type", "repository");
        a.put("name", repo);
        ArrayNode acts = a.putArray("actions");
        actions.forEach(acts::add);
      }
      Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
      String signingInput =
          b64.encodeToString(MAPPER.writeValueAsBytes(header))
              + "."
              + b64.encodeToString(MAPPER.writeValueAsBytes(claims));
      Signature sig = Signature.getInstance("SHA256withRSA");
      sig.initSign(key);
      sig.update(signingInput.getBytes(StandardCharsets.US_ASCII));
      return signingInput + "." + b64.encodeToString(sig.sign());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, List<String>> parse(String query) {
    Map<String, List<String>> m = new LinkedHashMap<>();
    if (query == null || query.isEmpty()) {
      return m;
    }
    for (String kv : query.split("&")) {
      int eq = kv.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? kv : kv.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8);
      m.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
    }
    return m;
  }

  private static String first(Map<String, List<String>> m, String k) {
    List<String> v = m.get(k);
    return v == null || v.isEmpty() ? null : v.get(0);
  }
}
