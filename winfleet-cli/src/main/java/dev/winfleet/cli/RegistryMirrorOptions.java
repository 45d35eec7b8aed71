package dev.winfleet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.winfleet.core.image.RegistryMirrors;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import picocli.CommandLine.Option;

/**
 * Registry mirrors as the nodes use them: containerd's {@code hosts.toml} layout ({@code
 * --registry-config /etc/containerd/certs.d}) and {@code --registry-mirror
 * docker.io=harbor.example.com/dockerhub}. A picocli mixin.
 */
final class RegistryMirrorOptions {

  /** Made on first use: most runs read no TOML, and a mapper takes a while to set up. */
  private static final class Toml {
    static final TomlMapper MAPPER = new TomlMapper();
  }

  @Option(
      names = "--registry-mirror",
      paramLabel = "REGISTRY=HOST[/PREFIX]",
      description =
          "Read REGISTRY's images through a mirror, as the nodes do (repeatable), e.g."
              + " docker.io=harbor.example.com/dockerhub.")
  List<String> mirrors = new ArrayList<>();

  @Option(
      names = "--registry-config",
      paramLabel = "DIR",
      description =
          "containerd's registry host directory (hosts.toml per registry, as in"
              + " /etc/containerd/certs.d): its mirrors are used.")
  Path registryConfig;

  /** The mirrors the options name; warnings for hosts winfleet cannot follow go to {@code err}. */
  RegistryMirrors mirrors(Set<String> insecureHosts, PrintWriter err) {
    RegistryMirrors out = RegistryMirrors.none();
    if (registryConfig != null) {
      out = readHostsDir(registryConfig, out, err);
    }
    for (String flag : mirrors) {
      try {
        out = out.withMapping(flag, insecureHosts);
      } catch (IllegalArgumentException e) {
        throw new UserException("--registry-mirror " + flag + ": " + e.getMessage());
      }
    }
    return out;
  }

  /**
   * Reads {@code DIR/<registry>/hosts.toml}: each {@code [host."URL"]} with the pull capability
   * becomes a mirror. A URL with no path, or with override_path and a path starting /v2, maps to
   * host/prefix; other layouts cannot be expressed as a reference and are skipped with a warning.
   */
  static RegistryMirrors readHostsDir(Path dir, RegistryMirrors start, PrintWriter err) {
    if (!Files.isDirectory(dir)) {
      throw new UserException("--registry-config " + dir + ": not a directory");
    }
    RegistryMirrors out = start;
    List<Path> registries;
    try (Stream<Path> list = Files.list(dir)) {
      registries = list.filter(Files::isDirectory).sorted().toList();
    } catch (IOException e) {
      throw new UserException("--registry-config " + dir + ": " + e.getMessage());
    }
    for (Path registryDir : registries) {
      Path file = registryDir.resolve("hosts.toml");
      if (!Files.isRegularFile(file)) {
        continue;
      }
      String registry = registryDir.getFileName().toString();
      if (registry.equals("_default")) {
        continue; // applies to every registry without its own directory: not a mirror
      }
      JsonNode root;
      try {
        root = Toml.MAPPER.readTree(file.toFile());
      } catch (IOException e) {
        throw new UserException(file + " is not valid TOML: " + firstLine(e.getMessage()));
      }
      JsonNode hosts = root.path("host");
      for (Iterator<Map.Entry<String, JsonNode>> it = hosts.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> h = it.next();
        if (!pulls(h.getValue())) {
          continue;
        }
        URI uri;
        try {
          uri = URI.create(h.getKey().contains("://") ? h.getKey() : "https://" + h.getKey());
        } catch (IllegalArgumentException e) {
          err.println("warning: " + file + ": host \"" + h.getKey() + "\" is not a URL; skipped");
          continue;
        }
        String path = uri.getPath() == null ? "" : uri.getPath();
        boolean override = h.getValue().path("override_path").asBoolean(false);
        String prefix;
        if (path.isEmpty() || path.equals("/")) {
          prefix = "";
        } else if (override && (path.equals("/v2") || path.startsWith("/v2/"))) {
          prefix = path.substring(3);
        } else {
          err.println(
              "warning: "
                  + file
                  + ": host \""
                  + h.getKey()
                  + "\" has a path without override_path = true; winfleet cannot read through"
                  + " it, skipped");
          continue;
        }
        String host = uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
        out =
            out.with(
                registry, new RegistryMirrors.Mirror(host, prefix, "http".equals(uri.getScheme())));
      }
    }
    err.flush();
    return out;
  }

  private static boolean pulls(JsonNode host) {
    JsonNode caps = host.path("capabilities");
    if (!caps.isArray()) {
      return true; // containerd's default: pull, resolve, push
    }
    for (JsonNode c : caps) {
      if (c.asText().equals("pull")) {
        return true;
      }
    }
    return false;
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
