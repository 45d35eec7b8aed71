package dev.winfleet.server;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * More GET endpoints served next to the webhook's own, such as the dashboard's {@code /ui/} and
 * {@code /api/}. The server asks {@link #serves} on the event loop and calls {@link #handle} on a
 * worker thread; the webhook's own paths ({@code /mutate}, {@code /validate}, {@code /healthz},
 * {@code /readyz}, {@code /metrics}) are never handed over.
 */
public interface HttpRoutes {

  /** No extra routes: the webhook alone. */
  HttpRoutes NONE =
      new HttpRoutes() {
        @Override
        public boolean serves(String path) {
          return false;
        }

        @Override
        public Reply handle(Request request) {
          throw new IllegalStateException("serves nothing");
        }
      };

  /** Whether this path is one of these routes. Must be cheap. */
  boolean serves(String path);

  /**
   * The answer to a GET or HEAD request for a path {@link #serves} accepted. Should not throw: a
   * failure is answered with HTTP 503 and logged.
   */
  Reply handle(Request request);

  /**
   * One request.
   *
   * @param query the decoded query parameters, each with its values in order
   * @param verdicts the server's recent admission verdicts
   * @param authorization the request's {@code Authorization} header, null when absent (routes that
   *     authenticate, such as {@code dev.winfleet.server.dashboard.ReviewedRoutes}, read it)
   */
  record Request(
      String path, Map<String, List<String>> query, RecentVerdicts verdicts, String authorization) {
    public Request {
      Objects.requireNonNull(path, "path");
      query = Map.copyOf(query);
      Objects.requireNonNull(verdicts, "verdicts");
    }

    /** A request without an {@code Authorization} header. */
    public Request(String path, Map<String, List<String>> query, RecentVerdicts verdicts) {
      this(path, query, verdicts, null);
    }

    /** The first value of a query parameter, or null. */
    public String param(String name) {
      List<String> values = query.get(name);
      return values == null || values.isEmpty() ? null : values.get(0);
    }
  }

  /**
   * One answer.
   *
   * @param headers more response headers (cache and security headers, a redirect's Location)
   */
  record Reply(int status, String contentType, byte[] body, Map<String, String> headers) {
    public Reply {
      Objects.requireNonNull(contentType, "contentType");
      Objects.requireNonNull(body, "body");
      headers = Map.copyOf(headers);
    }
  }
}
