package dev.winfleet.core.cluster;

import dev.winfleet.core.catalog.KubernetesVersion;
import dev.winfleet.core.catalog.KubernetesWindowsCatalog;
import dev.winfleet.core.cluster.ClusterNetwork.RecognisedCni;
import dev.winfleet.core.cluster.NodeSettingsException.Parameter;
import dev.winfleet.core.fleet.FleetNode;
import dev.winfleet.core.fleet.FleetObjects;
import dev.winfleet.core.fleet.Taint;
import dev.winfleet.core.fleet.Toleration;
import dev.winfleet.core.fleet.WindowsNodeTaints;
import dev.winfleet.core.manifest.PodTemplate;
import dev.winfleet.core.manifest.Values;
import dev.winfleet.core.placement.PlacementEngine;
import dev.winfleet.core.placement.SchedulingConstraints;
import dev.winfleet.core.placement.SchedulingFacts;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides the settings of the Windows node components from what the user gave and, when a cluster
 * is known, from the cluster: values the cluster has are used, and given values that disagree are
 * refused with the cluster's value. Pure.
 */
public final class NodeSettingsResolver {

  private final NodeComponents components;
  private final CniCatalog cni;
  private final KubernetesWindowsCatalog kubernetes;
  private final PlacementEngine placement;

  public NodeSettingsResolver(
      NodeComponents components,
      CniCatalog cni,
      KubernetesWindowsCatalog kubernetes,
      PlacementEngine placement) {
    this.components = components;
    this.cni = cni;
    this.kubernetes = kubernetes;
    this.placement = placement;
  }

  public static NodeSettingsResolver builtIn() {
    return new NodeSettingsResolver(
        NodeComponents.builtIn(),
        CniCatalog.builtIn(),
        KubernetesWindowsCatalog.builtIn(),
        PlacementEngine.builtIn());
  }

  /** Settings from the parameters alone: every one is needed. */
  public NodeSettings resolve(NodeRequest request) {
    NodeComponents.Network network = network(request.cni());
    String version = request.kubernetesVersion();
    if (version == null) {
      throw new NodeSettingsException(
          n ->
              n.apply(Parameter.KUBERNETES_VERSION)
                  + " is needed without "
                  + n.apply(Parameter.CLUSTER)
                  + ": the kube-proxy image is tagged with the cluster's exact version, such as"
                  + " 1.33.1");
    }
    return settings(
        network,
        required(Parameter.CLUSTER_CIDR, request.clusterCidr()),
        required(Parameter.SERVICE_CIDR, request.serviceCidr()),
        required(Parameter.DNS_IP, request.dnsIp()),
        fullVersion(version),
        null,
        null,
        List.of(),
        request);
  }

  /** Settings from the cluster, with the parameters checked against it. */
  public NodeSettings resolve(NodeRequest request, ClusterSnapshot cluster) {
    NodeComponents.Network network = network(request.cni());
    ClusterNetwork net = ClusterNetwork.of(cluster, cni);
    checkCni(network, net);
    String clusterCidr =
        agree(Parameter.CLUSTER_CIDR, "cluster CIDR", request.clusterCidr(), net.clusterCidr());
    String serviceCidr =
        agree(Parameter.SERVICE_CIDR, "service CIDR", request.serviceCidr(), net.serviceCidr());
    String dnsIp = agree(Parameter.DNS_IP, "cluster DNS address", request.dnsIp(), net.dnsIp());
    String version = version(request.kubernetesVersion(), cluster);
    String namespace = null;
    String serviceAccount = null;
    Optional<RecognisedCni> flannel = net.plugin("flannel");
    if (network.isFlannel() && flannel.isPresent()) {
      namespace = flannel.get().daemonSet().namespace();
      serviceAccount =
          PodTemplate.of(flannel.get().daemonSet())
              .map(t -> Values.string(t.spec().get("serviceAccountName")))
              .orElse(null);
    }
    return settings(
        network,
        clusterCidr,
        serviceCidr,
        dnsIp,
        version,
        namespace,
        serviceAccount,
        windowsTolerations(cluster),
        request);
  }

  private NodeComponents.Network network(String id) {
    return components
        .network(id)
        .orElseThrow(
            () ->
                new NodeSettingsException(
                    n ->
                        n.apply(Parameter.CNI)
                            + " must be one of "
                            + String.join(", ", components.networkIds())
                            + ", got "
                            + id));
  }

  private NodeSettings settings(
      NodeComponents.Network network,
      String clusterCidr,
      String serviceCidr,
      String dnsIp,
      String version,
      String namespace,
      String serviceAccount,
      List<Toleration> tolerations,
      NodeRequest request) {
    try {
      return new NodeSettings(
          network,
          clusterCidr,
          serviceCidr,
          dnsIp,
          version,
          namespace,
          serviceAccount,
          tolerations,
          request.kubeProxyImage(),
          request.flannelImage());
    } catch (IllegalArgumentException e) {
      throw new NodeSettingsException(e.getMessage());
    }
  }

