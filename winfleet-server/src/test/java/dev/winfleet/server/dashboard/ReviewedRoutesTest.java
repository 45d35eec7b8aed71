package dev.winfleet.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.winfleet.core.spi.BearerTokenReviewer.Outcome;
import dev.winfleet.core.spi.BearerTokenReviewer.Review;
import dev.winfleet.server.HttpRoutes;
import dev.winfleet.server.RecentVerdicts;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReviewedRoutesTest {

  private static final HttpRoutes OK =
      new HttpRoutes() {
        @Override
        public boolean serves(String path) {
          return path.startsWith("/api/");
        }

        @Override
        public Reply handle(Request request) {
          return new Reply(200, "text/plain", "ok".getBytes(StandardCharsets.UTF_8), Map.of());
        }
      };

  private static HttpRoutes.Reply ask(ReviewedRoutes routes, String authorization) {
    return routes.handle(
        new HttpRoutes.Request("/api/fleet", Map.of(), new RecentVerdicts(1), authorization));
  }

  @Test
  void anUnavailableReviewAnswers503AndNeverTheRoutes() {
    ReviewedRoutes routes =
        new ReviewedRoutes(OK, token -> new Review(Outcome.UNAVAILABLE, null, "API server down"));

    assertThat(ask(routes, "Bearer t").status()).isEqualTo(503);
  }

  @Test
  void aReviewerThatThrowsAnswers503() {
    ReviewedRoutes routes =
        new ReviewedRoutes(
            OK,
            token -> {
              throw new IllegalStateException("bug");
            });

    assertThat(ask(routes, "Bearer t").status()).isEqualTo(503);
  }

  @Test
  void onlyABearerHeaderCarriesAToken() {
    ReviewedRoutes routes = new ReviewedRoutes(OK, token -> new Review(Outcome.ALLOWED, "a", ""));

    assertThat(ask(routes, "Basic dXNlcjpwYXNz").status()).isEqualTo(401);
    assertThat(ask(routes, "Bearer ").status()).isEqualTo(401);
    assertThat(ask(routes, "bearer t").status()).isEqualTo(200);
    assertThat(routes.serves("/api/fleet")).isTrue();
    assertThat(routes.serves("/mutate")).isFalse();
  }
}
