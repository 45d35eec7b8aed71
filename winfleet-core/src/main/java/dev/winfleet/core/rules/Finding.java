package dev.winfleet.core.rules;

import dev.winfleet.core.image.Evidence;
import dev.winfleet.core.manifest.FieldPath;
import dev.winfleet.core.manifest.ObjectRef;
import java.util.Objects;

/**
 * One problem found, for every front end: the checker prints it with file, line and column; the
 * webhook uses the field path (its objects have no lines).
 *
 * @param file the source file as given, or null (AdmissionReview)
 * @param line 1-based; 0 when the object had no source positions
 * @param column 1-based; 0 when unknown
 * @param object the object, or null for problems with the file itself
 * @param container the container's name, or null when the finding is about the pod or file
 * @param path the offending field in the object (JSON Pointer); the root for file problems
 * @param evidence what the finding rests on: the object's own fields ({@link Evidence#MANIFEST}),
 *     the pod's declaration, or what is known about its images (registry, lock file, knowledge, tag
 *     token). A finding on a guess is never more than {@link Severity#INFO}.
 */
public record Finding(
    String rule,
    Severity severity,
    String file,
    int line,
    int column,
    ObjectRef object,
    String container,
    FieldPath path,
    String message,
    String fix,
    Evidence evidence) {

  public Finding {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(fix, "fix");
    Objects.requireNonNull(evidence, "evidence");
    if (!evidence.isFact() && severity != Severity.INFO) {
      throw new IllegalArgumentException(
          rule + ": a finding on " + evidence.label() + " evidence is at most info");
    }
  }

  /** A finding on the object's own fields. */
  public Finding(
      String rule,
      Severity severity,
      String file,
      int line,
      int column,
      ObjectRef object,
      String container,
      FieldPath path,
      String message,
      String fix) {
    this(
        rule,
        severity,
        file,
        line,
        column,
        object,
        container,
        path,
        message,
        fix,
        Evidence.MANIFEST);
  }

  /** The object's namespace as written, or null. */
  public String namespace() {
    return object == null ? null : object.namespace();
  }

  /** {@code Kind/name}, or null. */
  public String objectDisplay() {
    return object == null ? null : object.display();
  }
}
