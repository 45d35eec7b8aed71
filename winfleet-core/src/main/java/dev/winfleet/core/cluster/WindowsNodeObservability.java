package dev.winfleet.core.cluster;

import dev.winfleet.core.catalog.KubernetesVersion;
import dev.winfleet.core.fleet.FleetNode;
import dev.winfleet.core.manifest.ManifestObject;
import dev.winfleet.core.manifest.PodTemplate;
import dev.winfleet.core.observability.MetricsAgents;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * What each Windows node has and lacks for metrics and logs, from the workloads winfleet can see:
 * the one place that knows whether a windows_exporter DaemonSet covers a node (used by {@code
 * cluster check} and the dashboard's node view).
 */
public final class WindowsNodeObservability {

  private WindowsNodeObservability() {}

  /**
   * One Windows node.
   *
   * @param node its name
   * @param metricsAgent the DaemonSet running windows_exporter on it ({@code
   *     monitoring/DaemonSet/windows-exporter}), if any
   * @param nodeLogQuery whether its kubelet has node log query (1.36+), if its version is known
   * @param missing what is missing, one sentence each, with the fix
   */
  public record NodeView(
      String node,
      Optional<String> metricsAgent,
      Optional<Boolean> nodeLogQuery,
      List<String> missing) {
    public NodeView {
      Objects.requireNonNull(node, "node");
      missing = List.copyOf(missing);
    }
  }

  /** True when a workload runs windows_exporter in one of its containers. */
  public static boolean runsWindowsExporter(ManifestObject workload) {
    return PodTemplate.of(workload).map(PodTemplate::images).orElse(List.of()).stream()
        .anyMatch(MetricsAgents::isWindowsExporter);
  }

  /**
   * The view of every Windows node.
   *
   * @param windowsNodes the nodes
   * @param workloads the workloads (only DaemonSets count as node agents)
   * @param landing the Windows nodes a workload's pods land on (the placement engine's answer)
   */
  public static List<NodeView> of(
      List<FleetNode> windowsNodes,
      List<ManifestObject> workloads,
      Function<ManifestObject, List<FleetNode>> landing) {
    Map<String, String> agentOf = new LinkedHashMap<>();
    for (ManifestObject w : workloads) {
      if (!w.kind().equals("DaemonSet") || !runsWindowsExporter(w)) {
        continue;
      }
      for (FleetNode n : landing.apply(w)) {
        agentOf.putIfAbsent(n.name(), w.ref().toString());
      }
    }
    List<NodeView> out = new ArrayList<>();
    for (FleetNode n : windowsNodes) {
      List<String> missing = new ArrayList<>();
      Optional<String> agent = Optional.ofNullable(agentOf.get(n.name()));
      if (agent.isEmpty()) {
        missing.add(
            "metrics: no windows_exporter DaemonSet lands on this node; winfleet's node manifests"
                + " with metrics include one");
      }
      Optional<Boolean> logQuery =
          n.kubernetesVersion()
              .map(v -> v.isAfterOrEqual(ObservabilityClusterRules.NODE_LOG_QUERY_GA));
      if (logQuery.isPresent() && !logQuery.get()) {
        missing.add(
            "logs: kubelet "
                + n.kubeletVersion()
                + " has no node log query (GA in Kubernetes "
                + versionText(ObservabilityClusterRules.NODE_LOG_QUERY_GA)
                + "); read the kubelet's and kube-proxy's logs on the node");
      }
      out.add(new NodeView(n.name(), agent, logQuery, missing));
    }
    return out;
  }

  private static String versionText(KubernetesVersion v) {
    return v.toString();
  }
}
