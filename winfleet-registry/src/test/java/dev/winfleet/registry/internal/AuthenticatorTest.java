package dev.winfleet.registry.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.winfleet.registry.api.ErrorKind;
import dev.winfleet.registry.api.InspectorConfig;
import dev.winfleet.registry.api.RegistryException;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AuthenticatorTest {

  private final InspectorConfig config =
      InspectorConfig.builder().insecureRegistries(Set.of("127.0.0.1:5000")).build();
  private final Authenticator auth =
      new Authenticator(config, new HttpTransport(config, new Stats()), new Stats());

  private static void blocked(Runnable r, String text) {
    assertThatThrownBy(r::run)
        .isInstanceOfSatisfying(
            RegistryException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.BLOCKED))
        .hasMessageContaining(text);
  }

  @Test
  void acceptsHttpsRealmsAndPlainHttpOnlyOnAnInsecureRegistrysOwnHost() {
    assertThat(auth.checkedRealm("127.0.0.1:5000", "https://127.0.0.1:8443/token").getPort())
        .isEqualTo(8443);
    assertThat(auth.checkedRealm("127.0.0.1:5000", "http://127.0.0.1:5001/token").getScheme())
        .isEqualTo("http");
    blocked(() -> auth.checkedRealm("127.0.0.1:5000", "http://localhost:5001/token"), "plain-HTTP");
    blocked(
        () -> auth.checkedRealm("registry.example:5000", "http://registry.example/token"),
        "plain-HTTP");
    blocked(() -> auth.checkedRealm("127.0.0.1:5000", "ftp://127.0.0.1/token"), "not an https URL");
    blocked(() -> auth.checkedRealm("127.0.0.1:5000", "https://169.254.169.254/token"), "metadata");
    blocked(() -> auth.checkedRealm("127.0.0.1:5000", "https://[fe80::1]/token"), "link-local");
  }

  @Test
  void aChallengeWithoutRealmIsAnInvalidResponse() {
    assertThatThrownBy(() -> auth.checkedRealm("r.example", " "))
        .isInstanceOfSatisfying(
            RegistryException.class,
            e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_RESPONSE));
  }
}
