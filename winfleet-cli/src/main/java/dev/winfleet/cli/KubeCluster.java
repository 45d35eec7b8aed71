package dev.winfleet.cli;

import dev.winfleet.core.cluster.ClusterSnapshot;
import dev.winfleet.kube.ClusterFleetReader;
import dev.winfleet.kube.ClusterSnapshotReader;
import dev.winfleet.kube.KubeAccessException;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;

/** Reads a live cluster's snapshot through winfleet-kube. */
final class KubeCluster {

  private KubeCluster() {}

  /**
   * @throws UserException when the kubeconfig or the cluster cannot be used
   */
  static ClusterSnapshot read(Path kubeconfig, String context) {
    try (KubernetesClient client = ClusterFleetReader.connect(kubeconfig, context)) {
      return ClusterSnapshotReader.builtIn().read(client);
    } catch (KubeAccessException e) {
      throw new UserException("--kubeconfig: " + e.getMessage(), e);
    }
  }
}
