package dev.winfleet.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.winfleet.core.fleet.Fleet;
import dev.winfleet.core.fleet.FleetObjects;
import dev.winfleet.core.image.InspectedImage;
import dev.winfleet.core.manifest.ManifestFile;
import dev.winfleet.core.manifest.ManifestReader;
import dev.winfleet.core.manifest.ReadProblem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reads the inputs that describe the world around the manifests: a fleet file, an images file. */
final class FleetFiles {

  private FleetFiles() {}

  /**
   * A fleet from Node and RuntimeClass objects ({@code kubectl get nodes,runtimeclasses -o yaml}).
   *
   * @throws UserException when the file cannot be read or holds neither kind
   */
  static Fleet readFleet(Path file) {
    ManifestSources.Source source = new ManifestSources.Source(file.toString(), file);
    if (!Files.isRegularFile(file)) {
      throw new UserException("--fleet " + file + ": no such file");
    }
    ManifestFile parsed =
        ManifestReader.defaults().read(file.toString(), ManifestSources.read(source, System.in));
    for (ReadProblem p : parsed.problems()) {
      if (p.kind() == ReadProblem.Kind.SYNTAX) {
        throw new UserException(
            "--fleet " + file + ": line " + p.position().line() + ": " + p.message());
      }
    }
    Fleet fleet = FleetObjects.fromObjects(parsed.objects());
    if (!fleet.hasNodes() && fleet.runtimeClasses().isEmpty()) {
      throw new UserException(
          "--fleet "
              + file
              + " holds no Node or RuntimeClass objects; export them with"
              + " 'kubectl get nodes,runtimeclasses -o yaml > fleet.yaml'");
    }
    return fleet;
  }

  private static final ObjectMapper LENIENT =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  /** Wire form of one {@code winfleet inspect --json} entry. */
  static final class InspectEntry {
    public String reference;
    public String digest;
    public String mediaType;
    public List<PlatformEntry> platforms;
    public String error;
  }

  static final class PlatformEntry {
    public String os;
    public String architecture;
    public String osVersion;
    public String digest;
    public int layers;
    public long compressedSize;
    public int foreignLayers;
  }

  /**
   * A saved {@code winfleet inspect --json} result.
   *
   * @throws UserException when it cannot be read or is not that JSON
   */
  static List<InspectedImage> readImages(Path file) {
    return parseImages(
        InputFiles.read(file, "--images", InputFiles.MAX_JSON_BYTES), "--images " + file);
  }

  /**
   * Parses a saved {@code winfleet inspect --json} result.
   *
   * @param what names the input in messages, e.g. {@code --images FILE}
   */
  static List<InspectedImage> parseImages(byte[] json, String what) {
    List<InspectEntry> entries;
    try {
      entries = LENIENT.readValue(json, new TypeReference<List<InspectEntry>>() {});
    } catch (IOException e) {
      throw new UserException(
          what
              + " is not a saved 'winfleet inspect --json' result (a JSON list of"
              + " {reference, platforms} objects): "
              + firstLine(e.getMessage()));
    }
    if (entries == null) {
      throw new UserException(what + " is empty; expected a JSON list");
    }
    return entries.stream()
        .filter(e -> e != null && e.reference != null)
        .map(
            e ->
                new InspectedImage(
                    e.reference,
                    e.digest,
                    e.mediaType,
                    e.platforms == null
                        ? List.of()
                        : e.platforms.stream()
                            .filter(p -> p != null)
                            .map(
                                p ->
                                    new InspectedImage.InspectedPlatform(
                                        p.os,
                                        p.architecture,
                                        p.osVersion,
                                        p.digest,
                                        p.layers,
                                        p.compressedSize,
                                        p.foreignLayers))
                            .toList(),
                    e.error))
        .toList();
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
