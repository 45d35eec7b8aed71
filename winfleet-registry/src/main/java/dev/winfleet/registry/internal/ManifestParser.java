package dev.winfleet.registry.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.winfleet.registry.api.Descriptor;
import dev.winfleet.registry.api.MediaTypes;
import dev.winfleet.registry.api.Platform;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Reads manifests and config blobs (I/O-free: bytes in, values out). */
public final class ManifestParser {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private ManifestParser() {}

  /** Thrown for content that is not a manifest or config winfleet can read. */
  public static final class InvalidManifestException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    InvalidManifestException(String message) {
      super(message);
    }
  }

  /**
   * @param contentType the Content-Type the registry sent, used when the manifest names no
   *     mediaType
   */
  public static ParsedManifest parseManifest(byte[] body, String contentType) {
    JsonNode root = read(body, "manifest");
    if (root.path("schemaVersion").asInt(0) == 1) {
      throw new InvalidManifestException(
          "it is a Docker schema 1 manifest, which winfleet does not read; push the image again"
              + " with a current tool");
    }
    String mediaType = root.path("mediaType").asText("");
    if (mediaType.isEmpty() && contentType != null) {
      mediaType = contentType.split(";")[0].trim();
    }
    if (!MediaTypes.isIndex(mediaType) && !MediaTypes.isImageManifest(mediaType)) {
      if (root.has("manifests")) {
        mediaType = MediaTypes.OCI_INDEX;
      } else if (root.has("config") && root.has("layers")) {
        mediaType = MediaTypes.OCI_MANIFEST;
      } else {
        throw new InvalidManifestException("unsupported manifest media type '" + mediaType + "'");
      }
    }
    if (MediaTypes.isIndex(mediaType)) {
      List<ParsedManifest.Entry> entries = new ArrayList<>();
      for (JsonNode m : root.path("manifests")) {
        Descriptor d = descriptor(m, "manifests[]");
        JsonNode p = m.get("platform");
        Platform platform = p == null || !p.isObject() ? null : platform(p);
        entries.add(new ParsedManifest.Entry(d, platform, strings(m.path("annotations"))));
      }
      return new ParsedManifest.Index(mediaType, entries);
    }
    JsonNode config = root.get("config");
    if (config == null || !config.isObject()) {
      throw new InvalidManifestException("the image manifest has no config descriptor");
    }
    List<Descriptor> layers = new ArrayList<>();
    for (JsonNode l : root.path("layers")) {
      layers.add(descriptor(l, "layers[]"));
    }
    return new ParsedManifest.Image(mediaType, descriptor(config, "config"), layers);
  }

  /**
   * The platform an image config blob states: os, architecture, variant, os.version, os.features.
   */
  public static Platform parseConfigPlatform(byte[] body) {
    JsonNode root = read(body, "image config");
    if (root.path("os").asText("").isEmpty() || root.path("architecture").asText("").isEmpty()) {
      throw new InvalidManifestException("the image config names no os or architecture");
    }
    return platform(root);
  }

  private static Platform platform(JsonNode p) {
    List<String> features = new ArrayList<>();
    for (JsonNode f : p.path("os.features")) {
      features.add(f.asText());
    }
    return new Platform(
        p.path("os").asText(""),
        p.path("architecture").asText(""),
        p.path("variant").asText(""),
        p.path("os.version").asText(""),
        features);
  }

  private static Descriptor descriptor(JsonNode d, String where) {
    String digest = d.path("digest").asText("");
    if (!digest.matches("[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+")) {
      throw new InvalidManifestException(where + " has an invalid digest '" + digest + "'");
    }
    long size = d.path("size").asLong(-1);
    if (size < 0) {
      throw new InvalidManifestException(where + " " + digest + " has no valid size");
    }
    List<String> urls = new ArrayList<>();
    for (JsonNode u : d.path("urls")) {
      urls.add(u.asText());
    }
    return new Descriptor(d.path("mediaType").asText(""), digest, size, urls);
  }

  private static Map<String, String> strings(JsonNode node) {
    Map<String, String> m = new HashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      m.put(e.getKey(), e.getValue().asText());
    }
    return m;
  }

  private static JsonNode read(byte[] body, String what) {
    try {
      JsonNode root = MAPPER.readTree(body);
      if (root == null || !root.isObject()) {
        throw new InvalidManifestException("the " + what + " is not a JSON object");
      }
      return root;
    } catch (IOException e) {
      throw new InvalidManifestException("the " + what + " is not valid JSON");
    }
  }
}
