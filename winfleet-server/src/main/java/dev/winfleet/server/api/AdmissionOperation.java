package dev.winfleet.server.api;

import java.util.Optional;

/** The operation an AdmissionReview asks about ({@code request.operation}). */
public enum AdmissionOperation {
  CREATE,
  UPDATE,
  DELETE,
  CONNECT;

  /** The operation named exactly as the API server spells it, or empty. */
  public static Optional<AdmissionOperation> fromWire(String text) {
    if (text == null) {
      return Optional.empty();
    }
    for (AdmissionOperation op : values()) {
      if (op.name().equals(text)) {
        return Optional.of(op);
      }
    }
    return Optional.empty();
  }
}
