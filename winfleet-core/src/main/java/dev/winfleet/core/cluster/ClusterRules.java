package dev.winfleet.core.cluster;

import dev.winfleet.core.catalog.Channel;
import dev.winfleet.core.catalog.KubernetesVersion;
import dev.winfleet.core.catalog.WindowsRelease;
import dev.winfleet.core.cluster.ClusterNetwork.FlannelConfig;
import dev.winfleet.core.cluster.ClusterNetwork.RecognisedCni;
import dev.winfleet.core.fleet.FleetNode;
import dev.winfleet.core.manifest.FieldPath;
import dev.winfleet.core.manifest.ManifestObject;
import dev.winfleet.core.manifest.PodTemplate;
import dev.winfleet.core.manifest.Values;
import dev.winfleet.core.rules.ContainerInfo;
import dev.winfleet.core.rules.PodContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The cluster rules; their texts are in {@code rules.yaml} under category {@code cluster}. */
final class ClusterRules {

  static final String FLANNEL_VXLAN = "flannel-windows-vxlan-settings";
  static final String FLANNEL_BACKEND = "flannel-windows-backend";
  static final String CNI_WITHOUT_WINDOWS = "cni-without-windows-support";
  static final String KUBE_PROXY_MISSING = "windows-kube-proxy-missing";
  static final String LINUX_DAEMONSET = "linux-daemonset-reaches-windows";
  static final String DNS_REACHES_WINDOWS = "cluster-dns-reaches-windows";
  static final String BUILD_UNSUPPORTED = "windows-node-build-unsupported";
  static final String KUBELET_SKEW = "windows-kubelet-skew";

  private static final FieldPath NET_CONF = FieldPath.of("data", FlannelNetConf.KEY);
  private static final FieldPath NAME = FieldPath.of("metadata", "name");
  private static final FieldPath KERNEL = FieldPath.of("status", "nodeInfo", "kernelVersion");
  private static final FieldPath KUBELET = FieldPath.of("status", "nodeInfo", "kubeletVersion");

  private ClusterRules() {}

  static List<ClusterRule> all() {
    List<ClusterRule> all = new ArrayList<>(ownRules());
    all.addAll(ObservabilityClusterRules.all());
    return List.copyOf(all);
  }

  private static List<ClusterRule> ownRules() {
    return List.of(
        ClusterRule.of(FLANNEL_VXLAN, ClusterRules::flannelVxlan),
        ClusterRule.of(FLANNEL_BACKEND, ClusterRules::flannelBackend),
        ClusterRule.of(CNI_WITHOUT_WINDOWS, ClusterRules::cniWithoutWindows),
        ClusterRule.of(KUBE_PROXY_MISSING, ClusterRules::kubeProxyMissing),
        ClusterRule.of(LINUX_DAEMONSET, ClusterRules::linuxDaemonSet),
        ClusterRule.of(DNS_REACHES_WINDOWS, ClusterRules::dnsReachesWindows),
        ClusterRule.of(BUILD_UNSUPPORTED, ClusterRules::buildUnsupported),
        ClusterRule.of(KUBELET_SKEW, ClusterRules::kubeletSkew));
  }

  // ------------------------------------------------------------------ flannel

  private static Optional<CniPlugin> flannel(ClusterContext c) {
    return c.cniCatalog().plugin("flannel");
  }

  static void flannelVxlan(ClusterContext c, ClusterReporter r) {
    Optional<FlannelConfig> config = c.network().flannel();
    Optional<CniPlugin> flannel = flannel(c);
    if (c.windowsNodes().isEmpty() || config.isEmpty() || flannel.isEmpty()) {
      return;
    }
    FlannelNetConf conf = config.get().netConf();
    CniPlugin p = flannel.get();
    if (!conf.backendType().equals("vxlan")) {
      return;
    }
    boolean vniOk = conf.vni() != null && conf.vni() == p.windowsVxlanVni();
    boolean portOk = conf.port() != null && conf.port() == p.windowsVxlanPort();
    if (vniOk && portOk) {
      return;
    }
    r.report(
        config.get().configMap(),
        NET_CONF,
        null,
        vars(
            "vni",
            conf.vni() == null
                ? p.linuxVxlanVni() + " (not set; flannel's default)"
                : "" + conf.vni(),
            "port",
            conf.port() == null
                ? p.linuxVxlanPort() + " (not set; the Linux default)"
                : "" + conf.port(),
            "windowsVni",
            "" + p.windowsVxlanVni(),
            "windowsPort",
            "" + p.windowsVxlanPort(),
            "nodes",
            ClusterContext.names(c.windowsNodes())));
  }

