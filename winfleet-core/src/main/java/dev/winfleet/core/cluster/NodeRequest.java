package dev.winfleet.core.cluster;

/**
 * What the user asked {@code winfleet node manifests} for; null fields were not given.
 *
 * @param cni a network id of {@code windows-node-components.yaml} ({@code flannel-vxlan}, ...)
 */
public record NodeRequest(
    String cni,
    String clusterCidr,
    String serviceCidr,
    String dnsIp,
    String kubernetesVersion,
    String kubeProxyImage,
    String flannelImage) {}
