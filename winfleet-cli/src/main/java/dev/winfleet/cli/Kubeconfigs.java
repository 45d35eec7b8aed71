package dev.winfleet.cli;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * kubectl's default kubeconfig: the first file of {@code $KUBECONFIG} that exists, else {@code
 * ~/.kube/config} when it exists.
 */
final class Kubeconfigs {

  private Kubeconfigs() {}

  static Optional<Path> defaultPath() {
    return defaultPath(System.getenv(), Path.of(System.getProperty("user.home")));
  }

  static Optional<Path> defaultPath(Map<String, String> env, Path home) {
    String list = env.get("KUBECONFIG");
    if (list != null && !list.isBlank()) {
      for (String entry : list.split(File.pathSeparator)) {
        if (!entry.isBlank() && Files.isRegularFile(Path.of(entry))) {
          return Optional.of(Path.of(entry));
        }
      }
    }
    Path kube = home.resolve(".kube").resolve("config");
    return Files.isRegularFile(kube) ? Optional.of(kube) : Optional.empty();
  }
}