  static void flannelBackend(ClusterContext c, ClusterReporter r) {
    Optional<FlannelConfig> config = c.network().flannel();
    Optional<CniPlugin> flannel = flannel(c);
    if (c.windowsNodes().isEmpty() || config.isEmpty() || flannel.isEmpty()) {
      return;
    }
    Map<String, String> backends = new java.util.TreeMap<>(flannel.get().windowsBackends());
    String backend = config.get().netConf().backendType();
    if (backends.containsKey(backend)) {
      return;
    }
    List<String> supported = new ArrayList<>();
    backends.forEach((b, mode) -> supported.add(b + " (as " + mode + ")"));
    r.report(
        config.get().configMap(),
        NET_CONF,
        null,
        vars(
            "backend",
            backend,
            "supported",
            String.join(" and ", supported),
            "nodes",
            ClusterContext.names(c.windowsNodes())));
  }

  // ------------------------------------------------------------------ CNI and kube-proxy

  static void cniWithoutWindows(ClusterContext c, ClusterReporter r) {
    if (c.windowsNodes().isEmpty()) {
      return;
    }
    for (RecognisedCni cni : c.network().plugins()) {
      if (cni.plugin().windowsDataPlane()) {
        continue;
      }
      r.report(
          cni.daemonSet(),
          NAME,
          null,
          vars(
              "cni",
              cni.plugin().name(),
              "note",
              cni.plugin().windowsNote(),
              "nodes",
              ClusterContext.names(c.windowsNodes()),
              "supported",
              String.join(", ", c.cniCatalog().windowsCapableNames())));
    }
  }

  static void kubeProxyMissing(ClusterContext c, ClusterReporter r) {
    if (c.windowsNodes().isEmpty()) {
      return;
    }
    Optional<RecognisedCni> needing =
        c.network().plugins().stream()
            .filter(p -> p.plugin().windowsDataPlane())
            .filter(p -> p.plugin().windowsKubeProxy() == CniPlugin.WindowsKubeProxy.DAEMONSET)
            .findFirst();
    if (needing.isEmpty() || replacesKubeProxy(c, needing.get().plugin())) {
      return;
    }
    Set<FleetNode> covered = new LinkedHashSet<>();
    for (ManifestObject ds : c.snapshot().daemonSets()) {
      if (!isKubeProxy(ds)) {
        continue;
      }
      Optional<PodContext> pod = c.pod(ds);
      if (pod.isEmpty() || !runsOnWindows(pod.get())) {
        continue;
      }
      covered.addAll(c.windowsLandingNodes(pod.get()));
    }
    List<FleetNode> missing = c.windowsNodes().stream().filter(n -> !covered.contains(n)).toList();
    if (missing.isEmpty()) {
      return;
    }
    r.report(
        needing.get().daemonSet(),
        NAME,
        null,
        vars(
            "cni",
            needing.get().plugin().name(),
            "nodes",
            ClusterContext.names(missing),
            "how",
            generatorHint(c, needing.get().plugin())));
  }

  /**
   * Whether the plugin's own configuration replaces kube-proxy (Antrea with proxyAll: true): a
   * ConfigMap whose name starts with the plugin's id holds the plugin's pattern.
   */
  private static boolean replacesKubeProxy(ClusterContext c, CniPlugin plugin) {
    if (plugin.kubeProxyReplacedWhen() == null) {
      return false;
    }
    for (ManifestObject cm : c.snapshot().ofKind("ConfigMap")) {
      if (!cm.name().startsWith(plugin.id())) {
        continue;
      }
      for (Object value : Values.map(cm.tree().get("data")).values()) {
        if (value instanceof String text && plugin.kubeProxyReplacedWhen().matcher(text).find()) {
          return true;
        }
      }
    }
    return false;
  }

