package dev.winfleet.registry.internal;

import dev.winfleet.registry.api.ErrorKind;
import dev.winfleet.registry.api.RegistryException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Set;

/**
 * Refuses addresses a registry must never make winfleet call: link-local addresses (where cloud
 * metadata services live), the known metadata hosts and addresses, "any" and multicast addresses.
 * Checked for registries, token realms and every redirect (go-containerregistry#2193).
 */
public final class AddressPolicy {

  private static final Set<String> METADATA_HOSTS =
      Set.of(
          "metadata.google.internal",
          "metadata.goog",
          "metadata.azure.internal",
          "instance-data",
          "instance-data.ec2.internal");

  private static final Set<String> METADATA_ADDRESSES =
      Set.of(
          "169.254.169.254", // AWS, Azure, GCP, OCI, OpenStack
          "169.254.170.2", // AWS ECS task metadata
          "100.100.100.200", // Alibaba Cloud
          "fd00:ec2:0:0:0:0:0:254"); // AWS IPv6

  private AddressPolicy() {}

  /**
   * @param host a host name or IP literal (IPv6 with or without brackets)
   * @param registry the registry the call is for, named in the error
   * @param what what is being called, such as "token realm", named in the error
   * @throws RegistryException {@link ErrorKind#BLOCKED} for a forbidden address, {@link
   *     ErrorKind#UNREACHABLE} for a name that does not resolve
   */
  public static void check(String host, String registry, String what) {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    if (h.endsWith(".")) {
      h = h.substring(0, h.length() - 1);
    }
    if (METADATA_HOSTS.contains(h)) {
      throw blocked(host, registry, what, "a cloud metadata service");
    }
    InetAddress[] addresses;
    try {
      addresses = InetAddress.getAllByName(h);
    } catch (UnknownHostException e) {
      throw new RegistryException(
          ErrorKind.UNREACHABLE,
          registry,
          "cannot resolve " + what + " host '" + host + "'; check the name and DNS",
          e);
    }
    for (InetAddress a : addresses) {
      String reason = forbiddenReason(a);
      if (reason != null) {
        throw blocked(host, registry, what, reason + " (" + a.getHostAddress() + ")");
      }
    }
  }

  /** Why this address is forbidden, or null when it is allowed. */
  static String forbiddenReason(InetAddress a) {
    InetAddress addr = unmapIpv4(a);
    if (METADATA_ADDRESSES.contains(addr.getHostAddress())) {
      return "a cloud metadata address";
    }
    if (addr.isLinkLocalAddress()) {
      return "a link-local address";
    }
    if (addr.isAnyLocalAddress()) {
      return "the unspecified address";
    }
    if (addr.isMulticastAddress()) {
      return "a multicast address";
    }
    return null;
  }

  private static InetAddress unmapIpv4(InetAddress a) {
    if (a instanceof Inet6Address) {
      byte[] b = a.getAddress();
      boolean mapped = true;
      for (int i = 0; i < 10; i++) {
        mapped &= b[i] == 0;
      }
      mapped &= (b[10] == (byte) 0xff && b[11] == (byte) 0xff);
      if (mapped) {
        try {
          return InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
        } catch (UnknownHostException e) {
          return a;
        }
      }
    }
    return a;
  }

  private static RegistryException blocked(
      String host, String registry, String what, String reason) {
    return new RegistryException(
        ErrorKind.BLOCKED,
        registry,
        "refusing to call "
            + what
            + " '"
            + host
            + "': it is "
            + reason
            + "; a registry must not send winfleet there");
  }
}
