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
}
