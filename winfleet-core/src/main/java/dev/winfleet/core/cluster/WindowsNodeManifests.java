package dev.winfleet.core.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.winfleet.core.fleet.Taint;
import dev.winfleet.core.fleet.Toleration;
import dev.winfleet.core.fleet.WindowsNodeTaints;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Kubernetes objects that run the node-side components on Windows nodes as HostProcess
 * DaemonSets: kube-proxy for every CNI, and for flannel the flannel daemon with its Windows
 * configuration. Pure: settings in, object trees out (the CLI prints them as YAML).
 */
public final class WindowsNodeManifests {

  /** Records the settings the objects were made with, for people and for later checks. */
  public static final String SETTINGS_ANNOTATION = "winfleet.dev/node-settings";

  private static final String SYSTEM = "NT AUTHORITY\\SYSTEM";
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final NodeComponents components;
  private final CniCatalog cni;

  public WindowsNodeManifests(NodeComponents components, CniCatalog cni) {
    this.components = components;
    this.cni = cni;
  }

  public static WindowsNodeManifests builtIn() {
    return new WindowsNodeManifests(NodeComponents.builtIn(), CniCatalog.builtIn());
  }

  /** The objects, in apply order: ConfigMaps first, then the DaemonSets. */
  public List<Map<String, Object>> objects(NodeSettings s) {
    List<Map<String, Object>> out = new ArrayList<>();
    if (s.network().isFlannel()) {
      out.add(flannelConfigMap(s));
      out.add(flannelDaemonSet(s));
    }
    out.add(kubeProxyDaemonSet(s));
    return out;
  }

  // ------------------------------------------------------------------ metrics

  /** The app label of the windows_exporter pods, which the Service and the scrapers select. */
  public static final String EXPORTER_APP = "windows-exporter";

