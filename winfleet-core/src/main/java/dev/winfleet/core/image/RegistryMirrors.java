package dev.winfleet.core.image;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Where the nodes pull an image from when its registry is mirrored, as containerd's {@code
 * hosts.toml} or {@code --registry-mirror docker.io=harbor.example.com/dockerhub} say: an
 * air-gapped cluster resolves {@code nginx:1.27} through its Harbor, and so does winfleet. Pure:
 * the edges read the files and flags.
 */
public final class RegistryMirrors {

  /**
   * One mirror of a registry.
   *
   * @param host {@code harbor.example.com} or {@code host:port}
   * @param pathPrefix the repository prefix on the mirror ({@code dockerhub}), or empty
   * @param insecure reached over plain HTTP
   */
  public record Mirror(String host, String pathPrefix, boolean insecure) {
    public Mirror {
      Objects.requireNonNull(host, "host");
      pathPrefix = pathPrefix == null ? "" : stripSlashes(pathPrefix);
      if (host.isBlank() || host.contains("/")) {
        throw new IllegalArgumentException("a mirror host is host[:port], not '" + host + "'");
      }
    }

    @Override
    public String toString() {
      return pathPrefix.isEmpty() ? host : host + "/" + pathPrefix;
    }
  }

  private static final RegistryMirrors NONE = new RegistryMirrors(Map.of());

  private final Map<String, List<Mirror>> byRegistry;

  private RegistryMirrors(Map<String, List<Mirror>> byRegistry) {
    Map<String, List<Mirror>> copy = new LinkedHashMap<>();
    byRegistry.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    this.byRegistry = Map.copyOf(copy);
  }

  public static RegistryMirrors none() {
    return NONE;
  }

  /** These mirrors and one more for {@code registry} (tried after the ones it has). */
  public RegistryMirrors with(String registry, Mirror mirror) {
    Map<String, List<Mirror>> next = new LinkedHashMap<>(byRegistry);
    List<Mirror> list = new ArrayList<>(next.getOrDefault(normalise(registry), List.of()));
    list.add(mirror);
    next.put(normalise(registry), list);
    return new RegistryMirrors(next);
  }

  /**
   * Parses {@code REGISTRY=HOST[/PREFIX]}, e.g. {@code docker.io=harbor.example.com/dockerhub}.
   *
   * @throws IllegalArgumentException with a message naming the expected form (the caller names
   *     where the mapping came from)
   */
  public RegistryMirrors withMapping(String mapping, Set<String> insecureHosts) {
    int eq = mapping.indexOf('=');
    if (eq <= 0 || eq == mapping.length() - 1) {
      throw new IllegalArgumentException(
          "expected REGISTRY=HOST[/PREFIX], e.g. docker.io=harbor.example.com/dockerhub");
    }
    String registry = mapping.substring(0, eq).trim();
    String target = stripSlashes(mapping.substring(eq + 1).trim());
    int slash = target.indexOf('/');
    String host = slash < 0 ? target : target.substring(0, slash);
    String prefix = slash < 0 ? "" : target.substring(slash + 1);
    return with(registry, new Mirror(host, prefix, insecureHosts.contains(host)));
  }

  /** Whether any registry is mirrored. */
  public boolean isEmpty() {
    return byRegistry.isEmpty();
  }

  /** The mirrors of a registry, in the order to try them. */
  public List<Mirror> mirrors(String registry) {
    return byRegistry.getOrDefault(normalise(registry), List.of());
  }

  /** The mirror hosts reached over plain HTTP. */
  public Set<String> insecureHosts() {
    Set<String> out = new LinkedHashSet<>();
    byRegistry
        .values()
        .forEach(
            l ->
                l.forEach(
                    m -> {
                      if (m.insecure()) {
                        out.add(m.host());
                      }
                    }));
    return out;
  }

  /**
   * The reference as the first mirror of its registry serves it ({@code
   * docker.io/library/nginx:1.27} through {@code harbor.example.com/dockerhub} is {@code
   * harbor.example.com/dockerhub/library/nginx:1.27}); empty when its registry is not mirrored.
   */
  public Optional<ImageReference> mirrored(ImageReference ref) {
    List<Mirror> list = mirrors(ref.registry());
    if (list.isEmpty()) {
      return Optional.empty();
    }
    Mirror m = list.get(0);
    String repository =
        m.pathPrefix().isEmpty() ? ref.repository() : m.pathPrefix() + "/" + ref.repository();
    return Optional.of(new ImageReference(m.host(), repository, ref.tag(), ref.digest()));
  }

  private static String normalise(String registry) {
    String r = registry.trim().toLowerCase(Locale.ROOT);
    return r.equals("index.docker.io") || r.equals("registry-1.docker.io")
        ? ImageReference.DOCKER_HUB
        : r;
  }

  private static String stripSlashes(String s) {
    String out = s;
    while (out.startsWith("/")) {
      out = out.substring(1);
    }
    while (out.endsWith("/")) {
      out = out.substring(0, out.length() - 1);
    }
    return out;
  }
}
