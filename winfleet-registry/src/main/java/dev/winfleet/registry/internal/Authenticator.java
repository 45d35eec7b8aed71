package dev.winfleet.registry.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.winfleet.registry.api.ErrorKind;
import dev.winfleet.registry.api.InspectorConfig;
import dev.winfleet.registry.api.RegistryCredential;
import dev.winfleet.registry.api.RegistryException;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Answers registry challenges: Basic with the registry's credentials, Bearer with a token from the
 * challenge's realm (distribution's token spec), cached until it expires. Remembers each registry's
 * challenge so that later calls present credentials at once instead of after a 401.
 */
final class Authenticator {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final long TOKEN_BODY_LIMIT = 1024 * 1024;
  private static final Duration DEFAULT_TOKEN_LIFETIME = Duration.ofSeconds(60);

  record TokenKey(String registry, String scope, RegistryCredential credential) {}

  record Token(String value, Instant expiresAt) {}

  private final InspectorConfig config;
  private final HttpTransport transport;
  private final Stats stats;
  private final Map<String, Challenge> challenges = new ConcurrentHashMap<>();
  private final Map<TokenKey, Token> tokens = new ConcurrentHashMap<>();
  private final Map<TokenKey, Object> locks = new ConcurrentHashMap<>();

  Authenticator(InspectorConfig config, HttpTransport transport, Stats stats) {
    this.config = config;
    this.transport = transport;
    this.stats = stats;
  }

  /**
   * The Authorization header for a pull of {@code repository}, if the registry is known to want
   * one; empty when the registry has not challenged yet (try anonymously first).
   */
  Optional<String> authorization(
      String registry, String repository, RegistryCredential credential, Deadline deadline) {
    Challenge challenge = challenges.get(registry);
    if (challenge == null) {
      return Optional.empty();
    }
    return answer(registry, repository, challenge, credential, deadline);
  }

  /**
   * After a 401: reads the challenge, forgets a rejected token, and returns the header to retry
   * with.
   *
   * @throws RegistryException {@link ErrorKind#UNAUTHORIZED} when there is nothing better to send
   */
  String onUnauthorized(
      String registry,
      String repository,
      HttpResult response,
      String rejectedHeader,
      RegistryCredential credential,
      Deadline deadline) {
    List<Challenge> all =
        WwwAuthenticate.parseAll(response.headers().allValues("WWW-Authenticate"));
    Challenge chosen =
        all.stream()
            .filter(Challenge::isBearer)
            .findFirst()
            .or(() -> all.stream().filter(Challenge::isBasic).findFirst())
            .orElseThrow(
                () ->
                    new RegistryException(
                        ErrorKind.UNAUTHORIZED,
                        registry,
                        "registry "
                            + registry
                            + " answered 401 without a Bearer or Basic challenge"
                            + (all.isEmpty() ? "" : " (schemes: " + schemes(all) + ")")));
    challenges.put(registry, chosen);
    if (chosen.isBearer()) {
      tokens.remove(new TokenKey(registry, scope(repository, chosen), credential));
    }
    Optional<String> header = answer(registry, repository, chosen, credential, deadline);
    if (header.isEmpty() || header.get().equals(rejectedHeader)) {
      throw unauthorized(registry, repository, credential);
    }
    return header.get();
  }

  static RegistryException unauthorized(
      String registry, String repository, RegistryCredential credential) {
    if (credential == null) {
      return new RegistryException(
          ErrorKind.UNAUTHORIZED,
          registry,
          "registry "
              + registry
              + " wants credentials to pull "
              + repository
              + " and none were given for it (docker login "
              + registry
              + ", or an image pull secret); or the repository does not exist");
    }
    return new RegistryException(
        ErrorKind.UNAUTHORIZED,
        registry,
        "registry "
            + registry
            + " rejected the credentials for "
            + repository
            + " ("
            + credential
            + "); check them, and that the repository exists");
  }

  private Optional<String> answer(
      String registry,
      String repository,
      Challenge challenge,
      RegistryCredential credential,
      Deadline deadline) {
    if (challenge.isBasic()) {
      if (credential == null || !credential.hasPassword()) {
        return Optional.empty();
      }
      return Optional.of(basic(credential));
    }
    if (credential != null && credential.registryToken() != null) {
      return Optional.of("Bearer " + credential.registryToken());
    }
    TokenKey key = new TokenKey(registry, scope(repository, challenge), credential);
    Token token = freshToken(key);
    if (token == null) {
      synchronized (locks.computeIfAbsent(key, k -> new Object())) {
        token = freshToken(key);
        if (token == null) {
          token = fetchToken(key, challenge, credential, deadline);
          tokens.put(key, token);
        }
      }
    }
    return Optional.of("Bearer " + token.value());
  }

  private Token freshToken(TokenKey key) {
    Token t = tokens.get(key);
    if (t != null && config.clock().instant().isBefore(t.expiresAt())) {
      stats.cacheHits.increment();
      return t;
    }
    return null;
  }

