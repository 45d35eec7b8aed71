package dev.winfleet.cli;

import dev.winfleet.core.fleet.Fleet;
import dev.winfleet.kube.ClusterFleetReader;
import dev.winfleet.kube.KubeAccessException;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;

/** Reads the fleet of a live cluster through winfleet-kube. */
final class KubeFleet {

  private KubeFleet() {}

  /**
   * The cluster's Nodes and RuntimeClasses.
   *
   * @throws UserException when the kubeconfig or the cluster cannot be used
   */
  static Fleet read(Path kubeconfig, String context) {
    try (KubernetesClient client = ClusterFleetReader.connect(kubeconfig, context)) {
      Fleet fleet = ClusterFleetReader.builtIn().read(client);
      if (!fleet.hasNodes()) {
        throw new UserException(
            "the cluster of " + kubeconfig + " lists no nodes; nothing to place pods on");
      }
      return fleet;
    } catch (KubeAccessException e) {
      throw new UserException("--kubeconfig: " + e.getMessage(), e);
    }
  }
}
