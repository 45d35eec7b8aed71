package dev.winfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

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
 * Golden outputs of {@code winfleet plan}: each directory under src/test/resources/plan-golden with
 * an {@code args.txt} (one argument per line) holds the expected output and exit code; the inputs
 * (fleets, workloads, images) are the hand-worked scenarios of the core tests. {@code
 * -Dwinfleet.updateGoldens=true} rewrites the expectations (review the diff before committing).
 */
class PlanGoldenTest {

  private static final Path GOLDEN = Path.of("src", "test", "resources", "plan-golden");

  static Stream<String> cases() throws IOException {
    try (Stream<Path> dirs = Files.list(GOLDEN)) {
      return dirs
          .filter(d -> Files.exists(d.resolve("args.txt")))
          .map(p -> p.getFileName().toString())
          .sorted()
          .toList()
          .stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void outputMatchesTheGoldenFile(String name) throws IOException {
    Path dir = GOLDEN.resolve(name);
    List<String> args =
        Files.readAllLines(dir.resolve("args.txt"), StandardCharsets.UTF_8).stream()
            .filter(l -> !l.isBlank())
            .toList();
    CliRun run = CliRun.of(args.toArray(String[]::new));
    String expectedExit =
        GoldenFiles.expected(dir.resolve("expected-exit.txt"), run.exitCode() + "\n");
    assertThat(run.err()).isEmpty();
    GoldenFiles.assertMatches(dir.resolve("expected.out"), run.out());
    assertThat(run.exitCode()).isEqualTo(Integer.parseInt(expectedExit.trim()));
  }
}
