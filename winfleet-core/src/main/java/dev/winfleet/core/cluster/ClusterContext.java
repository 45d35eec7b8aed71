package dev.winfleet.core.cluster;

import dev.winfleet.core.catalog.KubernetesWindowsCatalog;
import dev.winfleet.core.catalog.WindowsCatalog;
import dev.winfleet.core.fleet.FleetNode;
import dev.winfleet.core.manifest.ManifestObject;
import dev.winfleet.core.manifest.PodTemplate;
import dev.winfleet.core.rules.CheckEnvironment;
import dev.winfleet.core.rules.PodContext;
import dev.winfleet.core.rules.RuleMetadata;
import dev.winfleet.core.rules.RulesEngine;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A cluster as the cluster rules see it; pods are judged by the one rules engine's placement. */
public final class ClusterContext {

  /** How many node names a message lists before it says how many more there are. */
  static final int NODES_NAMED = 5;

  private final ClusterSnapshot snapshot;
  private final ClusterNetwork network;
  private final CheckEnvironment env;
  private final Optional<ControlPlane> controlPlane;
  private final RulesEngine engine;
  private final CniCatalog cniCatalog;
  private final KubernetesWindowsCatalog kubernetes;
  private final WindowsCatalog windows;
  private final Map<ManifestObject, PodContext> pods = new java.util.IdentityHashMap<>();

  ClusterContext(
      ClusterSnapshot snapshot,
      ClusterNetwork network,
      CheckEnvironment env,
      Optional<ControlPlane> controlPlane,
      RulesEngine engine,
      CniCatalog cniCatalog,
      KubernetesWindowsCatalog kubernetes,
      WindowsCatalog windows) {
    this.snapshot = snapshot;
    this.network = network;
    this.env = env;
    this.controlPlane = controlPlane;
    this.engine = engine;
    this.cniCatalog = cniCatalog;
    this.kubernetes = kubernetes;
    this.windows = windows;
  }

  public ClusterSnapshot snapshot() {
    return snapshot;
  }

  public ClusterNetwork network() {
    return network;
  }

  public CheckEnvironment env() {
    return env;
  }

  public Optional<ControlPlane> controlPlane() {
    return controlPlane;
  }

  public CniCatalog cniCatalog() {
    return cniCatalog;
  }

  public KubernetesWindowsCatalog kubernetes() {
    return kubernetes;
  }

  public WindowsCatalog windows() {
    return windows;
  }

  public RuleMetadata rule(String id) {
    return engine.catalog().rule(id).orElseThrow();
  }

  public List<FleetNode> windowsNodes() {
    return snapshot.fleet().windowsNodes();
  }

  /** The engine's view of a workload's pod, placed on the cluster's nodes; computed once. */
  public synchronized Optional<PodContext> pod(ManifestObject workload) {
    if (pods.containsKey(workload)) {
      return Optional.of(pods.get(workload));
    }
    Optional<PodTemplate> template = PodTemplate.of(workload);
    if (template.isEmpty()) {
      return Optional.empty();
    }
    PodContext pod = engine.pod(template.get(), env);
    pods.put(workload, pod);
    return Optional.of(pod);
  }

  /** The Windows nodes a workload's pods can land on. */
  public List<FleetNode> windowsLandingNodes(PodContext pod) {
    return pod.placement().landingNodes().stream().filter(FleetNode::isWindows).toList();
  }

  /** The Node object of a node (with positions in a dump), or a stand-in without any. */
  public ManifestObject nodeObject(String name) {
    return snapshot
        .find("Node", null, name)
        .orElseGet(
            () -> ManifestObject.of(Map.of("kind", "Node", "metadata", Map.of("name", name))));
  }

  /** {@code a, b, c and 4 more}. */
  public static String names(Collection<FleetNode> nodes) {
    List<String> all = nodes.stream().map(FleetNode::name).toList();
    if (all.size() <= NODES_NAMED) {
      return String.join(", ", all);
    }
    return String.join(", ", all.subList(0, NODES_NAMED))
        + " and "
        + (all.size() - NODES_NAMED)
        + " more";
  }
}
