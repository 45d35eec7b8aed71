package dev.winfleet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.winfleet.core.catalog.WindowsCatalog;
import dev.winfleet.core.catalog.WindowsRelease;
import dev.winfleet.core.containerize.FleetNode;
import dev.winfleet.core.containerize.NodeTaint;
import dev.winfleet.core.version.OsVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the Node objects of a fleet file ({@code kubectl get nodes -o yaml}: a {@code kind: List}
 * or several documents) into what containerize needs: name, OS, Windows build, taints. Other kinds
 * are ignored. A minimal stand-in for the checker's fleet model, to be replaced by it.
 */
final class FleetNodeReader {

  static final long MAX_BYTES = 16L * 1024 * 1024;
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private FleetNodeReader() {}

  static List<FleetNode> read(Path file) {
    try {
      if (!Files.isRegularFile(file)) {
        throw new UserException("cannot read fleet file " + file + ": no such file");
      }
      if (Files.size(file) > MAX_BYTES) {
        throw new UserException(
            "fleet file " + file + " is larger than " + MAX_BYTES / (1024 * 1024) + " MiB");
      }
      return parse(Files.readString(file), WindowsCatalog.builtIn());
    } catch (IOException e) {
      throw new UserException(
          "cannot read fleet file " + file + ": " + e.getMessage().lines().findFirst().orElse(""),
          e);
    }
  }

  static List<FleetNode> parse(String yaml, WindowsCatalog catalog) throws IOException {
    List<FleetNode> nodes = new ArrayList<>();
    try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(yaml)) {
      while (docs.hasNextValue()) {
        JsonNode doc = docs.nextValue();
        if (doc == null || !doc.isObject()) {
          continue;
        }
        if ("List".equals(doc.path("kind").asText())
            || doc.path("kind").asText().endsWith("List")) {
          for (JsonNode item : doc.path("items")) {
            node(item, catalog).ifPresent(nodes::add);
          }
        } else {
          node(doc, catalog).ifPresent(nodes::add);
        }
      }
    }
    return nodes;
  }

  private static Optional<FleetNode> node(JsonNode n, WindowsCatalog catalog) {
    if (!"Node".equals(n.path("kind").asText())) {
      return Optional.empty();
    }
    String name = n.path("metadata").path("name").asText("(unnamed)");
    JsonNode labels = n.path("metadata").path("labels");
    JsonNode info = n.path("status").path("nodeInfo");
    String os =
        firstText(
            labels.path("kubernetes.io/os"),
            labels.path("beta.kubernetes.io/os"),
            info.path("operatingSystem"));
    Optional<OsVersion> build = Optional.empty();
    String source = "";
    if (os.equalsIgnoreCase("windows")) {
      String label = labels.path("node.kubernetes.io/windows-build").asText("");
      String kernel = info.path("kernelVersion").asText("");
      String image = info.path("osImage").asText("");
      if (OsVersion.parseNumeric(label).isPresent()) {
        build = OsVersion.parseNumeric(label);
        source = "label node.kubernetes.io/windows-build";
      } else if (OsVersion.parseNumeric(kernel).isPresent()) {
        build = OsVersion.parseNumeric(kernel);
        source = "status.nodeInfo.kernelVersion";
      } else {
        for (WindowsRelease r : catalog.serverReleases()) {
          if (!image.isEmpty() && image.startsWith(r.name())) {
            build = Optional.of(r.version());
            source = "status.nodeInfo.osImage";
          }
        }
      }
    }
    List<NodeTaint> taints = new ArrayList<>();
    for (JsonNode t : n.path("spec").path("taints")) {
      if (t.hasNonNull("key")) {
        taints.add(
            new NodeTaint(
                t.path("key").asText(), t.path("value").asText(""), t.path("effect").asText("")));
      }
    }
    return Optional.of(
        new FleetNode(name, os.toLowerCase(java.util.Locale.ROOT), build, source, taints));
  }

  private static String firstText(JsonNode... candidates) {
    for (JsonNode c : candidates) {
      if (c.isTextual() && !c.asText().isBlank()) {
        return c.asText().trim();
      }
    }
    return "";
  }
}
