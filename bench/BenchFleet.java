// Writes the synthetic fleet, workloads and image layers bench/plan-bench.sh plans for:
// fleet.yaml (Windows Server 2019 and 2022 nodes in four pools, tainted, with capacity and
// status.images, plus Linux nodes), workloads.yaml (Deployments, some DaemonSets,
// PodDisruptionBudgets), images.json (a saved 'winfleet inspect --json --layers' whose images share
// base layers) and images.txt (their references). Deterministic. Bench scaffolding, not part of the
// product (it was the hidden 'winfleet bench-fleet' command); needs only the JDK:
//   java bench/BenchFleet.java DIR [--nodes N] [--workloads W] [--images I]   (5000, 3000, 50)
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

public final class BenchFleet {

  private final Path dir;
  private final int nodes;
  private final int workloads;
  private final int images;

  private BenchFleet(Path dir, int nodes, int workloads, int images) {
    this.dir = dir;
    this.nodes = nodes;
    this.workloads = workloads;
    this.images = images;
  }

  private static final String[] POOLS = {"web", "api", "batch", "legacy"};
  private static final String[] BUILDS = {"10.0.17763", "10.0.20348"};
  private static final String[] REVISIONS = {"6414", "2762"};

  public static void main(String[] args) throws IOException {
    Path dir = null;
    int nodes = 5000;
    int workloads = 3000;
    int images = 50;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--nodes" -> nodes = Integer.parseInt(args[++i]);
        case "--workloads" -> workloads = Integer.parseInt(args[++i]);
        case "--images" -> images = Integer.parseInt(args[++i]);
        default -> dir = Path.of(args[i]);
      }
    }
    if (dir == null || nodes < 1 || workloads < 1 || images < 2) {
      System.err.println(
          "usage: java bench/BenchFleet.java DIR [--nodes N>=1] [--workloads W>=1] [--images I>=2]");
      System.exit(2);
    }
    new BenchFleet(dir, nodes, workloads, images).write();
  }

  private void write() throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("fleet.yaml"), fleet(), StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("workloads.yaml"), workloads(), StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("images.json"), images(), StandardCharsets.UTF_8);
    StringBuilder refs = new StringBuilder();
    for (int i = 0; i < images; i++) {
      refs.append(image(i)).append('\n');
    }
    Files.writeString(dir.resolve("images.txt"), refs, StandardCharsets.UTF_8);
    System.out.println(
        "wrote "
            + nodes
            + " nodes, "
            + workloads
            + " workloads and "
            + images
            + " images under "
            + dir);
  }

  /** Image i: even ones are for Windows Server 2019, odd ones for 2022. */
  private static String image(int i) {
    return "registry.example.com/apps/app"
        + i
        + ":1.0-windowsservercore-"
        + (i % 2 == 0 ? "ltsc2019" : "ltsc2022");
  }

  private String fleet() {
    StringBuilder sb = new StringBuilder(nodes * 700);
    sb.append("apiVersion: v1\nkind: List\nitems:\n");
    for (int i = 0; i < nodes; i++) {
      boolean linux = i % 5 == 4;
      String name = (linux ? "lin-" : "win-") + i;
      sb.append("  - apiVersion: v1\n    kind: Node\n    metadata:\n      name: ")
          .append(name)
          .append("\n      labels:\n");
      if (linux) {
        sb.append("        kubernetes.io/os: linux\n        kubernetes.io/arch: amd64\n");
        sb.append("        kubernetes.io/hostname: ").append(name).append('\n');
        sb.append("    status:\n      allocatable: {cpu: \"16\", memory: 64Gi}\n")
            .append("      nodeInfo: {operatingSystem: linux, kubeletVersion: v1.31.2}\n");
        continue;
      }
      int b = (i / 5) % 2;
      sb.append("        kubernetes.io/os: windows\n        kubernetes.io/arch: amd64\n")
          .append("        kubernetes.io/hostname: ")
          .append(name)
          .append("\n        node.kubernetes.io/windows-build: ")
          .append(BUILDS[b])
          .append("\n        pool: ")
          .append(POOLS[i % POOLS.length])
          .append('\n');
      sb.append(
          "    spec:\n      taints:\n        - {key: os, value: windows, effect: NoSchedule}\n");
      sb.append("    status:\n      allocatable: {cpu: \"16\", memory: 64Gi}\n")
          .append("      nodeInfo: {operatingSystem: windows, kernelVersion: ")
          .append(BUILDS[b])
          .append('.')
          .append(REVISIONS[b])
          .append(", kubeletVersion: v1.31.2}\n");
      if (i % 3 == 0) {
        int img = (i % images) / 2 * 2 + b;
        img = Math.min(img, images - 1);
        sb.append("      images:\n        - names: [")
            .append(image(img))
            .append("]\n          sizeBytes: 1500000000\n");
      }
    }
    return sb.toString();
  }

  private String workloads() {
    StringBuilder sb = new StringBuilder(workloads * 900);
    for (int i = 0; i < workloads; i++) {
      boolean daemonSet = i % 100 == 99;
      boolean linux = i % 10 == 7;
      String img = linux ? "nginx:1.27" : image(i % images);
      sb.append("---\napiVersion: apps/v1\nkind: ")
          .append(daemonSet ? "DaemonSet" : "Deployment")
          .append("\nmetadata:\n  name: app-")
          .append(i)
          .append("\n  namespace: team-")
          .append(i % 20)
          .append("\nspec:\n");
      if (!daemonSet) {
        sb.append("  replicas: 3\n");
      }
      sb.append("  selector:\n    matchLabels: {app: app-").append(i).append("}\n");
      sb.append("  template:\n    metadata:\n      labels: {app: app-").append(i).append("}\n");
      sb.append("    spec:\n");
      if (linux) {
        sb.append("      nodeSelector: {kubernetes.io/os: linux}\n");
      } else {
        sb.append("      nodeSelector:\n        kubernetes.io/os: windows\n");
        if (i % 4 == 1) {
          sb.append("        pool: ").append(POOLS[i % POOLS.length]).append('\n');
        }
        if (i % 8 == 2) {
          sb.append("        node.kubernetes.io/windows-build: ")
              .append(BUILDS[(i % images) % 2])
              .append('\n');
        }
        sb.append(
            "      tolerations:\n        - {key: os, operator: Equal, value: windows, effect: NoSchedule}\n");
      }
      sb.append("      containers:\n        - name: app\n          image: ")
          .append(img)
          .append("\n          resources:\n            requests: {cpu: ")
          .append(daemonSet ? "100m" : "500m")
          .append(", memory: ")
          .append(daemonSet ? "128Mi" : "1Gi")
          .append("}\n            limits: {cpu: \"1\", memory: ")
          .append(daemonSet ? "128Mi" : "1Gi")
          .append("}\n");
      if (i % 10 == 0 && !daemonSet) {
        sb.append("---\napiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: app-")
            .append(i)
            .append("\n  namespace: team-")
            .append(i % 20)
            .append("\nspec:\n  maxUnavailable: 1\n  selector:\n    matchLabels: {app: app-")
            .append(i)
            .append("}\n");
      }
    }
    return sb.toString();
  }

  private String images() {
    StringBuilder sb = new StringBuilder("[\n");
    for (int i = 0; i < images; i++) {
      int b = i % 2;
      String base = b == 0 ? "a" : "b";
      sb.append(i == 0 ? "" : ",\n")
          .append("{\"reference\": \"")
          .append(image(i))
          .append("\", \"digest\": \"")
          .append(digest("index" + i))
          .append("\", \"platforms\": [{\"os\": \"windows\", \"architecture\": \"amd64\",")
          .append(" \"osVersion\": \"")
          .append(BUILDS[b])
          .append('.')
          .append(REVISIONS[b])
          .append("\", \"digest\": \"")
          .append(digest("manifest" + i))
          .append("\", \"layerDescriptors\": [")
          .append(layer(digest("base-" + base), 1_400_000_000L))
          .append(", ")
          .append(layer(digest("framework-" + base), 300_000_000L))
          .append(", ")
          .append(layer(digest("app" + i), 20_000_000L + i * 1_000_000L))
          .append("]}]}");
    }
    return sb.append("\n]\n").toString();
  }

  private static String layer(String digest, long size) {
    return "{\"digest\": \""
        + digest
        + "\", \"size\": "
        + size
        + ", \"mediaType\": \"application/vnd.oci.image.layer.v1.tar+gzip\"}";
  }

  private static String digest(String seed) {
    try {
      byte[] h =
          java.security.MessageDigest.getInstance("SHA-256")
              .digest(seed.getBytes(StandardCharsets.UTF_8));
      StringBuilder sb = new StringBuilder("sha256:");
      for (byte x : h) {
        sb.append(String.format(Locale.ROOT, "%02x", x));
      }
      return sb.toString();
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
