package dev.winfleet.registry.api;

import dev.winfleet.core.image.ImageReference;
import dev.winfleet.registry.internal.InspectionEngine;
import java.util.List;

/**
 * Reads what images really are from OCI distribution registries: for each reference, its digest,
 * and per platform the os, architecture, os.version, os.features and the layer descriptors (foreign
 * layers included, never fetched).
 *
 * <p>Create one per process and share it: it keeps tokens, manifests by digest and tag answers (for
 * {@link InspectorConfig#tagCacheTtl()}) between calls. Thread-safe.
 *
 * <pre>{@code
 * try (RegistryInspector inspector = RegistryInspector.create(InspectorConfig.defaults())) {
 *   List<InspectionResult> results = inspector.inspect(
 *       List.of(ImageReference.parse("mcr.microsoft.com/windows/servercore:ltsc2022")),
 *       InspectOptions.defaults()
 *           .withCredentials(DockerConfigCredentials.fromKubernetesSecret(secretJson))
 *           .withDeadline(Instant.now().plusSeconds(2)));
 * }
 * }</pre>
 */
public final class RegistryInspector implements AutoCloseable {

  private final InspectionEngine engine;

  private RegistryInspector(InspectorConfig config) {
    this.engine = new InspectionEngine(config);
  }

  public static RegistryInspector create(InspectorConfig config) {
    return new RegistryInspector(config);
  }

  /**
   * Inspects references concurrently. Never throws for a registry problem: each reference gets an
   * {@link InspectionResult.Inspected} or an {@link InspectionResult.Failed}.
   *
   * @return one result per reference, in the same order
   */
  public List<InspectionResult> inspect(List<ImageReference> references, InspectOptions options) {
    return engine.inspect(List.copyOf(references), options);
  }

  /** Inspects one reference. */
  public InspectionResult inspect(ImageReference reference, InspectOptions options) {
    return engine.inspect(List.of(reference), options).get(0);
  }

  /**
   * The tags of the reference's repository, as the registry lists them (all pages, up to 50 000
   * tags), with the inspector's credentials.
   *
   * @throws RegistryException when the registry refuses or cannot be read
   */
  public List<String> listTags(ImageReference reference) {
    return engine.listTags(reference, null);
  }

  /** What this inspector has done so far (requests by kind, cache hits). */
  public InspectorStats stats() {
    return engine.stats();
  }

  @Override
  public void close() {
    engine.close();
  }
}
