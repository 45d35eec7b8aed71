package dev.winfleet.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.winfleet.core.catalog.WindowsCatalog;
import dev.winfleet.core.compat.CompatibilityEngine;
import dev.winfleet.core.compat.OsFamily;
import dev.winfleet.core.compat.PatchAssessment;
import dev.winfleet.core.fleet.Fleet;
import dev.winfleet.core.fleet.FleetNode;
import dev.winfleet.core.fleet.FleetObjects;
import dev.winfleet.core.fleet.ImageBuildMatrix;
import dev.winfleet.core.fleet.Taint;
import dev.winfleet.core.image.ImageMetadataSource;
import dev.winfleet.core.image.ImageProfile;
import dev.winfleet.core.manifest.ManifestFile;
import dev.winfleet.core.manifest.ManifestObject;
import dev.winfleet.core.manifest.ManifestReader;
import dev.winfleet.core.manifest.PodTemplate;
import dev.winfleet.core.manifest.YamlFormat;
import dev.winfleet.core.version.OsVersion;
import dev.winfleet.kube.ClusterFleetReader;
import dev.winfleet.kube.ClusterImages;
import dev.winfleet.kube.KubeAccessException;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code winfleet fleet}: the inventory and which images in use run on which of its builds. */
@Command(
    name = "fleet",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    subcommands = FleetCommand.Export.class,
    description = {
      "Print the fleet's nodes (OS, Windows build, kubelet and runtime version, taints), its"
          + " Windows builds, and the compatibility matrix of the images in use against those"
          + " builds: process isolation (as Kubernetes runs them), Hyper-V isolation only, or"
          + " not at all, by node architecture and Windows build.",
      "",
      "The images come from the cluster's pods (--kubeconfig) or from manifests (--workloads)."
          + " Without --fleet or --kubeconfig the cluster is kubectl's: $KUBECONFIG, then"
          + " ~/.kube/config. 'winfleet fleet export' writes the fleet as YAML for --fleet.",
      ""
    },
    footerHeading = "%nExit codes:%n",
    footer = {
      "  0  printed",
      "  2  bad usage, unreadable file, cluster not reachable",
      "  3  internal error",
      "",
      "Examples:",
      "  winfleet fleet --kubeconfig ~/.kube/config --context prod",
      "  winfleet fleet --fleet fleet.yaml --workloads k8s/",
      "  winfleet fleet export --kubeconfig ~/.kube/config > fleet.yaml"
    })
