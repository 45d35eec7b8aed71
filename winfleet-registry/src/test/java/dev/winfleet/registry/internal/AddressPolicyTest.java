package dev.winfleet.registry.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.winfleet.registry.api.ErrorKind;
import dev.winfleet.registry.api.RegistryException;
import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AddressPolicyTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "169.254.169.254",
        "169.254.1.1",
        "[fe80::1]",
        "fe80::abcd",
        "0.0.0.0",
        "100.100.100.200",
        "[fd00:ec2::254]",
        "::ffff:169.254.169.254",
        "metadata.google.internal",
        "METADATA.GOOGLE.INTERNAL.",
        "224.0.0.1"
      })
  void refusesMetadataLinkLocalAndUnspecifiedAddresses(String host) {
    assertThatThrownBy(() -> AddressPolicy.check(host, "r", "registry"))
        .isInstanceOfSatisfying(
            RegistryException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.BLOCKED));
  }

  @ParameterizedTest
  @ValueSource(strings = {"127.0.0.1", "10.1.2.3", "192.168.1.10", "[::1]", "8.8.8.8"})
  void allowsLoopbackPrivateAndPublicAddresses(String host) throws Exception {
    AddressPolicy.check(host, "r", "registry");
    assertThat(
            AddressPolicy.forbiddenReason(
                InetAddress.getByName(host.replace("[", "").replace("]", ""))))
        .isNull();
  }
}
