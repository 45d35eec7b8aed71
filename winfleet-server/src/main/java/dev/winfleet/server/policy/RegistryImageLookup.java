package dev.winfleet.server.policy;

import dev.winfleet.core.image.ImageReference;
import dev.winfleet.core.image.InspectedImage;
import dev.winfleet.core.image.InvalidImageReferenceException;
import dev.winfleet.registry.api.CredentialSource;
import dev.winfleet.registry.api.DockerConfigCredentials;
import dev.winfleet.registry.api.InspectOptions;
import dev.winfleet.registry.api.InspectionResult;
import dev.winfleet.registry.api.PlatformImage;
import dev.winfleet.registry.api.RegistryInspector;
import dev.winfleet.server.api.ImageLookup;
import dev.winfleet.server.api.PullSecretSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads images through the registry inspector with the pod's pull secrets. The inspector remembers
 * what it read (manifests by digest, tags for a while); this class also remembers failures for
 * {@link #FAILURE_MEMORY}, per namespace and secrets, so that an unreachable registry costs one
 * time budget, not one per pod. Dry-run requests are answered from and read through, but leave no
 * failure behind.
 */
public final class RegistryImageLookup implements ImageLookup {

  static final Duration FAILURE_MEMORY = Duration.ofSeconds(30);
  private static final int MAX_REMEMBERED_FAILURES = 10_000;

  private final RegistryInspector inspector;
  private final PullSecretSource secrets;
  private final Clock clock;
  private final Map<String, Failure> failures = new ConcurrentHashMap<>();

  private record Failure(String error, Instant until) {}

  public RegistryImageLookup(RegistryInspector inspector, PullSecretSource secrets, Clock clock) {
    this.inspector = Objects.requireNonNull(inspector, "inspector");
    this.secrets = Objects.requireNonNull(secrets, "secrets");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public List<InspectedImage> inspect(
      List<String> references,
      String namespace,
      List<String> pullSecrets,
      Instant deadline,
      boolean dryRun) {
    InspectedImage[] out = new InspectedImage[references.size()];
    List<ImageReference> toRead = new ArrayList<>();
    List<Integer> slots = new ArrayList<>();
    Instant now = clock.instant();
    String scope = namespace + "/" + String.join(",", pullSecrets) + "|";
    for (int i = 0; i < references.size(); i++) {
      String ref = references.get(i);
      Failure f = failures.get(scope + ref);
      if (f != null && f.until().isAfter(now)) {
        out[i] = failed(ref, f.error());
        continue;
      }
      try {
        toRead.add(ImageReference.parse(ref));
        slots.add(i);
      } catch (InvalidImageReferenceException e) {
        out[i] = failed(ref, "not a valid image reference");
      }
    }
    if (!toRead.isEmpty()) {
      InspectOptions options =
          InspectOptions.defaults()
              .withDeadline(deadline)
              .withCredentials(credentials(namespace, pullSecrets, deadline));
      List<InspectionResult> results = inspector.inspect(toRead, options);
      for (int k = 0; k < results.size(); k++) {
        int i = slots.get(k);
        String ref = references.get(i);
        InspectionResult r = results.get(k);
        if (r instanceof InspectionResult.Inspected ok) {
          out[i] = inspected(ref, ok);
        } else {
          String error = ((InspectionResult.Failed) r).error().message();
          out[i] = failed(ref, error);
          if (!dryRun) {
            if (failures.size() >= MAX_REMEMBERED_FAILURES) {
              failures.clear();
            }
            failures.put(scope + ref, new Failure(error, clock.instant().plus(FAILURE_MEMORY)));
          }
        }
      }
    }
    return List.of(out);
  }

  private CredentialSource credentials(String namespace, List<String> names, Instant deadline) {
    if (names.isEmpty() || namespace.isEmpty()) {
      return CredentialSource.anonymous();
    }
    List<CredentialSource> sources = new ArrayList<>();
    for (PullSecretSource.PullSecret s : secrets.read(namespace, names, deadline)) {
      try {
        sources.add(
            s.legacyDockercfg()
                ? DockerConfigCredentials.fromLegacyDockercfg(s.json())
                : DockerConfigCredentials.fromKubernetesSecret(s.json()));
      } catch (IllegalArgumentException e) {
        // A broken secret is skipped, as the kubelet would fail to use it too.
      }
    }
    return sources.isEmpty() ? CredentialSource.anonymous() : CredentialSource.firstOf(sources);
  }

  private static InspectedImage failed(String ref, String error) {
    return new InspectedImage(ref, null, null, List.of(), error);
  }

  private static InspectedImage inspected(String ref, InspectionResult.Inspected ok) {
    List<InspectedImage.InspectedPlatform> platforms = new ArrayList<>();
    for (PlatformImage p : ok.platforms()) {
      platforms.add(
          new InspectedImage.InspectedPlatform(
              p.platform().os(),
              p.platform().architecture(),
              p.platform().osVersion().isEmpty() ? null : p.platform().osVersion(),
              p.digest(),
              p.layerCount(),
              p.compressedSize(),
              p.foreignLayerCount()));
    }
    return new InspectedImage(ref, ok.digest(), ok.mediaType(), platforms, null);
  }
}
