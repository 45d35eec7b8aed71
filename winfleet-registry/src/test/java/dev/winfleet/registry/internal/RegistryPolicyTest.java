package dev.winfleet.registry.internal;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.winfleet.registry.api.RegistryException;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegistryPolicyTest {

  @Test
  void wildcardsMatchSubdomainsAndPatternsWithoutPortMatchAnyPort() {
    RegistryPolicy p =
        new RegistryPolicy(List.of("*.azurecr.io", "localhost", "mcr.microsoft.com"), List.of());
    assertThatCode(() -> p.check("fleet.azurecr.io")).doesNotThrowAnyException();
    assertThatCode(() -> p.check("localhost:5000")).doesNotThrowAnyException();
    assertThatCode(() -> p.check("MCR.microsoft.com")).doesNotThrowAnyException();
    assertThatThrownBy(() -> p.check("azurecr.io.evil.example"))
        .isInstanceOf(RegistryException.class);
    assertThatThrownBy(() -> p.check("docker.io")).hasMessageContaining("not on the allow list");
  }

  @Test
  void denyWinsOverAllowAndPortsMustMatchWhenGiven() {
    RegistryPolicy p =
        new RegistryPolicy(
            List.of("*.example.com"), List.of("bad.example.com", "ok.example.com:444"));
    assertThatThrownBy(() -> p.check("bad.example.com:5000")).hasMessageContaining("deny list");
    assertThatThrownBy(() -> p.check("ok.example.com:444")).hasMessageContaining("deny list");
    assertThatCode(() -> p.check("ok.example.com")).doesNotThrowAnyException();
  }
}
