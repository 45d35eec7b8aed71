package dev.winfleet.core.cluster;

import dev.winfleet.core.catalog.KubernetesVersion;
import dev.winfleet.core.fleet.Fleet;
import dev.winfleet.core.fleet.FleetNode;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The cluster's Kubernetes version, and how winfleet knows it.
 *
 * @param gitVersion the full version ({@code v1.30.4}) when known, else null
 * @param basis how winfleet knows it
 * @param node the node whose kubelet tells, for the kubelet bases; else null
 */
public record ControlPlane(KubernetesVersion version, String gitVersion, Basis basis, String node) {

  /** How winfleet knows the control plane's version, most certain first. */
  public enum Basis {
    /** The user said so. */
    GIVEN,
    /** The API server's {@code /version}. */
    API_SERVER,
    /** The kubelet of a node labelled as the control plane's. */
    CONTROL_PLANE_KUBELET,
    /** The newest kubelet of the cluster: the API server is at least that, maybe newer. */
    NEWEST_KUBELET
  }

  /** Nodes carrying one of these labels run the control plane. */
  static final List<String> CONTROL_PLANE_LABELS =
      List.of("node-role.kubernetes.io/control-plane", "node-role.kubernetes.io/master");

  public ControlPlane {
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(basis, "basis");
  }

  /**
   * The control plane's version: given by the user, else the API server's, else the kubelet of a
   * control-plane node, else the newest kubelet of the cluster (kubelets are never newer than the
   * API server). Empty when nothing tells.
   *
   * @param given the version the user gave, or null
   * @param apiServer the API server's {@code gitVersion}, or null (a dump has none)
   */
  public static Optional<ControlPlane> resolve(String given, String apiServer, Fleet fleet) {
    if (given != null) {
      return Optional.of(
          new ControlPlane(KubernetesVersion.parse(given), fullVersion(given), Basis.GIVEN, null));
    }
    Optional<KubernetesVersion> fromServer = KubernetesVersion.tryParse(apiServer);
    if (fromServer.isPresent()) {
      return Optional.of(
          new ControlPlane(fromServer.get(), fullVersion(apiServer), Basis.API_SERVER, null));
    }
    for (FleetNode n : fleet.nodes()) {
      if (CONTROL_PLANE_LABELS.stream().anyMatch(n.labels()::containsKey)
          && n.kubernetesVersion().isPresent()) {
        return Optional.of(
            new ControlPlane(
                n.kubernetesVersion().get(),
                fullVersion(n.kubeletVersion()),
                Basis.CONTROL_PLANE_KUBELET,
                n.name()));
      }
    }
    return fleet.nodes().stream()
        .filter(n -> n.kubernetesVersion().isPresent())
        .max(Comparator.comparing(n -> n.kubernetesVersion().get()))
        .map(
            n ->
                new ControlPlane(
                    n.kubernetesVersion().get(),
                    fullVersion(n.kubeletVersion()),
                    Basis.NEWEST_KUBELET,
                    n.name()));
  }

  /** How winfleet knows it, for messages: {@code API server}, {@code the newest kubelet, on N}. */
  public String source() {
    return switch (basis) {
      case GIVEN -> "as given";
      case API_SERVER -> "API server";
      case CONTROL_PLANE_KUBELET -> "kubelet of the control-plane node " + node;
      case NEWEST_KUBELET -> "the newest kubelet, on " + node + "; the API server may be newer";
    };
  }

  /** {@code v1.30.4} from {@code 1.30.4}, {@code v1.30.4+k3s1}; null without a patch level. */
  static String fullVersion(String text) {
    if (text == null) {
      return null;
    }
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("v?(\\d+\\.\\d+\\.\\d+)").matcher(text.trim());
    return m.lookingAt() ? "v" + m.group(1) : null;
  }
}