  /**
   * windows_exporter on every Windows node as a HostProcess DaemonSet, with the ConfigMap it reads,
   * a Service and a Prometheus Operator ServiceMonitor for it, and the same scrape job for a
   * Prometheus without the operator (a ConfigMap holding a {@code scrape_configs} entry).
   */
  public List<Map<String, Object>> metricsObjects(NodeSettings s) {
    String ns = components.metricsNamespace();
    int port = components.metricsPort();
    List<Map<String, Object>> out = new ArrayList<>();

    Map<String, Object> namespace = object("v1", "Namespace", ns, null, s);
    out.add(namespace);

    Map<String, Object> config = object("v1", "ConfigMap", "windows-exporter-config", ns, s);
    config.put(
        "data",
        map(
            "config.yml",
            "collectors:\n"
                + "  enabled: '"
                + components.metricsCollectors()
                + "'\n"
                + "collector:\n"
                + "  service:\n"
                + "    include: \""
                + components.metricsServiceInclude()
                + "\"\n"
                + "web:\n"
                + "  listen-address: \":"
                + port
                + "\"\n"));
    out.add(config);

    String image = components.windowsExporterImage();
    // HostProcess containers run on the host: powershell is the node's own, whatever the image.
    Map<String, Object> firewall = container("configure-firewall", image, List.of());
    firewall.remove("env");
    firewall.put("command", List.of("powershell.exe"));
    firewall.put(
        "args",
        List.of(
            "-NoProfile",
            "-Command",
            "if (-not (Get-NetFirewallRule -DisplayName 'windows-exporter'"
                + " -ErrorAction SilentlyContinue)) { New-NetFirewallRule -DisplayName"
                + " 'windows-exporter' -Direction Inbound -Profile Any -Action Allow -LocalPort "
                + port
                + " -Protocol TCP }"));
    Map<String, Object> exporter = container("windows-exporter", image, List.of());
    exporter.remove("env");
    exporter.put(
        "args", List.of("--config.file=%CONTAINER_SANDBOX_MOUNT_POINT%/config/config.yml"));
    exporter.put(
        "ports", List.of(map("name", "http-metrics", "containerPort", port, "hostPort", port)));
    exporter.put(
        "resources",
        map(
            "requests", map("cpu", "100m", "memory", "64Mi"),
            "limits", map("cpu", "200m", "memory", "200Mi")));
    exporter.put(
        "livenessProbe",
        map(
            "httpGet",
            map("path", "/health", "port", port),
            "initialDelaySeconds",
            30,
            "periodSeconds",
            30));
    exporter.put("volumeMounts", List.of(map("name", "config", "mountPath", "/config")));
    Map<String, Object> spec = podSpec(s, exporter);
    // system-node-critical is for what the node needs to work; metrics are not that.
    spec.remove("priorityClassName");
    spec.put("initContainers", List.of(firewall));
    spec.put(
        "volumes",
        List.of(map("name", "config", "configMap", map("name", "windows-exporter-config"))));
    out.add(daemonSet("windows-exporter", ns, EXPORTER_APP, spec, s));

    Map<String, Object> service = object("v1", "Service", "windows-exporter", ns, s);
    @SuppressWarnings("unchecked")
    Map<String, Object> serviceLabels =
        (Map<String, Object>) ((Map<String, Object>) service.get("metadata")).get("labels");
    serviceLabels.put("app", EXPORTER_APP);
    service.put(
        "spec",
        map(
            "clusterIP",
            "None",
            "selector",
            map("app", EXPORTER_APP),
            "ports",
            List.of(map("name", "http-metrics", "port", port, "targetPort", port))));
    out.add(service);

    Map<String, Object> monitor =
        object("monitoring.coreos.com/v1", "ServiceMonitor", "windows-exporter", ns, s);
    monitor.put(
        "spec",
        map(
            "jobLabel",
            "app",
            "selector",
            map("matchLabels", map("app", EXPORTER_APP)),
            "endpoints",
            List.of(
                map(
                    "port",
                    "http-metrics",
                    "interval",
                    "30s",
                    "relabelings",
                    List.of(
                        map(
                            "sourceLabels",
                            List.of("__meta_kubernetes_pod_node_name"),
                            "targetLabel",
                            "node"))))));
    out.add(monitor);

    Map<String, Object> scrape = object("v1", "ConfigMap", "windows-exporter-scrape-config", ns, s);
    scrape.put(
        "data",
        map(
            "windows-exporter.yml",
            "# A scrape_configs entry for a Prometheus without the Prometheus Operator.\n"
                + "- job_name: windows-exporter\n"
                + "  kubernetes_sd_configs:\n"
                + "    - role: pod\n"
                + "      namespaces:\n"
                + "        names: ["
                + ns
                + "]\n"
                + "  relabel_configs:\n"
                + "    - source_labels: [__meta_kubernetes_pod_label_app]\n"
                + "      regex: "
                + EXPORTER_APP
                + "\n"
                + "      action: keep\n"
                + "    - source_labels: [__meta_kubernetes_pod_container_port_number]\n"
                + "      regex: \""
                + port
                + "\"\n"
                + "      action: keep\n"
                + "    - source_labels: [__meta_kubernetes_pod_node_name]\n"
                + "      target_label: node\n"));
    out.add(scrape);
    return out;
  }

  // ------------------------------------------------------------------ flannel

  private CniPlugin flannel() {
    return cni.plugin("flannel")
        .orElseThrow(() -> new IllegalStateException("cni-plugins.yaml has no flannel entry"));
  }

