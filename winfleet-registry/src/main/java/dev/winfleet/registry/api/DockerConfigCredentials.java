package dev.winfleet.registry.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Credentials from Docker's {@code config.json} ({@code auths} with {@code auth}, {@code
 * username}/{@code password}, {@code identitytoken}, {@code registrytoken}; {@code credsStore} and
 * {@code credHelpers} through {@code docker-credential-*} programs) or from a Kubernetes image pull
 * secret ({@code .dockerconfigjson}, or the legacy {@code .dockercfg}).
 *
 * <p>Secrets from Kubernetes never run credential helpers: a pod's secret must not choose which
 * program the webhook runs.
 */
public final class DockerConfigCredentials implements CredentialSource {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String DOCKER_HUB_KEY = "https://index.docker.io/v1/";
  private static final long HELPER_TIMEOUT_SECONDS = 10;

  private final Map<String, RegistryCredential> auths;
  private final Map<String, String> credHelpers;
  private final String credsStore;
  private final List<Path> helperPath;
  private final Map<String, Optional<RegistryCredential>> helperAnswers = new ConcurrentHashMap<>();

  private DockerConfigCredentials(
      Map<String, RegistryCredential> auths,
      Map<String, String> credHelpers,
      String credsStore,
      List<Path> helperPath) {
    this.auths = Map.copyOf(auths);
    this.credHelpers = Map.copyOf(credHelpers);
    this.credsStore = credsStore;
    this.helperPath = List.copyOf(helperPath);
  }

  /** The largest config.json {@link #load} reads. */
  static final long MAX_CONFIG_BYTES = 4L * 1024 * 1024;

  /**
   * Reads a config.json file; helpers are looked up on {@code PATH}. Only a regular file of at most
   * 4 MiB.
   */
  public static DockerConfigCredentials load(Path file) {
    String json;
    if (Files.exists(file) && !Files.isRegularFile(file)) {
      // A FIFO would block forever and a device such as /dev/urandom never ends.
      throw new IllegalArgumentException(
          "Docker config " + file + " is not a regular file (a FIFO, socket, device or directory)");
    }
    try {
      if (Files.size(file) > MAX_CONFIG_BYTES) {
        throw new IllegalArgumentException(
            "Docker config "
                + file
                + " is larger than "
                + MAX_CONFIG_BYTES / (1024 * 1024)
                + " MiB; a config.json is a few KiB");
      }
      json = Files.readString(file);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read Docker config " + file + ": " + e.getMessage(), e);
    }
    return parse(json, file.toString(), true);
  }

  /** Parses the text of a config.json (credential helpers are honoured). */
  public static DockerConfigCredentials fromConfigJson(String json) {
    return parse(json, "config.json", true);
  }

  /**
   * Parses the content of a Kubernetes {@code kubernetes.io/dockerconfigjson} secret's {@code
   * .dockerconfigjson} key (already base64-decoded). Credential helpers are ignored.
   */
  public static DockerConfigCredentials fromKubernetesSecret(String dockerConfigJson) {
    return parse(dockerConfigJson, ".dockerconfigjson secret", false);
  }

  /** Parses a legacy {@code kubernetes.io/dockercfg} secret's {@code .dockercfg} content. */
  public static DockerConfigCredentials fromLegacyDockercfg(String dockercfg) {
    JsonNode root = readTree(dockercfg, ".dockercfg secret");
    return new DockerConfigCredentials(
        readAuths(root, ".dockercfg secret"), Map.of(), null, List.of());
  }

  /**
   * Docker's own config file: {@code $DOCKER_CONFIG/config.json}, else {@code
   * ~/.docker/config.json}, when it exists.
   */
  public static Optional<Path> defaultLocation() {
    String dir = System.getenv("DOCKER_CONFIG");
    Path file =
        dir != null && !dir.isBlank()
            ? Path.of(dir, "config.json")
            : Path.of(System.getProperty("user.home"), ".docker", "config.json");
    return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
  }

  /** The same credentials, with credential helpers looked up in these directories only. */
  public DockerConfigCredentials withHelperPath(List<Path> directories) {
    return new DockerConfigCredentials(auths, credHelpers, credsStore, directories);
  }

  @Override
  public Optional<RegistryCredential> find(String registry) {
    String host = normalizeHost(registry);
    String helper = credHelpers.get(host);
    if (helper == null && credsStore != null) {
      helper = credsStore;
    }
    if (helper != null) {
      String h = helper;
      Optional<RegistryCredential> fromHelper =
          helperAnswers.computeIfAbsent(host, k -> runHelper(h, host));
      if (fromHelper.isPresent()) {
        return fromHelper;
      }
    }
    return Optional.ofNullable(auths.get(host));
  }

  private static DockerConfigCredentials parse(String json, String source, boolean helpers) {
    JsonNode root = readTree(json, source);
    JsonNode authsNode = root.path("auths");
    Map<String, RegistryCredential> auths =
        authsNode.isObject() ? readAuths(authsNode, source) : Map.of();
    Map<String, String> credHelpers = new HashMap<>();
    String credsStore = null;
    if (helpers) {
      JsonNode ch = root.path("credHelpers");
      for (Iterator<Map.Entry<String, JsonNode>> it = ch.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        credHelpers.put(
            normalizeHost(e.getKey()), checkedHelperName(e.getValue().asText(), source));
      }
      String store = root.path("credsStore").asText("");
      credsStore = store.isEmpty() ? null : checkedHelperName(store, source);
    }
    return new DockerConfigCredentials(auths, credHelpers, credsStore, defaultHelperPath());
  }

