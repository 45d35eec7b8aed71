package dev.winfleet.server.dashboard;

import dev.winfleet.core.manifest.ManifestObject;
import dev.winfleet.core.manifest.ObjectRef;
import dev.winfleet.core.rules.Finding;
import java.util.List;
import java.util.Objects;

/**
 * One workload the dashboard shows: an object with a pod (Pod, Deployment, DaemonSet, ...) and the
 * rules engine's findings for it.
 *
 * @param namespace the namespace it names, else {@value DashboardModel#DEFAULT_NAMESPACE}
 * @param source the file it came from (a bundled example's name in the demo)
 * @param line the line of the object's first field; 0 when unknown
 * @param images the image references of its containers and init containers, as written
 */
public record Workload(
    ObjectRef ref,
    String namespace,
    String source,
    int line,
    ManifestObject object,
    List<String> images,
    List<Finding> findings) {

  public Workload {
    Objects.requireNonNull(ref, "ref");
    Objects.requireNonNull(namespace, "namespace");
    source = source == null ? "" : source;
    Objects.requireNonNull(object, "object");
    images = List.copyOf(images);
    findings = List.copyOf(findings);
  }

  /** {@code namespace/Kind/name}: unique within a model. */
  public String id() {
    return namespace + "/" + ref.kind() + "/" + ref.name();
  }
}
