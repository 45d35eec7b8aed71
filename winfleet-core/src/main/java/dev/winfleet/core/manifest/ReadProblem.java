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
    /** A map that has one of apiVersion and kind but not the other: a broken Kubernetes object. */
    NOT_AN_OBJECT,
    /**
     * A document with neither apiVersion nor kind (a map, a list or a plain value): no Kubernetes
     * object at all, such as a CI or linter configuration, a values file, an ARM template or a list
     * of patches.
     */
    NOT_KUBERNETES
  }

  public ReadProblem {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(position, "position");
    Objects.requireNonNull(message, "message");
  }
}
