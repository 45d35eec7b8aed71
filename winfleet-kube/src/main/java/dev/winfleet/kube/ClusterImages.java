package dev.winfleet.kube;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/** The images the pods of a cluster run, for {@code winfleet fleet}'s compatibility matrix. */
public final class ClusterImages {

  private ClusterImages() {}

  /**
   * Every image of every container and init container of the cluster's pods, sorted.
   *
   * @throws KubeAccessException when pods cannot be listed
   */
  public static SortedSet<String> inUse(KubernetesClient client) throws KubeAccessException {
    List<Pod> pods;
    try {
      pods = client.pods().inAnyNamespace().list().getItems();
    } catch (KubernetesClientException e) {
      throw new KubeAccessException(
          "cannot list pods at "
              + client.getConfiguration().getMasterUrl()
              + (e.getCode() == 403
                  ? ": permission denied; winfleet fleet needs list on pods (or pass --workloads)"
                  : ": " + e.getMessage()),
          e);
    }
    SortedSet<String> images = new TreeSet<>();
    for (Pod p : pods) {
      if (p.getSpec() == null) {
        continue;
      }
      List<Container> all = new ArrayList<>();
      if (p.getSpec().getContainers() != null) {
        all.addAll(p.getSpec().getContainers());
      }
      if (p.getSpec().getInitContainers() != null) {
        all.addAll(p.getSpec().getInitContainers());
      }
      for (Container c : all) {
        if (c.getImage() != null && !c.getImage().isBlank()) {
          images.add(c.getImage().trim());
        }
      }
    }
    return images;
  }
}
