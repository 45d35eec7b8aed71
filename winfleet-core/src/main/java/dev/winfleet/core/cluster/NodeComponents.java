package dev.winfleet.core.cluster;

import dev.winfleet.core.catalog.CatalogFiles;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the Windows node components need, from {@code windows-node-components.yaml}: their
 * HostProcess images, the node's CNI folders, and one network per {@code --cni} choice. (The taints
 * of Windows nodes are {@link dev.winfleet.core.fleet.WindowsNodeTaints}.)
 */
public final class NodeComponents {

  static final String RESOURCE = "/dev/winfleet/core/cluster/windows-node-components.yaml";

  /**
   * One {@code --cni} choice.
   *
   * @param cni the plugin id in {@code cni-plugins.yaml}
   * @param flannelBackend the flannel backend, or null for other plugins
   * @param windowsMode the Windows (HNS) network mode
   * @param hnsNetworkName the HNS network kube-proxy attaches to
   * @param cniDelegate the Windows CNI plugin flannel delegates to, or null
   * @param kubeProxyVariant the variant in the kube-proxy image tag
   */
  public record Network(
      String id,
      String cni,
      String flannelBackend,
      String windowsMode,
      String hnsNetworkName,
      String cniDelegate,
      String kubeProxyVariant,
      boolean overlay) {
    public Network {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(cni, "cni");
      Objects.requireNonNull(hnsNetworkName, "hnsNetworkName");
      Objects.requireNonNull(kubeProxyVariant, "kubeProxyVariant");
    }

    public boolean isFlannel() {
      return flannelBackend != null;
    }
  }

  private final File file;
  private final List<Network> networks;

  private NodeComponents(File file) {
    this.file = file;
    this.networks =
        file.networks.stream()
            .map(
                n ->
                    new Network(
                        n.id,
                        n.cni,
                        n.flannelBackend,
                        n.windowsMode,
                        n.hnsNetworkName,
                        n.cniDelegate,
                        n.kubeProxyVariant,
                        n.overlay))
            .toList();
  }

  public static NodeComponents builtIn() {
    return BuiltIn.COMPONENTS;
  }

  private static final class BuiltIn {
    static final NodeComponents COMPONENTS =
        new NodeComponents(CatalogFiles.read(RESOURCE, File.class));
  }

  static final class File {
    public Images images;
    public String cniBinPath;
    public String cniConfigPath;
    public List<NetworkEntry> networks;
    public Metrics metrics;
  }

  /** windows_exporter's settings for {@code node manifests --with-metrics}. */
  static final class Metrics {
    public String namespace;
    public int port;
    public String collectors;
    public String serviceInclude;
  }

  static final class Images {
    public Image kubeProxy;
    public Image flanneld;
    public Image windowsExporter;
  }

  static final class Image {
    public String repository;
    public String tag;
    public String source;
  }

  static final class NetworkEntry {
    public String id;
    public String cni;
    public String flannelBackend;
    public String windowsMode;
    public String hnsNetworkName;
    public String cniDelegate;
    public String kubeProxyVariant;
    public boolean overlay;
  }

  public List<Network> networks() {
    return networks;
  }

  public Optional<Network> network(String id) {
    return networks.stream().filter(n -> n.id().equals(id)).findFirst();
  }

  /** The {@code --cni} choices, for usage messages. */
  public List<String> networkIds() {
    return networks.stream().map(Network::id).toList();
  }

  /**
   * The kube-proxy HostProcess image for a Kubernetes version.
   *
   * @param gitVersion {@code v1.33.1}
   */
  public String kubeProxyImage(String gitVersion, Network network) {
    return file.images.kubeProxy.repository
        + ":"
        + file.images
            .kubeProxy
            .tag
            .replace("{version}", gitVersion)
            .replace("{variant}", network.kubeProxyVariant());
  }

  public String flanneldImage() {
    return file.images.flanneld.repository + ":" + file.images.flanneld.tag;
  }

  /** The windows_exporter image: built on the HostProcess base image, so for every build. */
  public String windowsExporterImage() {
    return file.images.windowsExporter.repository + ":" + file.images.windowsExporter.tag;
  }

  public String metricsNamespace() {
    return file.metrics.namespace;
  }

  public int metricsPort() {
    return file.metrics.port;
  }

  public String metricsCollectors() {
    return file.metrics.collectors;
  }

  public String metricsServiceInclude() {
    return file.metrics.serviceInclude;
  }

  public String cniBinPath() {
    return file.cniBinPath;
  }

  public String cniConfigPath() {
    return file.cniConfigPath;
  }
}
