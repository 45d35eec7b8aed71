package dev.winfleet.kube;

import dev.winfleet.core.spi.PullSecretSource;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads a pod's image pull secrets from its namespace through fabric8 ({@code get} on secrets,
 * which the install manifests grant read-only). Answers are remembered for {@link #MEMORY}, so a
 * burst of pods costs one read per secret.
 */
public final class KubePullSecrets implements PullSecretSource {

  static final Duration MEMORY = Duration.ofSeconds(60);
  private static final int MAX_REMEMBERED = 5_000;

  private final KubernetesClient client;
  private final Clock clock;
  private final Map<String, Remembered> memory = new ConcurrentHashMap<>();

  private record Remembered(PullSecret secret, Instant until) {}

  public KubePullSecrets(KubernetesClient client, Clock clock) {
    this.client = Objects.requireNonNull(client, "client");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public List<PullSecret> read(String namespace, List<String> names, Instant deadline) {
    List<PullSecret> out = new ArrayList<>();
    for (String name : names) {
      if (clock.instant().isAfter(deadline)) {
        break;
      }
      String key = namespace + "/" + name;
      Remembered r = memory.get(key);
      if (r == null || clock.instant().isAfter(r.until())) {
        r = new Remembered(fetch(namespace, name), clock.instant().plus(MEMORY));
        if (memory.size() >= MAX_REMEMBERED) {
          memory.clear();
        }
        memory.put(key, r);
      }
      if (r.secret() != null) {
        out.add(r.secret());
      }
    }
    return out;
  }

  private PullSecret fetch(String namespace, String name) {
    Secret secret;
    try {
      secret = client.secrets().inNamespace(namespace).withName(name).get();
    } catch (KubernetesClientException e) {
      return null; // unreadable: the lookup goes on anonymously, as far as this secret goes
    }
    if (secret == null || secret.getData() == null) {
      return null;
    }
    String json = decode(secret.getData().get(".dockerconfigjson"));
    if (json != null) {
      return new PullSecret(name, false, json);
    }
    String legacy = decode(secret.getData().get(".dockercfg"));
    return legacy == null ? null : new PullSecret(name, true, legacy);
  }

  private static String decode(String base64) {
    if (base64 == null) {
      return null;
    }
    try {
      return new String(Base64.getDecoder().decode(base64.trim()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
