package dev.winfleet.registry.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.winfleet.registry.api.MediaTypes;
import dev.winfleet.registry.internal.Digests;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Pushes test images through a registry's HTTP API (blob uploads, manifest PUTs), as a client such
 * as docker or crane would. Content is deterministic, so digests are the same on every run.
 */
public final class ImagePusher {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";
  private static final String DOCKER_CONFIG = "application/vnd.docker.container.image.v1+json";
  private static final String OCI_LAYER = "application/vnd.oci.image.layer.v1.tar+gzip";
  private static final String DOCKER_LAYER = "application/vnd.docker.image.rootfs.diff.tar.gzip";

  /** What a push left in the registry. */
  public record Pushed(String digest, String mediaType, long size) {}

  /** A platform as an index entry or a config states it. */
  public record Os(String os, String architecture, String osVersion, List<String> osFeatures) {
    public static Os windows(String osVersion) {
      return new Os("windows", "amd64", osVersion, List.of());
    }

    public static Os linux() {
      return new Os("linux", "amd64", null, List.of());
    }
  }

  /** A layer: real content to upload, or a foreign layer that only has a size and URLs. */
  public record Layer(byte[] content, String foreignDigest, long foreignSize, List<String> urls) {
    public static Layer of(String seed, int size) {
      byte[] b = new byte[size];
      byte[] s = seed.getBytes(StandardCharsets.UTF_8);
      for (int i = 0; i < size; i++) {
        b[i] = (byte) (s[i % s.length] + i / s.length);
      }
      return new Layer(b, null, 0, List.of());
    }

    public static Layer foreign(String seed, long size) {
      String digest = Digests.sha256(seed.getBytes(StandardCharsets.UTF_8));
      return new Layer(
          null,
          digest,
          size,
          List.of("https://mcr.microsoft.com/v2/windows/nanoserver/blobs/" + digest));
    }

    public long size() {
      return content == null ? foreignSize : content.length;
    }
  }

  private final String url;
  private final Function<String, Optional<String>> auth;
  private final HttpClient client = HttpClient.newHttpClient();

  ImagePusher(String url, Function<String, Optional<String>> auth) {
    this.url = url;
    this.auth = auth;
  }

  /** An image manifest (OCI when {@code oci}, else Docker schema 2) with its config and layers. */
  public Pushed image(String repo, String tag, boolean oci, Os os, List<Layer> layers) {
    ObjectNode config = MAPPER.createObjectNode();
    config.put("architecture", os.architecture());
    config.put("os", os.os());
    if (os.osVersion() != null) {
      config.put("os.version", os.osVersion());
    }
    if (!os.osFeatures().isEmpty()) {
      ArrayNode f = config.putArray("os.features");
      os.osFeatures().forEach(f::add);
    }
    ObjectNode rootfs = config.putObject("rootfs");
    rootfs.put("type", "layers");
    rootfs.putArray("diff_ids");
    byte[] configBytes = bytes(config);
    String configDigest = blob(repo, configBytes);

    ObjectNode m = MAPPER.createObjectNode();
    m.put("schemaVersion", 2);
    String mediaType = oci ? MediaTypes.OCI_MANIFEST : MediaTypes.DOCKER_MANIFEST;
    m.put("mediaType", mediaType);
    ObjectNode c = m.putObject("config");
    c.put("mediaType", oci ? OCI_CONFIG : DOCKER_CONFIG);
    c.put("digest", configDigest);
    c.put("size", configBytes.length);
    ArrayNode ls = m.putArray("layers");
    for (Layer l : layers) {
      ObjectNode d = ls.addObject();
      if (l.content() != null) {
        d.put("mediaType", oci ? OCI_LAYER : DOCKER_LAYER);
        d.put("digest", blob(repo, l.content()));
        d.put("size", l.content().length);
      } else {
        d.put(
            "mediaType",
            oci
                ? "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip"
                : MediaTypes.DOCKER_FOREIGN_LAYER);
        d.put("digest", l.foreignDigest());
        d.put("size", l.foreignSize());
        ArrayNode u = d.putArray("urls");
        l.urls().forEach(u::add);
      }
    }
    return manifest(repo, tag, mediaType, bytes(m));
  }

