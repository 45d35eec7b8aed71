package dev.winfleet.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.winfleet.core.cluster.ClusterNetwork;
import dev.winfleet.core.cluster.ClusterSnapshot;
import dev.winfleet.core.cluster.CniCatalog;
import dev.winfleet.core.cluster.CniPlugin;
import dev.winfleet.core.cluster.FlannelNetConf;
import dev.winfleet.core.cluster.NodeRequest;
import dev.winfleet.core.cluster.NodeSettings;
import dev.winfleet.core.cluster.NodeSettingsException;
import dev.winfleet.core.cluster.NodeSettingsResolver;
import dev.winfleet.core.cluster.WindowsNodeManifests;
import dev.winfleet.core.manifest.YamlFormat;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code winfleet node manifests}: the HostProcess DaemonSets Windows nodes need. */
@Command(
    name = "manifests",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Print the objects that run the node components on Windows nodes as HostProcess"
          + " DaemonSets, for 'kubectl apply -f -': kube-proxy for every CNI and, for flannel,"
          + " the flannel daemon with its Windows network configuration (VNI 4096 and UDP port"
          + " 4789 for vxlan). They land on Windows nodes only.",
      "",
      "With --kubeconfig the settings come from the cluster: the cluster CIDR from flannel's"
          + " net-conf.json or kubeadm's ClusterConfiguration, the service CIDR from the API"
          + " server's ServiceCIDR or kubeadm's ClusterConfiguration, the DNS address from the"
          + " kube-dns Service, the version from the API server. Parameters given as well must"
          + " agree with the cluster; a disagreement is refused with the cluster's value."
          + " Without --kubeconfig, give --cluster-cidr, --service-cidr, --dns-ip and"
          + " --kubernetes-version.",
      ""
    },
    footerHeading = "%nExit codes:%n",
    footer = {
      "  0  manifests printed",
      "  2  bad usage, a parameter that disagrees with the cluster, or an unreachable cluster",
      "",
      "Examples:",
      "  winfleet node manifests --kubeconfig ~/.kube/config --cni flannel-vxlan | kubectl apply"
          + " -f -",
      "  winfleet node manifests --cni flannel-host-gw --cluster-cidr 10.244.0.0/16"
          + " --service-cidr 10.96.0.0/12 --dns-ip 10.96.0.10 --kubernetes-version 1.33.1",
      "  winfleet node manifests --cni calico --kubeconfig k.yaml > windows-node.yaml"
    })
final class NodeManifestsCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--kubeconfig",
      paramLabel = "FILE",
      description = "Read the settings from the live cluster of this kubeconfig.")
  Path kubeconfig;

  @Option(
      names = "--context",
      paramLabel = "C",
      description = "The kubeconfig context to use (default: its current context).")
  String context;

  @Option(
      names = "--cni",
      paramLabel = "CNI",
      required = true,
      description = "The cluster's network: flannel-vxlan, flannel-host-gw or calico.")
  String cni;

  @Option(names = "--cluster-cidr", paramLabel = "CIDR", description = "The pod network.")
  String clusterCidr;

  @Option(names = "--service-cidr", paramLabel = "CIDR", description = "The Service network.")
  String serviceCidr;

  @Option(
      names = "--dns-ip",
      paramLabel = "IP",
      description = "The cluster DNS Service address (kube-dns).")
  String dnsIp;

  @Option(
      names = "--kubernetes-version",
      paramLabel = "V",
      description =
          "The Kubernetes version with its patch level, e.g. 1.33.1 (default with --kubeconfig:"
              + " the API server's).")
  String kubernetesVersion;

  @Option(
      names = "--kube-proxy-image",
      paramLabel = "REF",
      description = "Another kube-proxy HostProcess image (default: sig-windows-tools').")
  String kubeProxyImage;

  @Option(
      names = "--flannel-image",
      paramLabel = "REF",
      description = "Another flannel HostProcess image (default: sig-windows-tools').")
  String flannelImage;

  @Option(
      names = "--with-metrics",
      description =
          "Also print windows_exporter as a HostProcess DaemonSet (namespace monitoring, port"
              + " 9182, the container collector on), its Service, a Prometheus Operator"
              + " ServiceMonitor and a scrape job for a plain Prometheus.")
  boolean withMetrics;

  @Override
  public Integer call() {
    if (context != null && kubeconfig == null) {
      throw new UserException("--context needs --kubeconfig");
    }
    NodeRequest request =
        new NodeRequest(
            cni, clusterCidr, serviceCidr, dnsIp, kubernetesVersion, kubeProxyImage, flannelImage);
    NodeSettingsResolver resolver = NodeSettingsResolver.builtIn();
    NodeSettings settings;
    try {
      if (kubeconfig == null) {
        settings = resolver.resolve(request);
      } else {
        ClusterSnapshot cluster = KubeCluster.read(kubeconfig, context);
        settings = resolver.resolve(request, cluster);
        warnAboutFlannel(cluster, settings);
      }
    } catch (NodeSettingsException e) {
      throw new UserException(e.render(NodeManifestsCommand::flag), e);
    }
    PrintWriter out = spec.commandLine().getOut();
    WindowsNodeManifests manifests = WindowsNodeManifests.builtIn();
    List<Map<String, Object>> objects = new ArrayList<>(manifests.objects(settings));
    if (withMetrics) {
      objects.addAll(manifests.metricsObjects(settings));
    }
    out.print(yaml(objects));
    out.flush();
    return ExitCodes.OK;
  }

  /** The Linux side of flannel must use the Windows VXLAN values too; say so when it does not. */
  private void warnAboutFlannel(ClusterSnapshot cluster, NodeSettings settings) {
    if (!settings.network().overlay() || !settings.network().isFlannel()) {
      return;
    }
    CniCatalog catalog = CniCatalog.builtIn();
    CniPlugin flannel = catalog.plugin("flannel").orElseThrow();
    ClusterNetwork.of(cluster, catalog)
        .flannel()
        .ifPresent(
            f -> {
              FlannelNetConf c = f.netConf();
              if (c.vni() == null
                  || c.vni() != flannel.windowsVxlanVni()
                  || c.port() == null
                  || c.port() != flannel.windowsVxlanPort()) {
                PrintWriter err = spec.commandLine().getErr();
                err.println(
                    "winfleet: note: "
                        + f.display()
                        + " does not set VNI "
                        + flannel.windowsVxlanVni()
                        + " and Port "
                        + flannel.windowsVxlanPort()
                        + "; Windows nodes cannot reach the Linux nodes until it does"
                        + " ('winfleet cluster check' explains)");
                err.flush();
              }
            });
  }

  private static final YAMLMapper YAML =
      YamlFormat.mapper(b -> b.enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE));

  static String yaml(List<Map<String, Object>> objects) {
    StringBuilder sb = new StringBuilder();
    for (Map<String, Object> o : objects) {
      try {
        sb.append(YAML.writeValueAsString(o));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("cannot write YAML", e);
      }
    }
    return sb.toString();
  }

  /** The flag that gives a node setting: {@code --cluster-cidr}; the cluster is --kubeconfig. */
  static String flag(NodeSettingsException.Parameter p) {
    return p == NodeSettingsException.Parameter.CLUSTER
        ? "--kubeconfig"
        : "--" + p.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }
}
