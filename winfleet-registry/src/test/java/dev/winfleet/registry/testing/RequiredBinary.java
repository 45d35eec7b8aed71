package dev.winfleet.registry.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/** Finds a program the tests need, or fails telling how to install it. Never skips. */
public final class RequiredBinary {

  private RequiredBinary() {}

  public static Path find(String program, String debianPackage) {
    String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/bin";
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isBlank()) {
        continue;
      }
      Path p = Path.of(dir, program);
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    throw new AssertionError(
        program
            + " is not installed, and this test runs against the real program: run .ci/install-deps"
            + " (as root; it installs the Debian package "
            + debianPackage
            + ")");
  }
}
