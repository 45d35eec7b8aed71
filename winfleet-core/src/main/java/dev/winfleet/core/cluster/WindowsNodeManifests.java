package dev.winfleet.core.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.winfleet.core.fleet.Taint;
import dev.winfleet.core.fleet.Toleration;
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
    for (Taint t : components.windowsTaints()) {
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
    metadata.put("namespace", namespace);
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