  /** A DaemonSet named kube-proxy or running a kube-proxy image. */
  private static boolean isKubeProxy(ManifestObject ds) {
    if (ds.name().contains("kube-proxy")) {
      return true;
    }
    return CniCatalog.imageNames(ds).stream().anyMatch(i -> i.endsWith("/kube-proxy"));
  }

  /** A pod meant to run on Windows: HostProcess, or an image that is not Linux-only. */
  private static boolean runsOnWindows(PodContext pod) {
    if (pod.anyHostProcess() || pod.targetsWindows()) {
      return true;
    }
    return pod.containers().stream().noneMatch(ci -> ci.profile().isLinux());
  }

  private static String generatorHint(ClusterContext c, CniPlugin plugin) {
    String option =
        switch (plugin.id()) {
          case "calico" -> "calico";
          case "flannel" ->
              c.network()
                  .flannel()
                  .map(f -> f.netConf().backendType())
                  .filter(b -> b.equals("host-gw"))
                  .map(b -> "flannel-host-gw")
                  .orElse("flannel-vxlan");
          default -> null;
        };
    return option == null
        ? plugin.name() + "'s Windows documentation describes it"
        : "winfleet's node manifests for the network plugin " + option + " include one";
  }

  // ------------------------------------------------------------------ placement

  static void linuxDaemonSet(ClusterContext c, ClusterReporter r) {
    if (c.windowsNodes().isEmpty()) {
      return;
    }
    for (ManifestObject ds : c.snapshot().daemonSets()) {
      Optional<PodContext> pod = c.pod(ds);
      if (pod.isEmpty() || pod.get().anyHostProcess() || pod.get().targetsWindows()) {
        // A HostProcess container is a Windows container, whatever its tag says; a DaemonSet that
        // declares Windows (a CSI driver's Windows node plugin) is not a Linux DaemonSet.
        continue;
      }
      List<FleetNode> windows = c.windowsLandingNodes(pod.get());
      if (windows.isEmpty()) {
        continue;
      }
      Optional<ContainerInfo> linux =
          pod.get().containers().stream().filter(ci -> ci.profile().isKnownLinux()).findFirst();
      if (linux.isEmpty()) {
        continue;
      }
      r.report(
          ds,
          linux.get().imagePath(),
          linux.get().name(),
          vars(
              "nodes",
              ClusterContext.names(windows),
              "container",
              linux.get().name(),
              "image",
              linux.get().image(),
              "podSpec",
              pod.get().specDotted()));
    }
  }

  static void dnsReachesWindows(ClusterContext c, ClusterReporter r) {
    if (c.windowsNodes().isEmpty()) {
      return;
    }
    List<String> names = c.rule(DNS_REACHES_WINDOWS).param("names");
    List<String> labels = c.rule(DNS_REACHES_WINDOWS).param("labels");
    Map<String, String> serviceSelector =
        c.network()
            .dnsService()
            .map(s -> Values.stringMap(Values.get(s.tree(), "spec", "selector")))
            .orElse(Map.of());
    for (ManifestObject d : c.snapshot().ofKind("Deployment")) {
      Optional<PodTemplate> template = PodTemplate.of(d);
      if (template.isEmpty()) {
        continue;
      }
      Map<String, String> podLabels =
          Values.stringMap(Values.get(d.at(template.get().metadataPath()), "labels"));
      boolean dns =
          names.contains(d.name())
              || labels.stream()
                  .anyMatch(
                      l -> {
                        String[] kv = l.split("=", 2);
                        return kv.length == 2 && kv[1].equals(podLabels.get(kv[0]));
                      })
              || (!serviceSelector.isEmpty()
                  && "kube-system".equals(d.namespace())
                  && serviceSelector.entrySet().stream()
                      .allMatch(e -> e.getValue().equals(podLabels.get(e.getKey()))));
      if (!dns) {
        continue;
      }
      PodContext pod = c.pod(d).orElseThrow();
      List<FleetNode> windows = c.windowsLandingNodes(pod);
      if (windows.isEmpty()) {
        continue;
      }
      r.report(
          d,
          pod.specPath("nodeSelector"),
          null,
          vars("nodes", ClusterContext.names(windows), "podSpec", pod.specDotted()));
    }
  }

  // ------------------------------------------------------------------ nodes

