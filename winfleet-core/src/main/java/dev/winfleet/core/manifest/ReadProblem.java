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
    /**
     * A map that tried to be a Kubernetes object and is not one: a kind without an apiVersion, or
     * an apiVersion of Kubernetes' form and metadata without a kind.
     */
    NOT_AN_OBJECT,
    /**
     * A document that is no Kubernetes object at all (a list, a plain value, or a map with no kind
     * and no Kubernetes apiVersion with metadata): a CI or linter configuration, a values file, an
     * ARM template, a list of patches, a Helm repository index.
     */
    NOT_KUBERNETES
  }

  public ReadProblem {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(position, "position");
    Objects.requireNonNull(message, "message");
  }
}
