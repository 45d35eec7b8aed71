package dev.winfleet.core.containerize;

import java.util.Objects;

/** A file to write: a path relative to the output folder, with {@code /}, and its content. */
public record GeneratedFile(String path, String content) {

  public GeneratedFile {
    path = ProjectFiles.normalise(Objects.requireNonNull(path, "path"));
    Objects.requireNonNull(content, "content");
  }
}
