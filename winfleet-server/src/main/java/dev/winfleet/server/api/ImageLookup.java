package dev.winfleet.server.api;

import dev.winfleet.core.image.InspectedImage;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Where the policy reads images that their tags do not explain: the registry, through the
 * inspector, with the pod's image pull secrets.
 */
@FunctionalInterface
public interface ImageLookup {

  /**
   * Reads the references before the deadline. Never throws: a reference that cannot be read in time
   * comes back with {@link InspectedImage#error()} set.
   *
   * @param namespace the pod's namespace, where its pull secrets live
   * @param pullSecrets the names in the pod's {@code imagePullSecrets}
   * @param dryRun true for a dry-run request: read, but remember nothing
   * @return one entry per reference, in the same order; a source that knows only some images (a
   *     saved inspect result) may leave the others out, and the policy keeps their tag hints
   */
  List<InspectedImage> inspect(
      List<String> references,
      String namespace,
      List<String> pullSecrets,
      Instant deadline,
      boolean dryRun);

  /**
   * As {@link #inspect}, without holding the calling thread while the network answers: the policy
   * composes on the result, so a registry that never answers costs no policy thread. The default
   * reads on the calling thread (fine for sources that never touch the network, such as a saved
   * inspect result); {@code RegistryImageLookup} reads on its own bulkheaded pool. Never completes
   * exceptionally.
   */
  default CompletableFuture<List<InspectedImage>> inspectAsync(
      List<String> references,
      String namespace,
      List<String> pullSecrets,
      Instant deadline,
      boolean dryRun) {
    return CompletableFuture.completedFuture(
        inspect(references, namespace, pullSecrets, deadline, dryRun));
  }
}
