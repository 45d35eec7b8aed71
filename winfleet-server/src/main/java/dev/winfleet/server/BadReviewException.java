package dev.winfleet.server;

/** A request body the server cannot answer with an AdmissionReview: HTTP 4xx with this message. */
final class BadReviewException extends Exception {

  private static final long serialVersionUID = 1L;

  private final int status;

  BadReviewException(int status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  int status() {
    return status;
  }
}
