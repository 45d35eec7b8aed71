package dev.winfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.winfleet.core.testing.GoldenFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden files for {@code winfleet check --format json}: each directory under
 * src/test/resources/golden holds the input, {@code args.txt} (one argument per line) and the
 * expected output and exit code. {@code -Dwinfleet.updateGoldens=true} rewrites the expectations
 * (review the diff before committing).
 */
class CheckGoldenTest {

  private static final Path GOLDEN = Path.of("src", "test", "resources", "golden");
  private static final ObjectMapper JSON = new ObjectMapper();

  static Stream<String> cases() throws IOException {
    try (Stream<Path> dirs = Files.list(GOLDEN)) {
      return dirs
          .filter(Files::isDirectory)
          .map(p -> p.getFileName().toString())
          .sorted()
          .toList()
          .stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void jsonOutputMatchesTheGoldenFile(String name) throws IOException {
    Path dir = GOLDEN.resolve(name);
    List<String> args =
        Files.readAllLines(dir.resolve("args.txt"), StandardCharsets.UTF_8).stream()
            .filter(l -> !l.isBlank())
            .toList();
    CliRun run = CliRun.of(args.toArray(String[]::new));
    String expectedJson = GoldenFiles.expected(dir.resolve("expected.json"), run.out());
    String expectedExit =
        GoldenFiles.expected(dir.resolve("expected-exit.txt"), run.exitCode() + "\n");
    assertThat(run.err()).isEmpty();
    JsonNode actual = JSON.readTree(run.out());
    JsonNode expected = JSON.readTree(expectedJson);
    assertThat(actual.toPrettyString()).isEqualTo(expected.toPrettyString());
    assertThat(run.exitCode()).isEqualTo(Integer.parseInt(expectedExit.trim()));
  }
}
