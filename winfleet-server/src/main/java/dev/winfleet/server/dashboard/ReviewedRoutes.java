package dev.winfleet.server.dashboard;

import dev.winfleet.core.spi.BearerTokenReviewer;
import dev.winfleet.server.HttpRoutes;
import java.util.Map;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Routes that answer only requests whose bearer token a {@link BearerTokenReviewer} allows: 401
 * without a token or with an invalid one, 403 when its user may not read them, 503 when the
 * reviewer has no answer. Runs on the worker thread the server hands routes to, so a reviewer that
 * asks the API server never holds an event loop.
 */
public final class ReviewedRoutes implements HttpRoutes {

  private static final Logger LOG = Logger.getLogger(ReviewedRoutes.class.getName());

  /**
   * The non-resource URL a user needs {@code get} on to read the dashboard, when the reviewer asks
   * for authorization (a SubjectAccessReview): grant it with a ClusterRole rule {@code
   * nonResourceURLs: ["/winfleet/dashboard"], verbs: ["get"]}.
   */
  public static final String DASHBOARD_PATH = "/winfleet/dashboard";

  private static final Map<String, String> CHALLENGE =
      Map.of("WWW-Authenticate", "Bearer realm=\"winfleet\"");

  private final HttpRoutes routes;
  private final BearerTokenReviewer reviewer;

  public ReviewedRoutes(HttpRoutes routes, BearerTokenReviewer reviewer) {
    this.routes = Objects.requireNonNull(routes, "routes");
    this.reviewer = Objects.requireNonNull(reviewer, "reviewer");
  }

  @Override
  public boolean serves(String path) {
    return routes.serves(path);
  }

  @Override
  public Reply handle(Request request) {
    String token = bearer(request.authorization());
    if (token == null) {
      return error(
          401,
          "this dashboard needs a bearer token",
          "send Authorization: Bearer TOKEN (e.g. kubectl create token NAME)",
          CHALLENGE);
    }
    BearerTokenReviewer.Review review;
    try {
      review = reviewer.review(token);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "dashboard token review failed", e);
      review =
          new BearerTokenReviewer.Review(
              BearerTokenReviewer.Outcome.UNAVAILABLE, null, "the token review failed");
    }
    return switch (review.outcome()) {
      case ALLOWED -> routes.handle(request);
      case UNAUTHENTICATED ->
          error(401, "the bearer token is not valid", "use a current token", CHALLENGE);
      case FORBIDDEN -> {
        LOG.info("dashboard request refused: " + review.reason());
        yield error(
            403,
            review.user() + " may not read this dashboard",
            "grant it get on the non-resource URL " + DASHBOARD_PATH + " (SECURITY.md)",
            Map.of());
      }
      case UNAVAILABLE -> {
        LOG.warning("dashboard request not reviewed: " + review.reason());
        yield error(503, "cannot check the bearer token now", "try again", Map.of());
      }
    };
  }

  /** The token of an {@code Authorization: Bearer} header, null when there is none. */
  static String bearer(String header) {
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    String token = header.substring(7).trim();
    return token.isEmpty() ? null : token;
  }

  private static Reply error(int status, String problem, String fix, Map<String, String> more) {
    Reply plain = DashboardApi.reply(status, DashboardJson.error(problem, fix));
    Map<String, String> headers = new java.util.LinkedHashMap<>(plain.headers());
    headers.putAll(more);
    return new Reply(plain.status(), plain.contentType(), plain.body(), headers);
  }
}