  private static String required(Parameter option, String value) {
    if (value == null || value.isBlank()) {
      throw new NodeSettingsException(
          n -> n.apply(option) + " is needed without " + n.apply(Parameter.CLUSTER));
    }
    return value.trim();
  }

  /** The cluster's value; a given value must equal it. */
  private static String agree(
      Parameter option, String what, String given, Optional<Setting> fromCluster) {
    if (fromCluster.isEmpty()) {
      if (given == null) {
        throw new NodeSettingsException(
            n -> "the cluster does not show its " + what + "; give " + n.apply(option));
      }
      return given.trim();
    }
    Setting s = fromCluster.get();
    if (given != null && !given.trim().equals(s.value())) {
      throw new NodeSettingsException(
          n ->
              n.apply(option)
                  + " "
                  + given.trim()
                  + " disagrees with the cluster: its "
                  + what
                  + " is "
                  + s.value()
                  + " ("
                  + s.source()
                  + ")");
    }
    return s.value();
  }

  private void checkCni(NodeComponents.Network network, ClusterNetwork net) {
    List<RecognisedCni> plugins = net.plugins();
    if (plugins.isEmpty()) {
      return;
    }
    Optional<RecognisedCni> same =
        plugins.stream().filter(p -> p.plugin().id().equals(network.cni())).findFirst();
    if (same.isEmpty()) {
      RecognisedCni other = plugins.get(0);
      throw new NodeSettingsException(
          n ->
              n.apply(Parameter.CNI)
                  + " "
                  + network.id()
                  + " disagrees with the cluster: its network plugin is "
                  + other.plugin().name()
                  + " (DaemonSet "
                  + ClusterNetwork.qualified(other.daemonSet())
                  + ")");
    }
    if (network.isFlannel() && net.flannel().isPresent()) {
      String backend = net.flannel().get().netConf().backendType();
      if (!backend.equals(network.flannelBackend())) {
        Optional<String> other =
            components.networks().stream()
                .filter(n -> backend.equals(n.flannelBackend()))
                .map(NodeComponents.Network::id)
                .findFirst();
        throw new NodeSettingsException(
            n ->
                n.apply(Parameter.CNI)
                    + " "
                    + network.id()
                    + " disagrees with the cluster: its flannel uses the "
                    + backend
                    + " backend ("
                    + net.flannel().get().display()
                    + ", net-conf.json)"
                    + other
                        .map(id -> " (use " + n.apply(Parameter.CNI) + " " + id + ")")
                        .orElse(""));
      }
    }
  }

  private String version(String given, ClusterSnapshot cluster) {
    Optional<ControlPlane> cp =
        ControlPlane.resolve(null, cluster.apiServerVersion(), cluster.fleet());
    if (given == null) {
      if (cp.isEmpty() || cp.get().gitVersion() == null) {
        throw new NodeSettingsException(
            n ->
                "the cluster does not show its Kubernetes version; give "
                    + n.apply(Parameter.KUBERNETES_VERSION));
      }
      return cp.get().gitVersion();
    }
    String full = fullVersion(given);
    if (cp.isPresent()) {
      KubernetesVersion wanted = KubernetesVersion.parse(full);
      KubernetesVersion control = cp.get().version();
      KubernetesVersion oldest = kubernetes.oldestKubeletAllowed(control);
      if (wanted.compareTo(control) > 0 || wanted.isBefore(oldest)) {
        throw new NodeSettingsException(
            n ->
                n.apply(Parameter.KUBERNETES_VERSION)
                    + " "
                    + given
                    + " disagrees with the cluster: its control plane runs "
                    + (cp.get().gitVersion() == null ? control.toString() : cp.get().gitVersion())
                    + " ("
                    + cp.get().source()
                    + "), which supports node components from "
                    + oldest
                    + " to "
                    + control);
      }
    }
    return full;
  }

  private static String fullVersion(String text) {
    String full = ControlPlane.fullVersion(text);
    if (full == null) {
      throw new NodeSettingsException(
          n ->
              n.apply(Parameter.KUBERNETES_VERSION)
                  + " needs the patch level, such as 1.33.1, got "
                  + text);
    }
    return full;
  }

  /**
   * Tolerations for the taints of the cluster's Windows nodes that the DaemonSets would not
   * tolerate otherwise, decided by the placement engine.
   */
  private List<Toleration> windowsTolerations(ClusterSnapshot cluster) {
    List<Toleration> base = new ArrayList<>();
    for (Taint t : WindowsNodeTaints.builtIn().taints()) {
      base.add(Toleration.forTaint(t));
    }
    base.add(new Toleration("CriticalAddonsOnly", Toleration.Operator.EXISTS, "", null));
    base.addAll(SchedulingFacts.builtIn().daemonSetTolerations(true));
    SchedulingConstraints constraints =
        new SchedulingConstraints(
            Map.of(FleetObjects.OS_LABEL, "windows"), List.of(), false, base, null);
    return placement
        .place(constraints, List.of(), cluster.fleet())
        .tolerationsNeeded(FleetNode::isWindows);
  }
}
