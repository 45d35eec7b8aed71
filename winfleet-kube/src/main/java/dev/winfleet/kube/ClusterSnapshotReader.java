package dev.winfleet.kube;

import dev.winfleet.core.cluster.ClusterSnapshot;
import dev.winfleet.core.fleet.Fleet;
import dev.winfleet.core.manifest.ManifestObject;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.networking.v1.ServiceCIDR;
import io.fabric8.kubernetes.api.model.node.v1.RuntimeClass;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.VersionInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Reads what {@code winfleet cluster check} and {@code winfleet node manifests} judge from a live
 * cluster, once: Nodes, DaemonSets, Deployments, ConfigMaps and Services in every namespace,
 * ServiceCIDRs where the API has them, RuntimeClasses, and the API server's version.
 */
public final class ClusterSnapshotReader {

  private final FleetMapper mapper;

  public ClusterSnapshotReader(FleetMapper mapper) {
    this.mapper = mapper;
  }

  public static ClusterSnapshotReader builtIn() {
    return new ClusterSnapshotReader(FleetMapper.builtIn());
  }

  /**
   * @throws KubeAccessException when a required list fails, naming the permission needed
   */
  public ClusterSnapshot read(KubernetesClient client) throws KubeAccessException {
    List<Node> nodes = list(client, "nodes", () -> client.nodes().list().getItems());
    List<RuntimeClass> classes =
        optional(() -> client.resources(RuntimeClass.class).list().getItems());
    List<HasMetadata> all = new ArrayList<>(nodes);
    all.addAll(
        list(
            client,
            "daemonsets.apps",
            () -> client.apps().daemonSets().inAnyNamespace().list().getItems()));
    all.addAll(
        list(
            client,
            "deployments.apps",
            () -> client.apps().deployments().inAnyNamespace().list().getItems()));
    all.addAll(
        list(client, "configmaps", () -> client.configMaps().inAnyNamespace().list().getItems()));
    all.addAll(
        list(client, "services", () -> client.services().inAnyNamespace().list().getItems()));
    all.addAll(optional(() -> client.resources(ServiceCIDR.class).list().getItems()));
    List<ManifestObject> objects = new ArrayList<>(all.size());
    for (HasMetadata o : all) {
      @SuppressWarnings("unchecked")
      Map<String, Object> tree = client.getKubernetesSerialization().convertValue(o, Map.class);
      objects.add(ManifestObject.of(tree));
    }
    Fleet fleet = mapper.fleet(nodes, classes);
    return new ClusterSnapshot(objects, fleet, apiServerVersion(client));
  }

  private static String apiServerVersion(KubernetesClient client) {
    try {
      VersionInfo v = client.getKubernetesVersion();
      return v == null ? null : v.getGitVersion();
    } catch (KubernetesClientException | IllegalStateException e) {
      return null; // the checks fall back to the kubelets' versions and say so
    }
  }

  private static <T> List<T> list(KubernetesClient client, String resource, Supplier<List<T>> call)
      throws KubeAccessException {
    try {
      return call.get();
    } catch (KubernetesClientException e) {
      throw ClusterFleetReader.failure("list " + resource, resource, client, e);
    }
  }

  /** A list the API may lack (ServiceCIDR before 1.33) or the user may not see. */
  private static <T> List<T> optional(Supplier<List<T>> call) {
    try {
      return call.get();
    } catch (KubernetesClientException e) {
      return List.of();
    }
  }
}
