// Pushes N tags to a registry for bench/inspect-bench.sh: each tag an OCI index over two Windows
// builds and a Linux image, with its own configs (so every tag has distinct digests) and shared
// layers. JDK only, run as: java bench/PushImages.java http://127.0.0.1:PORT REPO COUNT
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

public class PushImages {
  static final HttpClient CLIENT = HttpClient.newHttpClient();
  static String url;
  static String repo;

  public static void main(String[] args) throws Exception {
    url = args[0];
    repo = args[1];
    int count = Integer.parseInt(args[2]);
    String[] layer = new String[3];
    long[] layerSize = new long[3];
    for (int i = 0; i < 3; i++) {
      byte[] b = new byte[4096 * (i + 1)];
      for (int j = 0; j < b.length; j++) b[j] = (byte) (j * 31 + i);
      layer[i] = blob(b);
      layerSize[i] = b.length;
    }
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<?>> fs = new ArrayList<>();
    for (int t = 0; t < count; t++) {
      final int n = t;
      fs.add(pool.submit(() -> { pushTag(n, layer, layerSize); return null; }));
    }
    for (Future<?> f : fs) f.get();
    pool.shutdown();
  }

  static void pushTag(int n, String[] layer, long[] size) throws Exception {
    String[][] platforms = {
      {"windows", "10.0.17763." + (5000 + n)}, {"windows", "10.0.20348." + (2000 + n)}, {"linux", null}};
    StringBuilder idx = new StringBuilder(
        "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":[");
    for (int p = 0; p < platforms.length; p++) {
      String os = platforms[p][0];
      String ver = platforms[p][1];
      String config = "{\"architecture\":\"amd64\",\"os\":\"" + os + "\""
          + (ver == null ? "" : ",\"os.version\":\"" + ver + "\"")
          + ",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]},\"comment\":\"bench " + n + "\"}";
      byte[] cb = config.getBytes(StandardCharsets.UTF_8);
      String cd = blob(cb);
      String manifest = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
          + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + cd + "\",\"size\":" + cb.length + "},"
          + "\"layers\":[" + desc(layer[p], size[p]) + "," + desc(layer[(p + 1) % 3], size[(p + 1) % 3]) + "]}";
      byte[] mb = manifest.getBytes(StandardCharsets.UTF_8);
      String md = put(digest(mb), "application/vnd.oci.image.manifest.v1+json", mb);
      if (p > 0) idx.append(',');
      idx.append("{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"").append(md)
          .append("\",\"size\":").append(mb.length).append(",\"platform\":{\"architecture\":\"amd64\",\"os\":\"")
          .append(os).append('"').append(ver == null ? "" : ",\"os.version\":\"" + ver + "\"").append("}}");
    }
    idx.append("]}");
    put(String.format("t%03d", n), "application/vnd.oci.image.index.v1+json", idx.toString().getBytes(StandardCharsets.UTF_8));
  }

  static String desc(String d, long size) {
    return "{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"" + d + "\",\"size\":" + size + "}";
  }

  static String digest(byte[] b) throws Exception {
    return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
  }

  static String blob(byte[] b) throws Exception {
    String d = digest(b);
    HttpResponse<String> start = CLIENT.send(HttpRequest.newBuilder(URI.create(url + "/v2/" + repo + "/blobs/uploads/"))
        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    String loc = start.headers().firstValue("Location").orElseThrow(() -> new IllegalStateException("upload: " + start.statusCode()));
    HttpResponse<String> done = CLIENT.send(HttpRequest.newBuilder(URI.create(url).resolve(loc + (loc.contains("?") ? "&" : "?") + "digest=" + d))
        .PUT(HttpRequest.BodyPublishers.ofByteArray(b)).build(), HttpResponse.BodyHandlers.ofString());
    if (done.statusCode() != 201) throw new IllegalStateException("blob: " + done.statusCode() + " " + done.body());
    return d;
  }

  static String put(String ref, String mediaType, byte[] body) throws Exception {
    HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(URI.create(url + "/v2/" + repo + "/manifests/" + ref))
        .header("Content-Type", mediaType).PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 201) throw new IllegalStateException("manifest " + ref + ": " + r.statusCode() + " " + r.body());
    return r.headers().firstValue("Docker-Content-Digest").orElseThrow();
  }
}
