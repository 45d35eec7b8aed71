package dev.winfleet.core.cluster;

import dev.winfleet.core.catalog.KubernetesVersion;
import dev.winfleet.core.fleet.FleetNode;
import dev.winfleet.core.manifest.FieldPath;
import dev.winfleet.core.manifest.ManifestObject;
import dev.winfleet.core.manifest.Values;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * What a cluster's Windows nodes lack for metrics and logs; texts in {@code rules.yaml} (category
 * {@code cluster}). Both rules judge only what a snapshot shows: DaemonSets, and kubeadm's kubelet
 * ConfigMap.
 */
final class ObservabilityClusterRules {

  static final String METRICS_AGENT_MISSING = "windows-node-metrics-agent-missing";
  static final String NODE_LOG_QUERY_OFF = "windows-node-log-query-off";

  /** Node log query is GA (the NodeLogQuery gate on) from this version: KEP-2258. */
  static final KubernetesVersion NODE_LOG_QUERY_GA = new KubernetesVersion(1, 36);

  private static final FieldPath NAME = FieldPath.of("metadata", "name");
  private static final FieldPath KUBELET_CONFIG = FieldPath.of("data", "kubelet");

  private ObservabilityClusterRules() {}

  static List<ClusterRule> all() {
    return List.of(
        ClusterRule.of(METRICS_AGENT_MISSING, ObservabilityClusterRules::metricsAgentMissing),
        ClusterRule.of(NODE_LOG_QUERY_OFF, ObservabilityClusterRules::nodeLogQueryOff));
  }

  /** Windows nodes no windows_exporter DaemonSet lands on. */
  static void metricsAgentMissing(ClusterContext c, ClusterReporter r) {
    if (c.windowsNodes().isEmpty()) {
      return;
    }
    List<WindowsNodeObservability.NodeView> views =
        WindowsNodeObservability.of(
            c.windowsNodes(),
            c.snapshot().daemonSets(),
            ds -> c.pod(ds).map(c::windowsLandingNodes).orElse(List.of()));
    for (WindowsNodeObservability.NodeView view : views) {
      if (view.metricsAgent().isEmpty()) {
        r.report(c.nodeObject(view.node()), NAME, null, vars("node", view.node()));
      }
    }
  }

  /**
   * Windows nodes whose kubelet has node log query (GA in 1.36) while kubeadm's kubelet ConfigMap,
   * which kubeadm gives every joining kubelet, does not switch it on. Nothing is reported when the
   * ConfigMap is not there: a kubelet's own config is not in the API.
   */
  static void nodeLogQueryOff(ClusterContext c, ClusterReporter r) {
    Optional<ManifestObject> configMap =
        c.snapshot().find("ConfigMap", "kube-system", "kubelet-config");
    if (configMap.isEmpty() || c.windowsNodes().isEmpty()) {
      return;
    }
    String kubelet = Values.getString(configMap.get().tree(), "data", "kubelet");
    if (kubelet == null) {
      return;
    }
    Map<String, Object> config;
    try {
      Object parsed = new Yaml(new SafeConstructor(new LoaderOptions())).load(kubelet);
      config = Values.map(parsed);
    } catch (RuntimeException e) {
      return;
    }
    boolean query = Boolean.TRUE.equals(config.get("enableSystemLogQuery"));
    boolean handler = !Boolean.FALSE.equals(config.get("enableSystemLogHandler"));
    if (query && handler) {
      return;
    }
    List<FleetNode> able =
        c.windowsNodes().stream()
            .filter(
                n ->
                    n.kubernetesVersion()
                        .map(v -> v.isAfterOrEqual(NODE_LOG_QUERY_GA))
                        .orElse(false))
            .toList();
    if (able.isEmpty()) {
      return;
    }
    r.report(
        configMap.get(),
        KUBELET_CONFIG,
        null,
        vars(
            "nodes",
            ClusterContext.names(able),
            "setting",
            query ? "enableSystemLogHandler: false" : "no enableSystemLogQuery: true"));
  }

  private static Map<String, String> vars(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }
}
