package dev.winfleet.registry.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.winfleet.core.image.ImageReference;
import dev.winfleet.registry.testing.ImagePusher;
import dev.winfleet.registry.testing.ImagePusher.Os;
import dev.winfleet.registry.testing.LocalRegistry;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A real registry with htpasswd Basic authentication. */
class BasicAuthIT {

  @RegisterExtension
  static final LocalRegistry REGISTRY = LocalRegistry.withBasicAuth("fleet", "s3cret:with,colon");

  @BeforeAll
  static void push() {
    REGISTRY
        .pusher()
        .image(
            "private/app",
            "1.0",
            true,
            Os.windows("10.0.20348.2762"),
            ImagePusher.layers("p", 100));
  }

  private static RegistryInspector inspector() {
    return RegistryInspector.create(
        InspectorConfig.builder().insecureRegistries(Set.of(REGISTRY.host())).build());
  }

  private static String secretFor(String user, String password) {
    String auth =
        Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    return "{\"auths\":{\"" + REGISTRY.host() + "\":{\"auth\":\"" + auth + "\"}}}";
  }

  private static ImageReference ref() {
    return ImageReference.parse(REGISTRY.host() + "/private/app:1.0");
  }

  @Test
  void readsWithCredentialsFromAPullSecret() {
    try (RegistryInspector inspector = inspector()) {
      CredentialSource secret =
          DockerConfigCredentials.fromKubernetesSecret(secretFor("fleet", "s3cret:with,colon"));
      InspectionResult r =
          inspector.inspect(ref(), InspectOptions.defaults().withCredentials(secret));
      assertThat(r.succeeded()).as("%s", r).isTrue();
      // The registry is known to want Basic now: the next call sends it at once.
      inspector.inspect(
          ImageReference.parse(REGISTRY.host() + "/private/app:2.0"),
          InspectOptions.defaults().withCredentials(secret));
      assertThat(inspector.stats().tokenRequests()).isZero();
    }
  }

  @Test
  void withoutCredentialsSaysThatTheRegistryWantsThem() {
    try (RegistryInspector inspector = inspector()) {
      InspectionResult r = inspector.inspect(ref(), InspectOptions.defaults());
      RegistryError e = ((InspectionResult.Failed) r).error();
      assertThat(e.kind()).isEqualTo(ErrorKind.UNAUTHORIZED);
      assertThat(e.message())
          .contains("wants credentials")
          .contains("docker login " + REGISTRY.host());
    }
  }

  @Test
  void wrongCredentialsAreReportedAsRejected() {
    try (RegistryInspector inspector = inspector()) {
      CredentialSource wrong =
          DockerConfigCredentials.fromKubernetesSecret(secretFor("fleet", "nope"));
      List<InspectionResult> rs =
          inspector.inspect(List.of(ref()), InspectOptions.defaults().withCredentials(wrong));
      RegistryError e = ((InspectionResult.Failed) rs.get(0)).error();
      assertThat(e.kind()).isEqualTo(ErrorKind.UNAUTHORIZED);
      assertThat(e.message()).contains("rejected the credentials").doesNotContain("nope");
    }
  }
}
