package dev.winfleet.core.cluster;

import dev.winfleet.core.manifest.ManifestObject;
import dev.winfleet.core.manifest.ManifestReader;
import dev.winfleet.core.manifest.Values;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The network facts of a cluster that Windows nodes must agree with, derived from a snapshot: the
 * CNI(s) its DaemonSets run, flannel's configuration, the cluster CIDR, the service CIDR and the
 * cluster DNS address, each with where it was found.
 */
public final class ClusterNetwork {

  /** A DaemonSet recognised as part of a network plugin. */
  public record RecognisedCni(CniPlugin plugin, ManifestObject daemonSet) {}

  /** flannel's ConfigMap and what its net-conf.json says. */
  public record FlannelConfig(ManifestObject configMap, FlannelNetConf netConf) {
    public String display() {
      return "ConfigMap " + qualified(configMap);
    }
  }

  private static final String DNS_SERVICE = "kube-dns";

  private final List<RecognisedCni> cnis;
  private final Optional<FlannelConfig> flannel;
  private final Optional<Setting> clusterCidr;
  private final Optional<Setting> serviceCidr;
  private final Optional<Setting> dnsIp;
  private final Optional<ManifestObject> dnsService;

  private ClusterNetwork(ClusterSnapshot snapshot, CniCatalog catalog) {
    List<RecognisedCni> found = new ArrayList<>();
    for (ManifestObject ds : snapshot.daemonSets()) {
      catalog.recognise(ds).ifPresent(p -> found.add(new RecognisedCni(p, ds)));
    }
    this.cnis = List.copyOf(found);
    this.flannel = flannelConfig(snapshot, catalog);
    Optional<Map<String, Object>> kubeadm = kubeadmNetworking(snapshot);
    Optional<Setting> cidr =
        flannel
            .filter(f -> f.netConf().network() != null)
            .map(f -> new Setting(f.netConf().network(), f.display() + ", net-conf.json Network"));
    if (cidr.isEmpty()) {
      cidr =
          kubeadm
              .map(n -> Values.string(n.get("podSubnet")))
              .map(
                  v ->
                      new Setting(v, "ConfigMap kube-system/kubeadm-config, networking.podSubnet"));
    }
    this.clusterCidr = cidr;
    Optional<Setting> services = serviceCidrObject(snapshot);
    if (services.isEmpty()) {
      services =
          kubeadm
              .map(n -> Values.string(n.get("serviceSubnet")))
              .map(
                  v ->
                      new Setting(
                          v, "ConfigMap kube-system/kubeadm-config, networking.serviceSubnet"));
    }
    this.serviceCidr = services;
    this.dnsService = snapshot.find("Service", "kube-system", DNS_SERVICE);
    this.dnsIp =
        dnsService
            .map(s -> Values.getString(s.tree(), "spec", "clusterIP"))
            .filter(ip -> !ip.isBlank() && !ip.equals("None"))
            .map(ip -> new Setting(ip, "Service kube-system/kube-dns, spec.clusterIP"));
  }

  public static ClusterNetwork of(ClusterSnapshot snapshot, CniCatalog catalog) {
    return new ClusterNetwork(snapshot, catalog);
  }

  /** Every DaemonSet recognised as part of a network plugin, in snapshot order. */
  public List<RecognisedCni> cnis() {
    return cnis;
  }

  /** The distinct plugins, first DaemonSet of each. */
  public List<RecognisedCni> plugins() {
    Map<String, RecognisedCni> first = new LinkedHashMap<>();
    for (RecognisedCni c : cnis) {
      first.putIfAbsent(c.plugin().id(), c);
    }
    return List.copyOf(first.values());
  }

  public Optional<RecognisedCni> plugin(String id) {
    return cnis.stream().filter(c -> c.plugin().id().equals(id)).findFirst();
  }

  public Optional<FlannelConfig> flannel() {
    return flannel;
  }

  public Optional<Setting> clusterCidr() {
    return clusterCidr;
  }

  public Optional<Setting> serviceCidr() {
    return serviceCidr;
  }

  public Optional<Setting> dnsIp() {
    return dnsIp;
  }

  /** The {@code kube-system/kube-dns} Service, which selects the cluster DNS pods. */
  public Optional<ManifestObject> dnsService() {
    return dnsService;
  }

  private static Optional<FlannelConfig> flannelConfig(
      ClusterSnapshot snapshot, CniCatalog catalog) {
    List<String> names =
        catalog.plugin("flannel").map(CniPlugin::configMaps).orElse(List.of("kube-flannel-cfg"));
    for (ManifestObject cm : snapshot.ofKind("ConfigMap")) {
      if (!names.contains(cm.name())) {
        continue;
      }
      String json = Values.getString(cm.tree(), "data", FlannelNetConf.KEY);
      Optional<FlannelNetConf> conf = FlannelNetConf.parse(json);
      if (conf.isPresent()) {
        return Optional.of(new FlannelConfig(cm, conf.get()));
      }
    }
    return Optional.empty();
  }

  /** kubeadm's ClusterConfiguration {@code networking} section, if the cluster has one. */
  private static Optional<Map<String, Object>> kubeadmNetworking(ClusterSnapshot snapshot) {
    Optional<ManifestObject> cm = snapshot.find("ConfigMap", "kube-system", "kubeadm-config");
    if (cm.isEmpty()) {
      return Optional.empty();
    }
    String text = Values.getString(cm.get().tree(), "data", "ClusterConfiguration");
    if (text == null) {
      return Optional.empty();
    }
    for (ManifestObject o : ManifestReader.defaults().read("kubeadm-config", text).objects()) {
      Map<String, Object> networking = Values.map(o.tree().get("networking"));
      if (!networking.isEmpty()) {
        return Optional.of(networking);
      }
    }
    return Optional.empty();
  }

  /** The API server's ServiceCIDR objects (networking.k8s.io/v1, Kubernetes 1.33 and later). */
  private static Optional<Setting> serviceCidrObject(ClusterSnapshot snapshot) {
    for (ManifestObject o : snapshot.ofKind("ServiceCIDR")) {
      List<String> cidrs = new ArrayList<>();
      for (Object c : Values.list(Values.get(o.tree(), "spec", "cidrs"))) {
        String s = Values.string(c);
        if (s != null && !s.contains(":")) {
          cidrs.add(s); // IPv4 first; the Windows manifests are IPv4
        }
      }
      if (!cidrs.isEmpty()) {
        return Optional.of(new Setting(cidrs.get(0), "ServiceCIDR " + o.name() + ", spec.cidrs"));
      }
    }
    return Optional.empty();
  }

  /** {@code namespace/name}, or the name. */
  static String qualified(ManifestObject o) {
    return o.namespace() == null ? o.name() : o.namespace() + "/" + o.name();
  }
}
