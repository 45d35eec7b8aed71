package dev.winfleet.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden files for every module's tests, with one switch: run the tests with {@code
 * -Dwinfleet.updateGoldens=true} and each golden file is rewritten from what the code produces
 * instead of compared; then read the diff. Paths are relative to the module ({@code
 * src/test/resources/...}), never the copies on the class path, so a rewrite is seen at once.
 */
public final class GoldenFiles {

  /** The one system property that rewrites golden files. */
  public static final String UPDATE_PROPERTY = "winfleet.updateGoldens";

  private GoldenFiles() {}

  /** Whether this run rewrites golden files instead of comparing. */
  public static boolean updating() {
    return Boolean.getBoolean(UPDATE_PROPERTY);
  }

  /**
   * The golden text in {@code file}; when {@link #updating()}, {@code actual} is written there
   * first. Fails with how to create it when the file is missing.
   */
  public static String expected(Path file, String actual) {
    try {
      if (updating()) {
        if (file.getParent() != null) {
          Files.createDirectories(file.getParent());
        }
        Files.writeString(file, actual, StandardCharsets.UTF_8);
      }
      assertThat(file)
          .as(
              "missing golden file %s; create it with -D%s=true and review it",
              file, UPDATE_PROPERTY)
          .exists();
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Asserts {@code actual} equals the golden text in {@code file} (line ends normalised). */
  public static void assertMatches(Path file, String actual) {
    assertThat(actual.replace("\r\n", "\n"))
        .as("%s differs; after a deliberate change rerun with -D%s=true", file, UPDATE_PROPERTY)
        .isEqualTo(expected(file, actual).replace("\r\n", "\n"));
  }
}
