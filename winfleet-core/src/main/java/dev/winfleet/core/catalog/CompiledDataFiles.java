package dev.winfleet.core.catalog;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.winfleet.core.manifest.YamlFormat;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * The bundled knowledge files, prepared at build time: every {@code X.yaml} under {@code
 * dev/winfleet/core} in the build output gets an {@code X.yaml.json} beside it holding the same
 * tree as JSON, led by the CRC-32C of the YAML it came from.
 *
 * <p>Why: every command reads the catalogs at start, and reading the YAML (SnakeYAML's scanner,
 * mostly not yet compiled in a fresh JVM) was about 100 ms of CPU more than reading the same trees
 * as JSON (docs/decisions/0021-check-performance.md). The YAML stays the source people edit and
 * review; the JSON is a build product, used only while its checksum matches the YAML shipped beside
 * it. A stale or unreadable one (an IDE that copied a newer YAML without running the build, a
 * packaging mistake) is passed over for the YAML, which then also gives any error its YAML line and
 * column.
 *
 * <p>The build runs {@link #main} in {@code process-classes} (winfleet-core's pom).
 */
public final class CompiledDataFiles {

  /** The suffix the prepared file adds to the YAML resource's name. */
  static final String SUFFIX = ".json";

  private static final String CHECKSUM = "crc32c";
  private static final String DATA = "data";

  private CompiledDataFiles() {}

  /**
   * Prepares every {@code *.yaml} under {@code dev/winfleet/core} in the given output directory.
   *
   * @param args the build's output directory ({@code target/classes})
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: CompiledDataFiles OUTPUT_DIRECTORY");
    }
    Path root = Path.of(args[0]).resolve("dev/winfleet/core");
    List<Path> sources;
    try (Stream<Path> files = Files.walk(root)) {
      sources = files.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted().toList();
    }
    ObjectMapper yaml = YamlFormat.mapper();
    ObjectMapper json = new ObjectMapper();
    for (Path source : sources) {
      byte[] bytes = Files.readAllBytes(source);
      Path target = source.resolveSibling(source.getFileName() + SUFFIX);
      JsonNode tree;
      try {
        tree = yaml.readTree(bytes);
      } catch (IOException e) { // the build's message must name the file, not only the line
        throw new IOException("cannot read the data file " + source + ": " + e.getMessage(), e);
      }
      try (OutputStream out = Files.newOutputStream(target)) {
        write(bytes, tree, json, out);
      }
    }
  }

  /** Writes the prepared form of a YAML file whose bytes and tree are given. */
  static void write(byte[] yamlBytes, JsonNode tree, ObjectMapper json, OutputStream out)
      throws IOException {
    try (JsonGenerator g = json.createGenerator(out)) {
      g.writeStartObject();
      g.writeNumberField(CHECKSUM, checksum(yamlBytes));
      g.writeFieldName(DATA);
      json.writeTree(g, tree);
      g.writeEndObject();
    }
  }

  /**
   * The prepared form of a YAML file, bound to the given type; empty when there is none, when its
   * checksum is not the given YAML's, or when it cannot be read (the caller then reads the YAML).
   */
  static <T> Optional<T> read(
      InputStream prepared, byte[] yamlBytes, Class<T> type, ObjectMapper json) {
    if (prepared == null) {
      return Optional.empty();
    }
    try (InputStream in = prepared;
        JsonParser p = json.createParser(in)) {
      if (p.nextToken() != JsonToken.START_OBJECT
          || !CHECKSUM.equals(p.nextFieldName())
          || p.nextToken() != JsonToken.VALUE_NUMBER_INT
          || p.getLongValue() != checksum(yamlBytes)
          || !DATA.equals(p.nextFieldName())) {
        return Optional.empty();
      }
      p.nextToken();
      return Optional.of(json.readValue(p, type));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  static long checksum(byte[] bytes) {
    CRC32C crc = new CRC32C();
    crc.update(bytes);
    return crc.getValue();
  }
}