final class FleetCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin FleetSourceOptions source = new FleetSourceOptions();

  @Option(
      names = "--workloads",
      paramLabel = "PATH",
      description =
          "Take the images in use from these manifests (files or directories) instead of the"
              + " cluster's pods.")
  List<String> workloads = new ArrayList<>();

  @Override
  public Integer call() {
    Fleet fleet = source.readOrDefaultKubeconfig();
    SortedSet<String> images = images(fleet);
    PrintWriter out = spec.commandLine().getOut();
    printInventory(out, fleet);
    out.println();
    printMatrix(out, fleet, images);
    out.flush();
    return ExitCodes.OK;
  }

  private SortedSet<String> images(Fleet fleet) {
    if (!workloads.isEmpty()) {
      SortedSet<String> images = new TreeSet<>();
      for (ManifestSources.Source s : ManifestSources.collect(workloads)) {
        ManifestFile file =
            ManifestReader.defaults().read(s.name(), ManifestSources.read(s, System.in));
        ManifestSources.refuseUnreadable(file, "--workloads");
        for (ManifestObject o : file.objects()) {
          PodTemplate.of(o).ifPresent(t -> images.addAll(t.images()));
        }
      }
      return images;
    }
    if (source.kubeconfig == null) {
      return new TreeSet<>(); // a fleet file names no pods
    }
    try (KubernetesClient client = ClusterFleetReader.connect(source.kubeconfig, source.context)) {
      return ClusterImages.inUse(client);
    } catch (KubeAccessException e) {
      throw new UserException("--kubeconfig: " + e.getMessage(), e);
    }
  }

  static void printInventory(PrintWriter out, Fleet fleet) {
    Map<String, Long> byOs =
        fleet.nodes().stream()
            .collect(
                Collectors.groupingBy(
                    n -> n.os() == null ? "unknown" : n.os().label(),
                    TreeMap::new,
                    Collectors.counting()));
    out.println(
        "Nodes: "
            + fleet.nodes().size()
            + " ("
            + byOs.entrySet().stream()
                .map(e -> e.getValue() + " " + e.getKey())
                .collect(Collectors.joining(", "))
            + ")");
    CompatibilityEngine engine = CompatibilityEngine.builtIn();
    TextTable nodes =
        new TextTable("NODE", "OS", "VERSION", "KUBELET", "RUNTIME", "TAINTS", "PATCH");
    List<FleetNode> sorted = new ArrayList<>(fleet.nodes());
    sorted.sort(
        java.util.Comparator.comparing((FleetNode n) -> n.os() == null ? "" : n.os().label())
            .thenComparing(n -> n.windowsVersion() == null ? "" : n.windowsVersion().toString())
            .thenComparing(FleetNode::name));
    for (FleetNode n : sorted) {
      nodes.row(
          n.name(),
          n.os() == null ? "unknown" : n.os().label(),
          n.isWindows()
              ? (n.windowsVersion() == null ? "unknown" : n.windowsVersion().toString())
              : "-",
          dash(n.kubeletVersion()),
          dash(n.containerRuntimeVersion()),
          n.effectiveTaints().isEmpty()
              ? "-"
              : n.effectiveTaints().stream().map(Taint::toString).collect(Collectors.joining(",")),
          patchCell(engine, n.isWindows() ? n.windowsVersion() : null));
    }
    nodes.print(out);
    SortedSet<OsVersion> builds = fleet.windowsBuilds();
    if (!builds.isEmpty()) {
      out.println();
      out.println("Windows builds:");
      WindowsCatalog catalog = WindowsCatalog.builtIn();
      TextTable t = new TextTable("BUILD", "RELEASE", "NODES");
      for (OsVersion b : builds) {
        long count =
            fleet.windowsNodes().stream()
                .filter(n -> n.windowsVersion() != null && n.windowsVersion().sameBuild(b))
                .count();
        t.row(b.buildString(), catalog.describe(b), count);
      }
      t.print(out);
    }
    if (!fleet.runtimeClasses().isEmpty()) {
      out.println();
      out.println(
          "RuntimeClasses: "
              + fleet.runtimeClasses().stream()
                  .map(rc -> rc.name() + " (" + rc.handler() + ")")
                  .collect(Collectors.joining(", ")));
    }
  }

  /**
   * Each image against each node build of the fleet, as the core's {@link ImageBuildMatrix} judges
   * it (the dashboard renders the same matrix).
   */
  static void printMatrix(PrintWriter out, Fleet fleet, SortedSet<String> images) {
    if (images.isEmpty()) {
      out.println("Images in use: none found (pass --workloads PATH or --kubeconfig).");
      return;
    }
    ImageMetadataSource source = ImageMetadataSource.tagHints();
    CompatibilityEngine engine = CompatibilityEngine.builtIn();
    Map<String, ImageProfile> profiles = new LinkedHashMap<>();
    images.forEach(i -> profiles.put(i, source.describe(i)));
    ImageBuildMatrix matrix = ImageBuildMatrix.of(engine, fleet, profiles);
    List<String> header = new ArrayList<>(List.of("IMAGE", "OS"));
    matrix.columns().forEach(c -> header.add(heading(c)));
    TextTable t = new TextTable(header.toArray(String[]::new));
    for (ImageBuildMatrix.Row r : matrix.rows()) {
      List<Object> row = new ArrayList<>(List.of(r.image(), r.profile().describeOs()));
      r.cells().forEach(c -> row.add(cell(c.mode())));
      t.row(row.toArray());
    }
    out.println(
        "Images in use against the fleet's nodes (yes: process isolation, as Kubernetes runs"
            + " them; hyperv only: only with Hyper-V isolation, which Kubernetes does not run;"
            + " ?: not known from the tag):");
    t.print(out);
    printImagesAhead(out, matrix, engine);
  }

  /** {@code 10.0.20348}, {@code 10.0.26100 arm64}, {@code LINUX}, {@code BUILD ?}. */
  private static String heading(ImageBuildMatrix.Column c) {
    if (c.host() == null) {
      return c.id().equals("unknown") ? "OS ?" : "BUILD ?";
    }
    String arch = c.host().architecture().equals("amd64") ? "" : " " + c.host().architecture();
    return c.host().os() == OsFamily.LINUX
        ? "LINUX" + arch.toUpperCase(java.util.Locale.ROOT)
        : c.host().version().buildString() + arch;
  }

  private static String cell(ImageBuildMatrix.Mode mode) {
    return switch (mode) {
      case PROCESS -> "yes";
      case HYPERV_ONLY -> "hyperv only";
      case NONE -> "no";
      case UNKNOWN -> "?";
    };
  }

  /** {@code 2024-10 KB5044281, 22 behind}: a version's update and patch age, or "-". */
  static String patchCell(CompatibilityEngine engine, OsVersion version) {
    if (version == null || !version.hasRevision()) {
      return "-";
    }
    String line = CompatCommand.patchLine(engine, version);
    return line.isEmpty() ? "not known" : line.substring(2);
  }

  /**
   * Images whose Windows revision is above that of nodes of their build: the order Microsoft's
   * monthly updates need is hosts first, then images.
   */
  static void printImagesAhead(
      PrintWriter out, ImageBuildMatrix matrix, CompatibilityEngine engine) {
    TextTable t = new TextTable("IMAGE", "IMAGE VERSION", "IMAGE PATCH", "NODES BEHIND", "WORST");
    int withRevision = 0;
    int ahead = 0;
    for (ImageBuildMatrix.Row r : matrix.rows()) {
      for (OsVersion v : r.profile().windowsBuilds()) {
        if (!v.hasRevision()) {
          continue;
        }
        withRevision++;
        List<String> behind = new ArrayList<>();
        int worstMonths = 0;
        String worst = "";
        for (ImageBuildMatrix.PatchGap gap : r.aheadOf()) {
          if (!gap.imageVersion().equals(v)) {
            continue;
          }
          PatchAssessment a = gap.assessment();
          behind.add(gap.node() + " (" + gap.nodeVersion() + ")");
          if (a.incident().isPresent()) {
            worst =
                "known incident "
                    + a.incident().get().id()
                    + ": install "
                    + a.incident().get().kb();
            worstMonths = Integer.MAX_VALUE;
          } else if (a.monthsImageAhead() > worstMonths || worst.isEmpty()) {
            worstMonths = Math.max(worstMonths, a.monthsImageAhead());
            worst = a.monthsImageAhead() + " monthly update(s) ahead";
          }
        }
        if (!behind.isEmpty()) {
          ahead++;
          t.row(r.image(), v, patchCell(engine, v), String.join(", ", behind), worst);
        }
      }
    }
    out.println();
    if (ahead == 0) {
      out.println(
          "Images ahead of their hosts' monthly update: none among the "
              + withRevision
              + " image platform(s) whose revision is known here (from tags such as"
              + " 10.0.20348.2849); the revision of the others is not known.");
      return;
    }
    out.println("Images ahead of their hosts' monthly update (patch these nodes first):");
    t.print(out);
  }

  private static String dash(String s) {
    return s == null || s.isEmpty() ? "-" : s;
  }

  /** {@code winfleet fleet export}: the fleet as YAML that {@code --fleet} reads. */
  @Command(
      name = "export",
      mixinStandardHelpOptions = true,
      description = {
        "Write the fleet (Nodes and RuntimeClasses, with what winfleet reads of them) as a YAML"
            + " List that --fleet of check, serve and fleet reads back. Without --fleet or"
            + " --kubeconfig the cluster is kubectl's: $KUBECONFIG, then ~/.kube/config.",
        ""
      },
      footerHeading = "%nExit codes:%n",
      footer = {
        "  0  written",
        "  2  bad usage, unreadable file, cluster not reachable",
        "",
        "Examples:",
        "  winfleet fleet export --kubeconfig ~/.kube/config > fleet.yaml",
        "  winfleet fleet export --kubeconfig ~/.kube/config --output fleet.yaml"
      })
  static final class Export implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin FleetSourceOptions source = new FleetSourceOptions();

    @Option(
        names = {"-o", "--output"},
        paramLabel = "FILE",
        description = "Write here instead of standard output.")
    Path output;

    @Override
    public Integer call() throws IOException {
      String yaml = toYaml(source.readOrDefaultKubeconfig());
      if (output == null) {
        spec.commandLine().getOut().print(yaml);
        spec.commandLine().getOut().flush();
      } else {
        try {
          Files.writeString(output, yaml);
        } catch (IOException e) {
          throw new UserException("--output " + output + ": " + e.getMessage());
        }
      }
      return ExitCodes.OK;
    }
  }

  static String toYaml(Fleet fleet) throws IOException {
    Map<String, Object> list = new LinkedHashMap<>();
    list.put("apiVersion", "v1");
    list.put("kind", "List");
    list.put("items", FleetObjects.toObjects(fleet));
    ObjectMapper yaml =
        YamlFormat.mapper(
            b ->
                b.disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                    .disable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                    .enable(YAMLGenerator.Feature.SPLIT_LINES));
    return "# winfleet fleet export: read it back with --fleet\n" + yaml.writeValueAsString(list);
  }
}
