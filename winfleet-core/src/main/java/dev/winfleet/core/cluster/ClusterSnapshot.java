package dev.winfleet.core.cluster;

import dev.winfleet.core.fleet.Fleet;
import dev.winfleet.core.fleet.FleetObjects;
import dev.winfleet.core.manifest.ManifestObject;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code winfleet cluster check} judges: the cluster's objects (Nodes, DaemonSets,
 * Deployments, ConfigMaps, Services, ServiceCIDRs) as trees, with file positions when they came
 * from a dump, the fleet of its nodes, and the API server's version when it was asked.
 *
 * @param apiServerVersion the API server's {@code gitVersion} ({@code v1.30.4}), or null
 */
public record ClusterSnapshot(List<ManifestObject> objects, Fleet fleet, String apiServerVersion) {

  public ClusterSnapshot {
    objects = List.copyOf(objects);
    Objects.requireNonNull(fleet, "fleet");
  }

  /** A snapshot of a dump: the fleet comes from the Node objects among them. */
  public static ClusterSnapshot fromObjects(List<ManifestObject> objects, String apiServerVersion) {
    return new ClusterSnapshot(objects, FleetObjects.fromObjects(objects), apiServerVersion);
  }

  public List<ManifestObject> ofKind(String kind) {
    return objects.stream().filter(o -> o.kind().equals(kind)).toList();
  }

  public List<ManifestObject> daemonSets() {
    return ofKind("DaemonSet");
  }

  /** The object of this kind, namespace (null: any) and name. */
  public Optional<ManifestObject> find(String kind, String namespace, String name) {
    return objects.stream()
        .filter(o -> o.kind().equals(kind) && o.name().equals(name))
        .filter(o -> namespace == null || namespace.equals(o.namespace()))
        .findFirst();
  }
}