  private Map<String, Object> flannelConfigMap(NodeSettings s) {
    Map<String, Object> backend = new LinkedHashMap<>();
    backend.put("Type", s.network().flannelBackend());
    if (s.network().overlay()) {
      backend.put("VNI", flannel().windowsVxlanVni());
      backend.put("Port", flannel().windowsVxlanPort());
    }
    Map<String, Object> netConf = new LinkedHashMap<>();
    netConf.put("Network", s.clusterCidr());
    netConf.put("Backend", backend);

    List<Object> args = new ArrayList<>();
    args.add(policy("OutBoundNAT", map("Exceptions", List.of(s.clusterCidr(), s.serviceCidr()))));
    args.add(
        policy(
            s.network().overlay() ? "SDNROUTE" : "SDNRoute",
            map("DestinationPrefix", s.serviceCidr(), "NeedEncap", true)));
    if (s.network().overlay()) {
      // The node's own address; flannel's start script on the node fills it in.
      args.add(policy("ProviderAddress", map("ProviderAddress", "")));
    }
    Map<String, Object> delegate = new LinkedHashMap<>();
    delegate.put("type", s.network().cniDelegate());
    if (!s.network().overlay()) {
      delegate.put("optionalFlags", map("forceBridgeGateway", true));
    }
    delegate.put("AdditionalArgs", args);
    Map<String, Object> cniConf = new LinkedHashMap<>();
    cniConf.put("name", s.network().hnsNetworkName());
    cniConf.put("cniVersion", "0.3.0");
    cniConf.put("type", "flannel");
    cniConf.put("capabilities", map("portMappings", true, "dns", true));
    cniConf.put("dns", map("Nameservers", List.of(s.dnsIp())));
    cniConf.put("delegate", delegate);

    Map<String, Object> data = new LinkedHashMap<>();
    data.put(FlannelNetConf.KEY, json(netConf));
    data.put("cni-conf-containerd.json", json(cniConf));
    Map<String, Object> cm =
        object("v1", "ConfigMap", "kube-flannel-windows-cfg", s.flannelNamespace(), s);
    cm.put("data", data);
    return cm;
  }

  private Map<String, Object> flannelDaemonSet(NodeSettings s) {
    List<Object> env = new ArrayList<>();
    env.add(env("CNI_BIN_PATH", components.cniBinPath()));
    env.add(env("CNI_CONFIG_PATH", components.cniConfigPath()));
    env.add(env("SERVICE_SUBNET", s.serviceCidr()));
    env.add(fieldEnv("POD_NAME", "metadata.name"));
    env.add(fieldEnv("POD_NAMESPACE", "metadata.namespace"));
    Map<String, Object> container = container("kube-flannel", flanneldImage(s), env);
    container.put(
        "volumeMounts",
        List.of(
            map("name", "flannel-windows-cfg", "mountPath", "/mounts/kube-flannel/"),
            map("name", "flannel-windows-cfg", "mountPath", "/mounts/kube-flannel-windows/")));
    Map<String, Object> spec = podSpec(s, container);
    spec.put("serviceAccountName", s.flannelServiceAccount());
    spec.put(
        "volumes",
        List.of(
            map(
                "name",
                "flannel-windows-cfg",
                "configMap",
                map("name", "kube-flannel-windows-cfg"))));
    return daemonSet("kube-flannel-ds-windows", s.flannelNamespace(), "flannel-windows", spec, s);
  }

  private String flanneldImage(NodeSettings s) {
    return s.flannelImage() != null ? s.flannelImage() : components.flanneldImage();
  }

  // ------------------------------------------------------------------ kube-proxy

  private Map<String, Object> kubeProxyDaemonSet(NodeSettings s) {
    boolean calico = s.network().kubeProxyVariant().equals("calico");
    List<Object> env = new ArrayList<>();
    env.add(env("KUBE_NETWORK", s.network().hnsNetworkName()));
    env.add(env("CNI_BIN_PATH", components.cniBinPath()));
    // The two start scripts read the node name under different names.
    env.add(fieldEnv(calico ? "NODENAME" : "NODE_NAME", "spec.nodeName"));
    env.add(fieldEnv("POD_IP", "status.podIP"));
    String image =
        s.kubeProxyImage() != null
            ? s.kubeProxyImage()
            : components.kubeProxyImage(s.kubernetesVersion(), s.network());
    Map<String, Object> container = container("kube-proxy", image, env);
    if (calico) {
      container.put("args", List.of("$env:CONTAINER_SANDBOX_MOUNT_POINT/kube-proxy/start.ps1"));
      container.put("workingDir", "$env:CONTAINER_SANDBOX_MOUNT_POINT/kube-proxy/");
    }
    container.put(
        "volumeMounts",
        List.of(
            map(
                "name",
                "kube-proxy",
                "mountPath",
                calico ? "/var/lib/kube-proxy" : "/mounts/var/lib/kube-proxy")));
    Map<String, Object> spec = podSpec(s, container);
    spec.put("serviceAccountName", "kube-proxy");
    spec.put("volumes", List.of(map("name", "kube-proxy", "configMap", map("name", "kube-proxy"))));
    return daemonSet("kube-proxy-windows", "kube-system", "kube-proxy-windows", spec, s);
  }