  private static JsonNode readTree(String json, String source) {
    try {
      JsonNode root = MAPPER.readTree(json == null ? "" : json);
      if (root == null || !root.isObject()) {
        throw new IllegalArgumentException(
            "cannot read Docker credentials from " + source + ": it is not a JSON object");
      }
      return root;
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read Docker credentials from "
              + source
              + ": invalid JSON ("
              + e.getMessage().lines().findFirst().orElse("")
              + ")",
          e);
    }
  }

  private static Map<String, RegistryCredential> readAuths(JsonNode authsNode, String source) {
    Map<String, RegistryCredential> auths = new HashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = authsNode.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      credentialOf(e.getValue(), e.getKey(), source)
          .ifPresent(c -> auths.put(normalizeHost(e.getKey()), c));
    }
    return auths;
  }

  private static Optional<RegistryCredential> credentialOf(
      JsonNode entry, String key, String source) {
    String identityToken = text(entry, "identitytoken");
    String registryToken = text(entry, "registrytoken");
    String username = text(entry, "username");
    String password = text(entry, "password");
    String auth = text(entry, "auth");
    if (auth != null) {
      String decoded;
      try {
        decoded = new String(Base64.getDecoder().decode(auth.trim()), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "cannot read Docker credentials from "
                + source
                + ": the auth of '"
                + key
                + "' is not base64",
            e);
      }
      int colon = decoded.indexOf(':');
      if (colon < 0) {
        throw new IllegalArgumentException(
            "cannot read Docker credentials from "
                + source
                + ": the auth of '"
                + key
                + "' is not base64 of user:password");
      }
      username = decoded.substring(0, colon);
      password = decoded.substring(colon + 1);
    }
    if (identityToken != null) {
      return Optional.of(new RegistryCredential(username, null, identityToken, null));
    }
    if (registryToken != null) {
      return Optional.of(RegistryCredential.registryToken(registryToken));
    }
    if (username != null && password != null && !(username.isEmpty() && password.isEmpty())) {
      return Optional.of(RegistryCredential.basic(username, password));
    }
    return Optional.empty();
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() || v.asText().isEmpty() ? null : v.asText();
  }

  private static String checkedHelperName(String name, String source) {
    if (!name.matches("[A-Za-z0-9._-]+")) {
      throw new IllegalArgumentException(
          "cannot read Docker credentials from "
              + source
              + ": credential helper name '"
              + name
              + "' is not a plain program suffix");
    }
    return name;
  }

  /**
   * The host part of a config.json key: {@code https://index.docker.io/v1/} is {@code docker.io},
   * {@code https://host:5000/v2/} is {@code host:5000}.
   */
  static String normalizeHost(String key) {
    String s = key.trim().toLowerCase(Locale.ROOT);
    int scheme = s.indexOf("://");
    if (scheme >= 0) {
      s = s.substring(scheme + 3);
    }
    int slash = s.indexOf('/');
    if (slash >= 0) {
      s = s.substring(0, slash);
    }
    if (s.equals("index.docker.io") || s.equals("registry-1.docker.io")) {
      return "docker.io";
    }
    return s;
  }

  private static List<Path> defaultHelperPath() {
    String path = System.getenv("PATH");
    List<Path> dirs = new ArrayList<>();
    if (path != null) {
      for (String d : path.split(File.pathSeparator)) {
        if (!d.isBlank()) {
          dirs.add(Path.of(d));
        }
      }
    }
    return dirs;
  }

  private Optional<RegistryCredential> runHelper(String helper, String host) {
    String program = "docker-credential-" + helper;
    Path executable =
        helperPath.stream()
            .map(d -> d.resolve(program))
            .filter(Files::isExecutable)
            .findFirst()
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "Docker config names credential helper '"
                            + helper
                            + "' but "
                            + program
                            + " is not on PATH; install it or remove it from config.json"));
    String serverUrl = host.equals("docker.io") ? DOCKER_HUB_KEY : host;
    try {
      Process p = new ProcessBuilder(executable.toString(), "get").start();
      try (OutputStream in = p.getOutputStream()) {
        in.write(serverUrl.getBytes(StandardCharsets.UTF_8));
      }
      byte[] out;
      try (InputStream o = p.getInputStream()) {
        out = o.readNBytes(1 << 20);
      }
      if (!p.waitFor(HELPER_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalArgumentException(
            program + " did not answer within " + HELPER_TIMEOUT_SECONDS + " s");
      }
      if (p.exitValue() != 0) {
        // "credentials not found in native keychain": fall back to auths, like docker does.
        return Optional.empty();
      }
      JsonNode answer = MAPPER.readTree(out);
      String user = text(answer, "Username");
      String secret = text(answer, "Secret");
      if (secret == null) {
        return Optional.empty();
      }
      if ("<token>".equals(user)) {
        return Optional.of(RegistryCredential.identityToken(secret));
      }
      return Optional.of(RegistryCredential.basic(user == null ? "" : user, secret));
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "credential helper " + program + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }
}
