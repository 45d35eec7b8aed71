package dev.winfleet.core.cluster;

import dev.winfleet.core.fleet.Toleration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The settings Windows node components must share with the control plane.
 *
 * @param clusterCidr the pod network, e.g. {@code 10.244.0.0/16}
 * @param serviceCidr the Service network, e.g. {@code 10.96.0.0/12}
 * @param dnsIp the cluster DNS Service address, e.g. {@code 10.96.0.10}
 * @param kubernetesVersion the Kubernetes version with patch level, {@code v1.33.1}
 * @param flannelNamespace where flannel runs (its ConfigMap and ServiceAccount live there)
 * @param flannelServiceAccount the ServiceAccount flannel's pods use
 * @param extraTolerations tolerations for taints the cluster's Windows nodes carry beyond the usual
 *     ones
 * @param kubeProxyImage null: the image from the data file
 * @param flannelImage null: the image from the data file
 */
public record NodeSettings(
    NodeComponents.Network network,
    String clusterCidr,
    String serviceCidr,
    String dnsIp,
    String kubernetesVersion,
    String flannelNamespace,
    String flannelServiceAccount,
    List<Toleration> extraTolerations,
    String kubeProxyImage,
    String flannelImage) {

  private static final Pattern IPV4 =
      Pattern.compile(
          "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
  private static final Pattern VERSION = Pattern.compile("v\\d+\\.\\d+\\.\\d+");

  public NodeSettings {
    Objects.requireNonNull(network, "network");
    requireCidr("cluster CIDR", clusterCidr);
    requireCidr("service CIDR", serviceCidr);
    if (dnsIp == null || !IPV4.matcher(dnsIp).matches()) {
      throw new IllegalArgumentException(
          "the cluster DNS address must be an IPv4 address such as 10.96.0.10, got " + dnsIp);
    }
    if (kubernetesVersion == null || !VERSION.matcher(kubernetesVersion).matches()) {
      throw new IllegalArgumentException(
          "the Kubernetes version needs its patch level, such as v1.33.1, got "
              + kubernetesVersion);
    }
    flannelNamespace = flannelNamespace == null ? "kube-flannel" : flannelNamespace;
    flannelServiceAccount = flannelServiceAccount == null ? "flannel" : flannelServiceAccount;
    extraTolerations = extraTolerations == null ? List.of() : List.copyOf(extraTolerations);
  }

  /** Whether text is an IPv4 CIDR such as {@code 10.244.0.0/16}. */
  public static boolean isCidr(String text) {
    if (text == null) {
      return false;
    }
    String[] parts = text.split("/", -1);
    if (parts.length != 2 || !IPV4.matcher(parts[0]).matches()) {
      return false;
    }
    try {
      int bits = Integer.parseInt(parts[1]);
      return bits >= 0 && bits <= 32;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** Whether text is an IPv4 address. */
  public static boolean isIp(String text) {
    return text != null && IPV4.matcher(text).matches();
  }

  private static void requireCidr(String what, String value) {
    if (!isCidr(value)) {
      throw new IllegalArgumentException(
          "the " + what + " must be an IPv4 CIDR such as 10.244.0.0/16, got " + value);
    }
  }
}