  // ------------------------------------------------------------------ shared

  private Map<String, Object> podSpec(NodeSettings s, Map<String, Object> container) {
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("os", map("name", "windows"));
    spec.put("nodeSelector", map("kubernetes.io/os", "windows", "kubernetes.io/arch", "amd64"));
    spec.put("tolerations", tolerations(s));
    spec.put("hostNetwork", true);
    spec.put("priorityClassName", "system-node-critical");
    spec.put("securityContext", map("windowsOptions", hostProcess()));
    spec.put("containers", List.of(container));
    return spec;
  }

  private List<Object> tolerations(NodeSettings s) {
    Set<Toleration> all = new LinkedHashSet<>();
    all.add(new Toleration("CriticalAddonsOnly", Toleration.Operator.EXISTS, "", null));
    for (Taint t : WindowsNodeTaints.builtIn().taints()) {
      all.add(Toleration.forTaint(t));
    }
    all.addAll(s.extraTolerations());
    return all.stream().map(t -> (Object) t.toTree()).toList();
  }

  private static Map<String, Object> hostProcess() {
    return map("hostProcess", true, "runAsUserName", SYSTEM);
  }

  private static Map<String, Object> container(String name, String image, List<Object> env) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("name", name);
    c.put("image", image);
    c.put("imagePullPolicy", "IfNotPresent");
    c.put("env", env);
    c.put("resources", map("requests", map("cpu", "100m", "memory", "64Mi")));
    c.put("securityContext", map("windowsOptions", hostProcess()));
    return c;
  }

  private static Map<String, Object> daemonSet(
      String name, String namespace, String app, Map<String, Object> podSpec, NodeSettings s) {
    Map<String, Object> ds = object("apps/v1", "DaemonSet", name, namespace, s);
    Map<String, Object> labels = map("app", app);
    Map<String, Object> template = new LinkedHashMap<>();
    template.put("metadata", map("labels", labels));
    template.put("spec", podSpec);
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("selector", map("matchLabels", labels));
    spec.put("updateStrategy", map("type", "RollingUpdate"));
    spec.put("template", template);
    ds.put("spec", spec);
    return ds;
  }

  private static Map<String, Object> object(
      String apiVersion, String kind, String name, String namespace, NodeSettings s) {
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("name", name);
    if (namespace != null) {
      metadata.put("namespace", namespace);
    }
    metadata.put(
        "labels", map("app.kubernetes.io/managed-by", "winfleet", "kubernetes.io/os", "windows"));
    metadata.put("annotations", map(SETTINGS_ANNOTATION, settingsText(s)));
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("apiVersion", apiVersion);
    o.put("kind", kind);
    o.put("metadata", metadata);
    return o;
  }

  /** {@code cni=flannel-vxlan clusterCIDR=... serviceCIDR=... clusterDNS=... kubernetes=...}. */
  static String settingsText(NodeSettings s) {
    return "cni="
        + s.network().id()
        + " clusterCIDR="
        + s.clusterCidr()
        + " serviceCIDR="
        + s.serviceCidr()
        + " clusterDNS="
        + s.dnsIp()
        + " kubernetes="
        + s.kubernetesVersion();
  }

  private static Map<String, Object> env(String name, String value) {
    return map("name", name, "value", value);
  }

  private static Map<String, Object> fieldEnv(String name, String fieldPath) {
    return map("name", name, "valueFrom", map("fieldRef", map("fieldPath", fieldPath)));
  }

  private static Map<String, Object> policy(String type, Map<String, Object> settings) {
    return map("Name", "EndpointPolicy", "Value", map("Type", type, "Settings", settings));
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }

  private static Map<String, Object> map(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }
}
