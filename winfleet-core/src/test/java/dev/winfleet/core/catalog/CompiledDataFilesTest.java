package dev.winfleet.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.winfleet.core.manifest.YamlFormat;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The JSON the build prepares beside every knowledge file, and when it is (not) used. */
class CompiledDataFilesTest {

  private static final ObjectMapper JSON =
      new ObjectMapper().registerModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule());

  /** The build output's data files (the test runs on target/classes, after process-classes). */
  private static List<Path> yamlFiles() throws IOException, URISyntaxException {
    Path root =
        Path.of(CatalogFiles.class.getProtectionDomain().getCodeSource().getLocation().toURI())
            .resolve("dev/winfleet/core");
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted().toList();
    }
  }

  @Test
  void everyDataFileHasAPreparedTwinWithItsChecksumAndTheSameTree() throws Exception {
    List<Path> sources = yamlFiles();
    // rules, releases, updates, families, ...: the knowledge files of winfleet-core.
    assertThat(sources).hasSizeGreaterThanOrEqualTo(16);
    ObjectMapper yaml = YamlFormat.mapper();
    for (Path source : sources) {
      byte[] bytes = Files.readAllBytes(source);
      Path twin = source.resolveSibling(source.getFileName() + CompiledDataFiles.SUFFIX);
      assertThat(twin).as("prepared by the build: " + twin).exists();
      JsonNode prepared = JSON.readTree(twin.toFile());
      assertThat(prepared.get("crc32c").asLong())
          .as(source.toString())
          .isEqualTo(CompiledDataFiles.checksum(bytes));
      assertThat(prepared.get("data")).as(source.toString()).isEqualTo(yaml.readTree(bytes));
    }
  }

  @Test
  void theCatalogsReadFromThePreparedFormAreTheOnesTheYamlGives() throws Exception {
    String releases = "/dev/winfleet/core/catalog/windows-releases.yaml";
    String updates = "/dev/winfleet/core/catalog/windows-updates.yaml";
    // Dates, enums spelled in lower case, lists and numbers bind the same from both forms.
    assertThat(
            (JsonNode)
                JSON.valueToTree(CatalogFiles.read(releases, CatalogFiles.ReleasesFile.class)))
        .isEqualTo(
            (JsonNode)
                JSON.valueToTree(
                    CatalogFiles.readYaml(
                        releases, bytes(releases), CatalogFiles.ReleasesFile.class)));
    assertThat(
            (JsonNode) JSON.valueToTree(CatalogFiles.read(updates, CatalogFiles.UpdatesFile.class)))
        .isEqualTo(
            (JsonNode)
                JSON.valueToTree(
                    CatalogFiles.readYaml(
                        updates, bytes(updates), CatalogFiles.UpdatesFile.class)));
  }

  @Test
  void aPreparedFileIsUsedOnlyWhileItMatchesTheYamlBesideIt() throws IOException {
    byte[] yaml = "asOf: '2025-01-01'\nreleases: []\n".getBytes(StandardCharsets.UTF_8);
    byte[] prepared = prepare(yaml);

    assertThat(
            CompiledDataFiles.read(
                new ByteArrayInputStream(prepared), yaml, CatalogFiles.ReleasesFile.class, JSON))
        .hasValueSatisfying(f -> assertThat(f.asOf).isEqualTo("2025-01-01"));

    // The YAML was edited after the build (an IDE copied it without running process-classes).
    byte[] edited = "asOf: '2026-12-01'\nreleases: []\n".getBytes(StandardCharsets.UTF_8);
    assertThat(
            CompiledDataFiles.read(
                new ByteArrayInputStream(prepared), edited, CatalogFiles.ReleasesFile.class, JSON))
        .isEmpty();
  }

  @Test
  void noPreparedFileOrAnUnreadableOneLeavesTheYamlToDecide() throws IOException {
    byte[] yaml = "asOf: x\n".getBytes(StandardCharsets.UTF_8);
    assertThat(CompiledDataFiles.read(null, yaml, CatalogFiles.ReleasesFile.class, JSON)).isEmpty();
    assertThat(
            CompiledDataFiles.read(
                stream("{\"data\":{}}"), yaml, CatalogFiles.ReleasesFile.class, JSON))
        .isEmpty();
    assertThat(CompiledDataFiles.read(stream("{\"crc32c\":"), yaml, Object.class, JSON)).isEmpty();
    // A field the type does not know fails the JSON read; the YAML read then reports it with
    // the YAML's line and column.
    byte[] unknown = "asOf: x\nnoSuchField: 1\n".getBytes(StandardCharsets.UTF_8);
    assertThat(
            CompiledDataFiles.read(
                new ByteArrayInputStream(prepare(unknown)),
                unknown,
                CatalogFiles.ReleasesFile.class,
                new ObjectMapper()
                    .configure(
                        com.fasterxml.jackson.databind.DeserializationFeature
                            .FAIL_ON_UNKNOWN_PROPERTIES,
                        true)))
        .isEmpty();
  }

  private static byte[] prepare(byte[] yaml) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CompiledDataFiles.write(yaml, YamlFormat.mapper().readTree(yaml), JSON, out);
    return out.toByteArray();
  }

  private static InputStream stream(String s) {
    return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] bytes(String resource) throws IOException {
    try (InputStream in = CatalogFiles.class.getResourceAsStream(resource)) {
      return in.readAllBytes();
    }
  }
}
