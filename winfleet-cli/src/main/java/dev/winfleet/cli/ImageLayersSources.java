package dev.winfleet.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.winfleet.core.compat.ImagePlatform;
import dev.winfleet.core.compat.OsFamily;
import dev.winfleet.core.image.ImageReference;
import dev.winfleet.core.planning.ImageLayers;
import dev.winfleet.core.version.OsVersion;
import dev.winfleet.registry.api.Descriptor;
import dev.winfleet.registry.api.InspectOptions;
import dev.winfleet.registry.api.InspectionResult;
import dev.winfleet.registry.api.InspectorConfig;
import dev.winfleet.registry.api.MediaTypes;
import dev.winfleet.registry.api.PlatformImage;
import dev.winfleet.registry.api.RegistryInspector;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * Where {@code winfleet plan prepull} learns the layers of images: a saved {@code winfleet inspect
 * --json --layers} file, or the registries themselves through the inspector.
 */
final class ImageLayersSources {

  private ImageLayersSources() {}

  private static final ObjectMapper LENIENT =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  static final class Entry {
    public String reference;
    public String digest;
    public List<PlatformEntry> platforms;
    public String error;
  }

  static final class PlatformEntry {
    public String os;
    public String architecture;
    public String osVersion;
    public String digest;
    public List<LayerEntry> layerDescriptors;
  }

  static final class LayerEntry {
    public String digest;
    public long size;
    public String mediaType;
    public List<String> urls;
  }

  /**
   * The images of a saved {@code winfleet inspect --json --layers} result.
   *
   * @throws UserException when it cannot be read, or an image has no layer list
   */
  static List<ImageLayers> readFile(Path file) {
    List<Entry> entries;
    try {
      entries =
          LENIENT.readValue(
              InputFiles.read(file, "--images-file", InputFiles.MAX_JSON_BYTES),
              new TypeReference<List<Entry>>() {});
    } catch (IOException e) {
      throw new UserException(
          "--images-file "
              + file
              + " is not a saved 'winfleet inspect --json --layers' result: "
              + firstLine(e.getMessage()));
    }
    if (entries == null) {
      throw new UserException("--images-file " + file + " is empty; expected a JSON list");
    }
    List<ImageLayers> out = new ArrayList<>();
    for (Entry e : entries) {
      if (e == null || e.reference == null || e.error != null) {
        continue;
      }
      List<ImageLayers.PlatformLayers> platforms = new ArrayList<>();
      for (PlatformEntry p : e.platforms == null ? List.<PlatformEntry>of() : e.platforms) {
        if (p == null) {
          continue;
        }
        if (p.layerDescriptors == null) {
          throw new UserException(
              "--images-file "
                  + file
                  + ": "
                  + e.reference
                  + " has no layer list; save it with 'winfleet inspect --json --layers'");
        }
        Optional<ImagePlatform> platform = platform(p.os, p.architecture, p.osVersion);
        if (platform.isEmpty()) {
          continue;
        }
        List<ImageLayers.Layer> layers = new ArrayList<>();
        for (LayerEntry l : p.layerDescriptors) {
          if (l == null || l.digest == null || l.size < 0) {
            throw new UserException(
                "--images-file "
                    + file
                    + ": "
                    + e.reference
                    + " has a layer without digest or size");
          }
          layers.add(
              new ImageLayers.Layer(
                  l.digest,
                  l.size,
                  l.mediaType != null && MediaTypes.isForeignLayer(l.mediaType),
                  l.urls));
        }
        platforms.add(new ImageLayers.PlatformLayers(platform.get(), p.digest, layers));
      }
      out.add(new ImageLayers(e.reference, e.digest, platforms));
    }
    return out;
  }

  private static Optional<ImagePlatform> platform(String os, String arch, String osVersion) {
    Optional<OsFamily> family = OsFamily.parse(os);
    if (family.isEmpty()) {
      return Optional.empty(); // attestation manifests and the like
    }
    if (family.get() == OsFamily.WINDOWS) {
      Optional<OsVersion> v = OsVersion.parseNumeric(osVersion);
      return v.map(version -> new ImagePlatform(OsFamily.WINDOWS, arch, version, List.of()));
    }
    return Optional.of(new ImagePlatform(OsFamily.LINUX, arch, null, List.of()));
  }

  /**
   * Reads the images from their registries.
   *
   * @throws UserException naming every reference that could not be read
   */
  static List<ImageLayers> lookUp(
      List<String> references, List<String> insecureRegistries, Path dockerConfig) {
    List<ImageReference> refs = references.stream().map(ImageReference::parse).toList();
    InspectorConfig config =
        InspectorConfig.builder()
            .insecureRegistries(new LinkedHashSet<>(insecureRegistries))
            .credentials(RegistryLookup.credentials(dockerConfig))
            .build();
    List<InspectionResult> results;
    try (RegistryInspector inspector = RegistryInspector.create(config)) {
      results = inspector.inspect(refs, InspectOptions.defaults());
    }
    List<ImageLayers> out = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    for (int i = 0; i < results.size(); i++) {
      InspectionResult r = results.get(i);
      if (r instanceof InspectionResult.Inspected ok) {
        List<ImageLayers.PlatformLayers> platforms = new ArrayList<>();
        for (PlatformImage p : ok.platforms()) {
          Optional<ImagePlatform> ip = p.toImagePlatform();
          if (ip.isEmpty()) {
            continue;
          }
          List<ImageLayers.Layer> layers = new ArrayList<>();
          for (Descriptor d : p.layers()) {
            layers.add(new ImageLayers.Layer(d.digest(), d.size(), d.isForeign(), d.urls()));
          }
          platforms.add(new ImageLayers.PlatformLayers(ip.get(), p.digest(), layers));
        }
        out.add(new ImageLayers(references.get(i), ok.digest(), platforms));
      } else {
        failed.add(
            references.get(i)
                + ": "
                + InspectCommand.message(((InspectionResult.Failed) r).error()));
      }
    }
    if (!failed.isEmpty()) {
      throw new UserException("cannot read " + String.join("; ", failed));
    }
    return out;
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
