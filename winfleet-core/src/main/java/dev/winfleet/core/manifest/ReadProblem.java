package dev.winfleet.core.manifest;

import java.util.Objects;

/**
 * Something wrong with a file's text rather than with what it asks Kubernetes to do.
 *
 * @param position where the problem was found
 * @param message the parser's own words where it gave some
 */
public record ReadProblem(Kind kind, Position position, String message) {

  /** What went wrong. */
  public enum Kind {
    /** The text is not valid YAML or JSON, or breaks a safety limit; the rest of it is skipped. */
    SYNTAX,
    /** A map has the same key twice; Kubernetes keeps only one of the values. */
    DUPLICATE_KEY,
    /** A document is valid YAML but not a Kubernetes object (no mapping, no apiVersion/kind). */
    NOT_AN_OBJECT
  }

  public ReadProblem {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(position, "position");
    Objects.requireNonNull(message, "message");
  }
}