  /** An index entry: a pushed manifest and the platform the index claims for it. */
  public record Entry(Pushed manifest, Os platform, String annotationReferenceType) {
    public Entry(Pushed manifest, Os platform) {
      this(manifest, platform, null);
    }
  }

  /** An OCI image index (when {@code oci}) or a Docker manifest list over pushed manifests. */
  public Pushed index(String repo, String tag, boolean oci, List<Entry> entries) {
    ObjectNode idx = MAPPER.createObjectNode();
    idx.put("schemaVersion", 2);
    String mediaType = oci ? MediaTypes.OCI_INDEX : MediaTypes.DOCKER_MANIFEST_LIST;
    idx.put("mediaType", mediaType);
    ArrayNode ms = idx.putArray("manifests");
    for (Entry e : entries) {
      ObjectNode d = ms.addObject();
      d.put("mediaType", e.manifest().mediaType());
      d.put("digest", e.manifest().digest());
      d.put("size", e.manifest().size());
      ObjectNode p = d.putObject("platform");
      p.put("architecture", e.platform().architecture());
      p.put("os", e.platform().os());
      if (e.platform().osVersion() != null) {
        p.put("os.version", e.platform().osVersion());
      }
      if (!e.platform().osFeatures().isEmpty()) {
        ArrayNode f = p.putArray("os.features");
        e.platform().osFeatures().forEach(f::add);
      }
      if (e.annotationReferenceType() != null) {
        ObjectNode a = d.putObject("annotations");
        a.put("vnd.docker.reference.type", e.annotationReferenceType());
        a.put("vnd.docker.reference.digest", entries.get(0).manifest().digest());
      }
    }
    return manifest(repo, tag, mediaType, bytes(idx));
  }

  /** Uploads a blob (monolithic: POST then PUT) and returns its digest. */
  public String blob(String repo, byte[] content) {
    String digest = Digests.sha256(content);
    HttpResponse<String> start =
        send(
            repo,
            HttpRequest.newBuilder(URI.create(url + "/v2/" + repo + "/blobs/uploads/"))
                .POST(HttpRequest.BodyPublishers.noBody()));
    expect(start, 202, "start upload");
    String location = start.headers().firstValue("Location").orElseThrow();
    URI put =
        URI.create(url)
            .resolve(location + (location.contains("?") ? "&" : "?") + "digest=" + digest);
    HttpResponse<String> done =
        send(
            repo,
            HttpRequest.newBuilder(put)
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(content)));
    expect(done, 201, "finish upload");
    return digest;
  }

  /** PUTs a manifest under a tag (or its digest when tag is null). */
  public Pushed manifest(String repo, String tag, String mediaType, byte[] json) {
    String digest = Digests.sha256(json);
    HttpResponse<String> r =
        send(
            repo,
            HttpRequest.newBuilder(
                    URI.create(url + "/v2/" + repo + "/manifests/" + (tag == null ? digest : tag)))
                .header("Content-Type", mediaType)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(json)));
    expect(r, 201, "put manifest " + repo + ":" + tag);
    return new Pushed(digest, mediaType, json.length);
  }

  private HttpResponse<String> send(String repo, HttpRequest.Builder b) {
    auth.apply(repo).ifPresent(h -> b.header("Authorization", h));
    try {
      return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void expect(HttpResponse<String> r, int status, String what) {
    if (r.statusCode() != status) {
      throw new IllegalStateException(
          what + ": HTTP " + r.statusCode() + " " + r.body() + " (" + r.uri() + ")");
    }
  }

  private static byte[] bytes(ObjectNode node) {
    try {
      return MAPPER.writeValueAsBytes(node);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Convenience: the layers of a Windows image, two real ones. */
  public static List<Layer> layers(String seed, int... sizes) {
    List<Layer> l = new ArrayList<>();
    for (int i = 0; i < sizes.length; i++) {
      l.add(Layer.of(seed + "-" + i, sizes[i]));
    }
    return l;
  }
}