  static void buildUnsupported(ClusterContext c, ClusterReporter r) {
    if (c.controlPlane().isEmpty()) {
      return;
    }
    KubernetesVersion version = c.controlPlane().get().version();
    List<Integer> supported = c.kubernetes().supportedBuilds(version);
    for (FleetNode node : c.windowsNodes()) {
      if (node.windowsVersion() == null) {
        continue;
      }
      int build = node.windowsVersion().build();
      if (supported.contains(build)) {
        continue;
      }
      // A build newer than the cluster's Kubernetes knows is the cluster's version to raise, not
      // a node to retire.
      Optional<KubernetesVersion> firstNewer =
          c.kubernetes().releases().stream()
              .filter(rel -> rel.version().compareTo(version) > 0)
              .filter(rel -> rel.windowsServerBuilds().contains(build))
              .map(rel -> rel.version())
              .findFirst();
      String lastListed =
          firstNewer
              .map(v -> " (Kubernetes " + v + " is the first version that lists it)")
              .orElseGet(
                  () ->
                      c.kubernetes()
                          .lastVersionListing(build)
                          .map(v -> " (the last version that listed it is " + v + ")")
                          .orElse(" (no Kubernetes version winfleet knows lists it)"));
      String release = c.windows().describe(node.windowsVersion());
      String suggested = describe(c, suggestedBuild(c, build, supported));
      String advice =
          firstNewer
              .map(
                  v ->
                      "Upgrade the cluster to Kubernetes "
                          + v
                          + " or newer, which lists "
                          + release
                          + "; the node itself need not change")
              .orElse(
                  "Move the node's workloads to nodes running "
                      + suggested
                      + " (supported by Kubernetes "
                      + version
                      + "), rebuilding images for that build, then retire "
                      + node.name());
      r.report(
          c.nodeObject(node.name()),
          KERNEL,
          null,
          vars(
              "node",
              node.name(),
              "release",
              release,
              "kubernetes",
              version.toString(),
              "lastListed",
              lastListed,
              "supported",
              String.join(", ", supported.stream().sorted().map(b -> describe(c, b)).toList()),
              "advice",
              advice));
    }
  }

  private static String describe(ClusterContext c, int build) {
    return c.windows().describe(dev.winfleet.core.version.OsVersion.ofBuild(build));
  }

  /**
   * The supported build to move to: the oldest LTSC build at or above the node's (an in-place
   * upgrade), else the newest LTSC build, else the newest build.
   */
  private static int suggestedBuild(ClusterContext c, int build, List<Integer> supported) {
    List<Integer> ltsc =
        supported.stream()
            .sorted()
            .filter(
                b ->
                    c.windows()
                        .serverRelease(b)
                        .map(WindowsRelease::channel)
                        .filter(ch -> ch == Channel.LTSC)
                        .isPresent())
            .toList();
    for (int b : ltsc) {
      if (b >= build) {
        return b;
      }
    }
    if (!ltsc.isEmpty()) {
      return ltsc.get(ltsc.size() - 1);
    }
    return supported.stream().max(Integer::compare).orElse(build);
  }

  static void kubeletSkew(ClusterContext c, ClusterReporter r) {
    if (c.controlPlane().isEmpty()) {
      return;
    }
    ControlPlane cp = c.controlPlane().get();
    KubernetesVersion oldest = c.kubernetes().oldestKubeletAllowed(cp.version());
    for (FleetNode node : c.windowsNodes()) {
      Optional<KubernetesVersion> kubelet = node.kubernetesVersion();
      if (kubelet.isEmpty()) {
        continue;
      }
      String problem;
      if (kubelet.get().compareTo(cp.version()) > 0) {
        problem = "newer than the control plane";
      } else if (kubelet.get().isBefore(oldest)) {
        int behind = cp.version().minor() - kubelet.get().minor();
        problem = behind + " minor versions older than the control plane";
      } else {
        continue;
      }
      r.report(
          c.nodeObject(node.name()),
          KUBELET,
          null,
          vars(
              "node",
              node.name(),
              "kubelet",
              node.kubeletVersion(),
              "problem",
              problem,
              "controlPlane",
              cp.version().toString(),
              "controlPlaneSource",
              cp.source(),
              "oldest",
              oldest.toString()));
    }
  }

  private static Map<String, String> vars(String... keyValues) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      m.put(keyValues[i], keyValues[i + 1]);
    }
    return m;
  }
}
