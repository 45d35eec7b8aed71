package dev.winfleet.registry.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.winfleet.core.image.ImageReference;
import dev.winfleet.registry.testing.ImagePusher;
import dev.winfleet.registry.testing.ImagePusher.Os;
import dev.winfleet.registry.testing.LocalRegistry;
import dev.winfleet.registry.testing.TokenServer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A real registry with Distribution's token authentication, and a token server of the test's own
 * (HTTPS, RS256 tokens with an x5c certificate the registry trusts).
 */
class BearerTokenAuthIT {

  @RegisterExtension
  @Order(1)
  static final TokenServer TOKENS = new TokenServer("robot", "pa55", "refresh-me");

  @RegisterExtension
  @Order(2)
  static final LocalRegistry REGISTRY = LocalRegistry.withTokenAuth(TOKENS);

  @RegisterExtension
  @Order(3)
  static final LocalRegistry METADATA_REALM =
      LocalRegistry.withTokenAuth(TOKENS, "https://169.254.169.254/latest/api/token");

  @RegisterExtension
  @Order(4)
  static final LocalRegistry PLAIN_HTTP_REALM =
      LocalRegistry.withTokenAuth(TOKENS, "http://localhost:1/token");

  @BeforeAll
  static void push() {
    ImagePusher p = REGISTRY.pusher();
    p.image("team/a", "1", true, Os.windows("10.0.17763.5206"), ImagePusher.layers("a1", 100));
    p.image("team/a", "2", true, Os.windows("10.0.20348.2762"), ImagePusher.layers("a2", 100));
    p.image("team/b", "1", true, Os.linux(), ImagePusher.layers("b1", 100));
  }

  private static RegistryInspector inspector(String... insecure) {
    return RegistryInspector.create(
        InspectorConfig.builder()
            .insecureRegistries(Set.of(insecure))
            .sslContext(TOKENS.clientSslContext())
            .build());
  }

  private static CredentialSource robot() {
    String auth = Base64.getEncoder().encodeToString("robot:pa55".getBytes(StandardCharsets.UTF_8));
    return DockerConfigCredentials.fromConfigJson(
        "{\"auths\":{\"http://" + REGISTRY.host() + "/v2/\":{\"auth\":\"" + auth + "\"}}}");
  }

  @Test
  void fetchesATokenFromTheRealmAndKeepsItUntilItExpires() {
    try (RegistryInspector inspector = inspector(REGISTRY.host())) {
      InspectOptions options = InspectOptions.defaults().withCredentials(robot());
      List<InspectionResult> rs =
          inspector.inspect(List.of(ImageReference.parse(REGISTRY.host() + "/team/a:1")), options);
      assertThat(rs.get(0).succeeded()).as("%s", rs.get(0)).isTrue();
      assertThat(inspector.stats().tokenRequests()).isEqualTo(1);

      InspectionResult second =
          inspector.inspect(ImageReference.parse(REGISTRY.host() + "/team/a:2"), options);
      assertThat(second.succeeded()).as("%s", second).isTrue();
      assertThat(inspector.stats().tokenRequests())
          .as("same repository: cached token")
          .isEqualTo(1);

      InspectionResult other =
          inspector.inspect(ImageReference.parse(REGISTRY.host() + "/team/b:1"), options);
      assertThat(other.succeeded()).as("%s", other).isTrue();
      assertThat(inspector.stats().tokenRequests())
          .as("another repository: another scope")
          .isEqualTo(2);
    }
  }

  @Test
  void anIdentityTokenIsExchangedWithARefreshTokenGrant() {
    try (RegistryInspector inspector = inspector(REGISTRY.host())) {
      CredentialSource identity =
          DockerConfigCredentials.fromKubernetesSecret(
              "{\"auths\":{\"" + REGISTRY.host() + "\":{\"identitytoken\":\"refresh-me\"}}}");
      InspectionResult r =
          inspector.inspect(
              ImageReference.parse(REGISTRY.host() + "/team/a:1"),
              InspectOptions.defaults().withCredentials(identity));
      assertThat(r.succeeded()).as("%s", r).isTrue();
      assertThat(TOKENS.requests())
          .anySatisfy(req -> assertThat(req).startsWith("POST").contains("grant_type"));
    }
  }

  @Test
  void withoutCredentialsTheTokenServerRefusesAndTheReferenceFails() {
    try (RegistryInspector inspector = inspector(REGISTRY.host())) {
      InspectionResult r =
          inspector.inspect(
              ImageReference.parse(REGISTRY.host() + "/team/a:1"), InspectOptions.defaults());
      assertThat(((InspectionResult.Failed) r).error().kind()).isEqualTo(ErrorKind.UNAUTHORIZED);
    }
  }

  @Test
  void neverFollowsARealmToACloudMetadataAddress() {
    try (RegistryInspector inspector = inspector(METADATA_REALM.host())) {
      InspectionResult r =
          inspector.inspect(
              ImageReference.parse(METADATA_REALM.host() + "/team/a:1"),
              InspectOptions.defaults().withCredentials(robot()));
      RegistryError e = ((InspectionResult.Failed) r).error();
      assertThat(e.kind()).isEqualTo(ErrorKind.BLOCKED);
      assertThat(e.message()).contains("169.254.169.254");
      assertThat(inspector.stats().tokenRequests()).isZero();
    }
  }

  @Test
  void neverSendsCredentialsToAPlainHttpRealmOnAnotherHost() {
    try (RegistryInspector inspector = inspector(PLAIN_HTTP_REALM.host())) {
      InspectionResult r =
          inspector.inspect(
              ImageReference.parse(PLAIN_HTTP_REALM.host() + "/team/a:1"),
              InspectOptions.defaults());
      RegistryError e = ((InspectionResult.Failed) r).error();
      assertThat(e.kind()).isEqualTo(ErrorKind.BLOCKED);
      assertThat(e.message()).contains("plain-HTTP token realm");
    }
  }
}
