package dev.winfleet.core.spi;

import java.util.Objects;

/**
 * Decides whether a bearer token may read the dashboard, for example by asking the Kubernetes API
 * server (a TokenReview, then a SubjectAccessReview). Called on a worker thread; may block.
 */
@FunctionalInterface
public interface BearerTokenReviewer {

  /**
   * The answer for this token (never null; never throws: failures are {@link Outcome#UNAVAILABLE}).
   */
  Review review(String token);

  /** What a review can say. */
  enum Outcome {
    /** Authenticated and allowed. */
    ALLOWED,
    /** The token is not valid (HTTP 401). */
    UNAUTHENTICATED,
    /** Valid, but its user may not read the dashboard (HTTP 403). */
    FORBIDDEN,
    /** No answer could be had, e.g. the API server did not answer (HTTP 503). */
    UNAVAILABLE
  }

  /**
   * @param user the user the token belongs to, null when unauthenticated
   * @param reason why, for the log and the answer's body; never the token
   */
  record Review(Outcome outcome, String user, String reason) {
    public Review {
      Objects.requireNonNull(outcome, "outcome");
      reason = reason == null ? "" : reason;
    }
  }
}
