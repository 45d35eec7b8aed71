// Writes the synthetic manifest corpus bench/check-bench.sh checks: a mix of Windows and Linux
// workloads of every pod-bearing kind, with and without problems, and objects the checker ignores.
// Deterministic: the same arguments write the same files. Bench scaffolding, not part of the
// product (it was the hidden 'winfleet bench-corpus' command); needs only the JDK:
//   java bench/BenchCorpus.java DIR [--files N] [--per-file M]     (defaults 5000 and 10)
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

public final class BenchCorpus {

  private static final String[] WINDOWS_IMAGES = {
    "mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022",
    "mcr.microsoft.com/dotnet/framework/aspnet:4.8-windowsservercore-ltsc2022",
    "mcr.microsoft.com/windows/nanoserver:ltsc2022",
    "mcr.microsoft.com/dotnet/framework/runtime:4.8-20240213-windowsservercore-ltsc2019",
    "registry.example.com/team/app:1.4-windowsservercore-ltsc2019"
  };
  private static final String[] LINUX_IMAGES = {
    "nginx:1.27", "redis:7.2-alpine", "registry.example.com/team/api:2.1", "busybox:1.36"
  };
  private static final String[] KINDS = {"Deployment", "StatefulSet", "DaemonSet", "Job"};

  public static void main(String[] args) throws IOException {
    Path dir = null;
    int files = 5000;
    int perFile = 10;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--files" -> files = Integer.parseInt(args[++i]);
        case "--per-file" -> perFile = Integer.parseInt(args[++i]);
        default -> dir = Path.of(args[i]);
      }
    }
    if (dir == null || files < 1 || perFile < 1) {
      System.err.println("usage: java bench/BenchCorpus.java DIR [--files N>=1] [--per-file M>=1]");
      System.exit(2);
    }
    Files.createDirectories(dir);
    int n = 0;
    for (int f = 0; f < files; f++) {
      Path sub = dir.resolve("team-" + (f % 50));
      Files.createDirectories(sub);
      StringBuilder sb = new StringBuilder(perFile * 1200);
      for (int r = 0; r < perFile; r++, n++) {
        if (r > 0) {
          sb.append("---\n");
        }
        resource(sb, n);
      }
      Files.writeString(sub.resolve("app-" + f + ".yaml"), sb, StandardCharsets.UTF_8);
    }
    System.out.println("wrote " + n + " resources in " + files + " files under " + dir);
  }

  private static void resource(StringBuilder sb, int n) {
    int kind = n % 10;
    if (kind == 9) {
      sb.append("apiVersion: v1\nkind: Service\nmetadata:\n  name: svc-")
          .append(n)
          .append("\n  namespace: team\nspec:\n  selector:\n    app: app-")
          .append(n)
          .append("\n  ports:\n    - port: 80\n      targetPort: 8080\n");
      return;
    }
    boolean windows = kind < 5;
    boolean broken = kind == 4 || kind == 8;
    String workload = KINDS[n % KINDS.length];
    String image =
        windows ? WINDOWS_IMAGES[n % WINDOWS_IMAGES.length] : LINUX_IMAGES[n % LINUX_IMAGES.length];
    String api = workload.equals("Job") ? "batch/v1" : "apps/v1";
    sb.append("apiVersion: ").append(api).append("\nkind: ").append(workload).append('\n');
    sb.append("metadata:\n  name: app-").append(n).append("\n  namespace: team\n");
    sb.append("  labels:\n    app: app-").append(n).append("\n    tier: web\n");
    sb.append("spec:\n");
    if (!workload.equals("Job") && !workload.equals("DaemonSet")) {
      sb.append("  replicas: 3\n");
    }
    if (!workload.equals("Job")) {
      sb.append("  selector:\n    matchLabels:\n      app: app-").append(n).append('\n');
    }
    sb.append("  template:\n    metadata:\n      labels:\n        app: app-")
        .append(n)
        .append('\n');
    sb.append("    spec:\n");
    if (workload.equals("Job")) {
      sb.append("      restartPolicy: Never\n");
    }
    if (windows && !broken) {
      sb.append("      nodeSelector:\n        kubernetes.io/os: windows\n");
      sb.append("      tolerations:\n        - key: os\n          operator: Equal\n")
          .append("          value: windows\n          effect: NoSchedule\n");
    } else if (!windows) {
      sb.append("      nodeSelector:\n        kubernetes.io/os: linux\n");
    }
    sb.append("      containers:\n        - name: app\n          image: ")
        .append(image)
        .append('\n');
    sb.append("          ports:\n            - containerPort: 8080\n");
    sb.append("          env:\n            - name: MODE\n              value: production\n");
    if (broken) {
      sb.append("          securityContext:\n            runAsUser: 1000\n")
          .append("            readOnlyRootFilesystem: true\n");
      if (windows) {
        sb.append("          command: [\"/bin/sh\", \"-c\", \"run.sh\"]\n");
      }
    } else {
      sb.append("          resources:\n            requests:\n              cpu: 250m\n")
          .append("              memory: 512Mi\n            limits:\n              cpu: \"1\"\n")
          .append("              memory: 1Gi\n");
    }
    sb.append(
        "          volumeMounts:\n            - name: config\n              mountPath: /config\n");
    sb.append(
            "      volumes:\n        - name: config\n          configMap:\n            name: cfg-")
        .append(n)
        .append('\n');
  }
}
