package dev.winfleet.core.manifest;

import java.util.List;
import java.util.Objects;

/**
 * What one file (or standard input) held: its objects, in order, and the problems with its text.
 *
 * @param source the file as the user named it
 * @param documents how many YAML documents were read, empty ones included
 */
public record ManifestFile(
    String source, List<ManifestObject> objects, List<ReadProblem> problems, int documents) {

  public ManifestFile {
    Objects.requireNonNull(source, "source");
    objects = List.copyOf(objects);
    problems = List.copyOf(problems);
  }

  /**
   * Whether the file holds no Kubernetes object and nothing that tried to be one: every document it
   * has is empty or {@link ReadProblem.Kind#NOT_KUBERNETES}, and it read without a syntax error. A
   * CI or linter configuration, a values file, an ARM template, a list of patches.
   */
  public boolean holdsNoKubernetesObject() {
    if (!objects.isEmpty() || problems.isEmpty()) {
      return false;
    }
    for (ReadProblem p : problems) {
      if (p.kind() != ReadProblem.Kind.NOT_KUBERNETES) {
        return false;
      }
    }
    return true;
  }
}
