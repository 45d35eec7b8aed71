package dev.winfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The programs under bench/ are scaffolding outside the product, run as single-file sources against
 * the jar: this keeps them compiling as the product changes, and the corpus generator writing what
 * check reads.
 */
class BenchProgramsTest {

  private static final Path BENCH = Path.of("..", "bench");

  @TempDir Path classes;

  private void compile(Path source) {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        javac.run(
            null,
            null,
            err,
            "-nowarn",
            "-proc:none",
            "-cp",
            System.getProperty("java.class.path"),
            "-d",
            classes.toString(),
            source.toString());
    assertThat(code).as(source + ":\n" + err.toString(StandardCharsets.UTF_8)).isZero();
  }

  @Test
  void everyBenchProgramCompilesAgainstThisBuild() throws IOException {
    List<Path> sources;
    try (Stream<Path> files = Files.list(BENCH)) {
      sources = files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
    }
    assertThat(sources)
        .extracting(p -> p.getFileName().toString())
        .contains("BenchCorpus.java", "BenchFleet.java", "ReadOnlyCheck.java");
    sources.forEach(this::compile);
  }

  @Test
  void benchCorpusWritesTheRequestedNumberOfResourcesThatCheckReads(@TempDir Path dir)
      throws Exception {
    compile(BENCH.resolve("BenchCorpus.java"));
    PrintStream stdout = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()})) {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      loader
          .loadClass("BenchCorpus")
          .getMethod("main", String[].class)
          .invoke(
              null, (Object) new String[] {dir.toString(), "--files", "20", "--per-file", "10"});
    } finally {
      System.setOut(stdout);
    }
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("wrote 200 resources in 20 files");
    JsonNode summary =
        new ObjectMapper()
            .readTree(CliRun.of("check", dir.toString(), "-o", "json").out())
            .get("summary");
    assertThat(summary.get("files").asInt()).isEqualTo(20);
    assertThat(summary.get("objects").asInt()).isEqualTo(200);
    assertThat(summary.get("errors").asInt()).isPositive();
  }
}
