package dev.winfleet.registry.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WwwAuthenticateTest {

  private static final Map<String, String> DOCKER_HUB =
      Map.of(
          "realm", "https://auth.docker.io/token",
          "service", "registry.docker.io",
          "scope", "repository:library/nginx:pull");

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Bearer realm=\"https://auth.docker.io/token\",service=\"registry.docker.io\",scope=\"repository:library/nginx:pull\"",
        "Bearer service=\"registry.docker.io\",scope=\"repository:library/nginx:pull\",realm=\"https://auth.docker.io/token\"",
        "Bearer scope=\"repository:library/nginx:pull\", realm=\"https://auth.docker.io/token\", service=\"registry.docker.io\"",
        "bearer REALM = \"https://auth.docker.io/token\" ,  Service=registry.docker.io ,scope=\"repository:library/nginx:pull\"",
      })
  void readsParametersInAnyOrderSpacingAndCase(String header) {
    List<Challenge> cs = WwwAuthenticate.parse(header);
    assertThat(cs)
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.isBearer()).isTrue();
              assertThat(c.params()).isEqualTo(DOCKER_HUB);
            });
  }

  @Test
  void keepsCommasAndEqualsSignsInsideQuotedValues() {
    Challenge c =
        WwwAuthenticate.parse(
                "Bearer realm=\"https://r.example/token?a=1,b=2\",scope=\"repository:a/b:pull,push\",service=\"r.example\"")
            .get(0);
    assertThat(c.param("realm")).isEqualTo("https://r.example/token?a=1,b=2");
    assertThat(c.param("scope")).isEqualTo("repository:a/b:pull,push");
    assertThat(c.param("service")).isEqualTo("r.example");
  }

  @Test
  void unescapesQuotedPairs() {
    Challenge c = WwwAuthenticate.parse("Basic realm=\"say \\\"hi\\\", \\\\ok\"").get(0);
    assertThat(c.param("realm")).isEqualTo("say \"hi\", \\ok");
  }

  @Test
  void splitsSeveralChallengesInOneValue() {
    List<Challenge> cs =
        WwwAuthenticate.parse(
            "Basic realm=\"Registry Realm\", Bearer realm=\"https://t.example/token\",service=\"s, with comma\", Negotiate");
    assertThat(cs).extracting(Challenge::scheme).containsExactly("basic", "bearer", "negotiate");
    assertThat(cs.get(1).param("service")).isEqualTo("s, with comma");
    assertThat(cs.get(2).params()).isEmpty();
  }

  @Test
  void readsTheErrorParameterDistributionAdds() {
    Challenge c =
        WwwAuthenticate.parse(
                "Bearer realm=\"https://127.0.0.1:1/token\",service=\"svc\",scope=\"repository:x:pull\",error=\"insufficient_scope\"")
            .get(0);
    assertThat(c.param("error")).isEqualTo("insufficient_scope");
  }

  @Test
  void survivesJunkAndUnterminatedQuotes() {
    assertThat(WwwAuthenticate.parse("")).isEmpty();
    assertThat(WwwAuthenticate.parse(null)).isEmpty();
    assertThat(WwwAuthenticate.parse(",,, ")).isEmpty();
    Challenge c = WwwAuthenticate.parse("Bearer realm=\"https://x/token").get(0);
    assertThat(c.param("realm")).isEqualTo("https://x/token");
  }
}
