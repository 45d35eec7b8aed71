package dev.winfleet.core.catalog;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.winfleet.core.manifest.YamlFormat;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads winfleet's bundled knowledge files from the classpath. These are part of winfleet itself,
 * so a problem here is a packaging bug, reported with the file and the field.
 */
public final class CatalogFiles {

  /** For the files prepared at build time ({@link CompiledDataFiles}). */
  private static final ObjectMapper JSON = configure(new ObjectMapper());

  private CatalogFiles() {}

  private static ObjectMapper configure(ObjectMapper mapper) {
    return mapper
        .registerModule(new JavaTimeModule())
        .setPropertyNamingStrategy(PropertyNamingStrategies.LOWER_CAMEL_CASE)
        .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
  }

  /** Built only when a file has no usable prepared form. */
  private static final class Yaml {
    static final ObjectMapper MAPPER = configure(YamlFormat.mapper());
  }

  /**
   * Reads a bundled YAML resource into the given type: from the JSON the build prepared beside it
   * when that matches the YAML, else from the YAML itself.
   */
  public static <T> T read(String resource, Class<T> type) {
    byte[] yaml;
    try (InputStream in = CatalogFiles.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("winfleet is missing its data file " + resource);
      }
      yaml = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read winfleet data file " + resource, e);
    }
    InputStream prepared =
        CatalogFiles.class.getResourceAsStream(resource + CompiledDataFiles.SUFFIX);
    return CompiledDataFiles.read(prepared, yaml, type, JSON)
        .orElseGet(() -> readYaml(resource, yaml, type));
  }

  /** Reads a bundled YAML resource's bytes into the given type, without the prepared form. */
  static <T> T readYaml(String resource, byte[] yaml, Class<T> type) {
    try {
      return Yaml.MAPPER.readValue(yaml, type);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read winfleet data file " + resource, e);
    }
  }

  static List<WindowsRelease> readReleases(String resource) {
    ReleasesFile file = read(resource, ReleasesFile.class);
    if (file.releases == null || file.releases.isEmpty()) {
      throw new IllegalStateException(resource + " lists no releases");
    }
    return file.releases.stream().map(e -> e.toRelease(resource)).toList();
  }

  static PatchCatalog readUpdates(String resource) {
    UpdatesFile file = read(resource, UpdatesFile.class);
    if (file.lastUpdated == null || file.builds == null || file.builds.isEmpty()) {
      throw new IllegalStateException(resource + " needs lastUpdated and at least one build");
    }
    List<WindowsUpdate> updates = new ArrayList<>();
    Map<Integer, String> sources = new HashMap<>();
    for (UpdatesFile.Build b : file.builds) {
      try {
        if (b.updates == null || b.updates.isEmpty()) {
          throw new IllegalArgumentException("no updates listed");
        }
        if (b.source == null || b.source.isBlank()) {
          throw new IllegalArgumentException("no source");
        }
        sources.put(b.build, b.source);
        for (UpdatesFile.Update u : b.updates) {
          updates.add(new WindowsUpdate(b.build, u.revision, u.released, u.kb, u.outOfBand));
        }
      } catch (RuntimeException e) {
        throw new IllegalStateException(
            resource + ": build " + b.build + " is invalid: " + e.getMessage(), e);
      }
    }
    return PatchCatalog.of(file.lastUpdated, updates, sources);
  }

  static final class UpdatesFile {
    public LocalDate lastUpdated;
    public List<Build> builds;

    static final class Build {
      public int build;
      public String source;
      public List<Update> updates;
    }

    static final class Update {
      public int revision;
      public LocalDate released;
      public String kb;
      public boolean outOfBand;
    }
  }

  /** The date the release file's sources were last read ({@code asOf}), or "unknown". */
  static String readAsOf(String resource) {
    ReleasesFile file = read(resource, ReleasesFile.class);
    return file.asOf == null || file.asOf.isBlank() ? "unknown" : file.asOf;
  }

  @JsonIgnoreProperties(ignoreUnknown = false)
  static final class ReleasesFile {
    public String asOf;
    public List<ReleaseEntry> releases;
  }

  static final class ReleaseEntry {
    public String id;
    public String name;
    public List<String> aliases;
    public int build;
    public String edition;
    public String channel;
    public String marketingVersion;
    public List<String> tags;
    public LocalDate released;
    public LocalDate mainstreamEnd;
    public LocalDate endOfSupport;
    public List<String> baseImages;
    public String source;

    WindowsRelease toRelease(String resource) {
      try {
        return new WindowsRelease(
            id,
            name,
            aliases,
            build,
            Edition.valueOf(upper(edition)),
            Channel.valueOf(upper(channel)),
            marketingVersion,
            tags,
            released,
            mainstreamEnd,
            endOfSupport,
            baseImages == null
                ? List.of()
                : baseImages.stream().map(b -> BaseImage.valueOf(upper(b))).toList(),
            source);
      } catch (RuntimeException e) {
        throw new IllegalStateException(
            resource + ": release '" + id + "' is invalid: " + e.getMessage(), e);
      }
    }

    private static String upper(String s) {
      if (s == null) {
        throw new IllegalArgumentException("a required field is missing");
      }
      return s.trim().toUpperCase(Locale.ROOT);
    }
  }
}