  private Token fetchToken(
      TokenKey key, Challenge challenge, RegistryCredential credential, Deadline deadline) {
    String registry = key.registry();
    URI realm = checkedRealm(registry, challenge.param("realm"));
    Map<String, String> query = new LinkedHashMap<>();
    String service = challenge.param("service");
    if (service != null) {
      query.put("service", service);
    }
    query.put("scope", key.scope());
    Map<String, String> headers = new LinkedHashMap<>();
    HttpTransport.Request request;
    if (credential != null && credential.identityToken() != null) {
      // OAuth2 refresh-token grant, as docker does with an identity token.
      Map<String, String> form = new LinkedHashMap<>(query);
      form.put("grant_type", "refresh_token");
      form.put("refresh_token", credential.identityToken());
      form.put("client_id", "winfleet");
      headers.put("Content-Type", "application/x-www-form-urlencoded");
      request =
          new HttpTransport.Request(
              "POST",
              realm,
              headers,
              registry,
              TOKEN_BODY_LIMIT,
              encode(form).getBytes(StandardCharsets.UTF_8));
    } else {
      query.put("client_id", "winfleet");
      if (credential != null && credential.hasPassword()) {
        headers.put("Authorization", basic(credential));
      }
      request =
          new HttpTransport.Request(
              "GET", withQuery(realm, encode(query)), headers, registry, TOKEN_BODY_LIMIT, null);
    }
    stats.tokenRequests.increment();
    HttpResult result = transport.send(request, deadline);
    if (result.status() == 401 || result.status() == 403) {
      throw unauthorized(registry, key.scope(), credential);
    }
    if (result.status() != 200) {
      throw new RegistryException(
          result.status() == 429 ? ErrorKind.RATE_LIMITED : ErrorKind.REGISTRY_ERROR,
          registry,
          "token service " + realm + " answered HTTP " + result.status());
    }
    try {
      JsonNode json = MAPPER.readTree(result.body());
      String token = json.path("token").asText("");
      if (token.isEmpty()) {
        token = json.path("access_token").asText("");
      }
      if (token.isEmpty()) {
        throw new RegistryException(
            ErrorKind.INVALID_RESPONSE, registry, "token service " + realm + " returned no token");
      }
      long expiresIn = json.path("expires_in").asLong(0);
      Duration lifetime = expiresIn > 0 ? Duration.ofSeconds(expiresIn) : DEFAULT_TOKEN_LIFETIME;
      // Renew a little early so that a token does not expire on its way to the registry.
      Duration margin =
          lifetime.dividedBy(10).compareTo(Duration.ofSeconds(10)) < 0
              ? lifetime.dividedBy(10)
              : Duration.ofSeconds(10);
      return new Token(token, config.clock().instant().plus(lifetime).minus(margin));
    } catch (IOException e) {
      throw new RegistryException(
          ErrorKind.INVALID_RESPONSE,
          registry,
          "token service " + realm + " returned invalid JSON",
          e);
    }
  }

  /**
   * The realm is where the registry sends us with credentials: it must be https, or plain http on
   * the registry's own host when that registry is insecure; never a forbidden address.
   */
  URI checkedRealm(String registry, String realmText) {
    if (realmText == null || realmText.isBlank()) {
      throw new RegistryException(
          ErrorKind.INVALID_RESPONSE,
          registry,
          "registry " + registry + " sent a Bearer challenge without a realm");
    }
    URI realm;
    try {
      realm = new URI(realmText.trim());
    } catch (URISyntaxException e) {
      throw new RegistryException(
          ErrorKind.INVALID_RESPONSE,
          registry,
          "registry " + registry + " sent an invalid token realm '" + realmText + "'");
    }
    String scheme = realm.getScheme() == null ? "" : realm.getScheme().toLowerCase(Locale.ROOT);
    if (realm.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
      throw new RegistryException(
          ErrorKind.BLOCKED,
          registry,
          "registry "
              + registry
              + " sent token realm '"
              + realmText
              + "', which is not an https URL");
    }
    if (scheme.equals("http")) {
      boolean ownHost =
          hostOf(registry).equalsIgnoreCase(realm.getHost().replace("[", "").replace("]", ""));
      if (!config.isInsecure(registry) || !ownHost) {
        throw new RegistryException(
            ErrorKind.BLOCKED,
            registry,
            "registry "
                + registry
                + " sent plain-HTTP token realm "
                + realmText
                + "; realms must be https, or http on the registry's own host when the registry"
                + " is marked insecure");
      }
    }
    AddressPolicy.check(realm.getHost(), registry, "token realm");
    return realm;
  }

  static String hostOf(String registry) {
    if (registry.startsWith("[")) {
      return registry.substring(1, registry.indexOf(']'));
    }
    int colon = registry.lastIndexOf(':');
    return colon > 0 ? registry.substring(0, colon) : registry;
  }

  /**
   * A pull of one repository; the challenge's own scope is not reused, because a remembered
   * challenge was issued for another repository.
   */
  private static String scope(String repository, Challenge challenge) {
    return "repository:" + repository + ":pull";
  }

  private static String basic(RegistryCredential c) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((c.username() + ":" + c.password()).getBytes(StandardCharsets.UTF_8));
  }

  private static String encode(Map<String, String> params) {
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, String> e : params.entrySet()) {
      if (sb.length() > 0) {
        sb.append('&');
      }
      sb.append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8))
          .append('=')
          .append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
    }
    return sb.toString();
  }

  private static URI withQuery(URI realm, String query) {
    String s = realm.toString();
    return URI.create(s + (realm.getRawQuery() == null ? "?" : "&") + query);
  }

  private static String schemes(List<Challenge> all) {
    return String.join(", ", all.stream().map(Challenge::scheme).toList());
  }
}
