package dev.winfleet.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.winfleet.core.fleet.Fleet;
import dev.winfleet.core.image.ImageReference;
import dev.winfleet.core.manifest.YamlFormat;
import dev.winfleet.core.planning.Bandwidth;
import dev.winfleet.core.planning.ImageLayers;
import dev.winfleet.core.planning.PlanningException;
import dev.winfleet.core.planning.PrepullManifests;
import dev.winfleet.core.planning.PrepullPlan;
import dev.winfleet.core.planning.PrepullPlanner;
import dev.winfleet.core.planning.PrepullRequest;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code winfleet plan prepull}: images onto every node that can run them, in waves. */
@Command(
    name = "prepull",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Plan getting images onto every node that can run them without flooding the network: a"
          + " layer shared by several images is pulled once per node, layers a node already holds"
          + " (status.images) are skipped, foreign layers come from their own URLs and do not load"
          + " the registry. Nodes pull in waves bounded by the registry's egress and each node's"
          + " bandwidth; the report shows the estimated completion time and peak registry load,"
          + " against every node pulling at once.",
      "",
      "Layers come from the registries (--registry-lookup) or a saved 'winfleet inspect --json"
          + " --layers' result (--images-file). '--emit manifests' prints one DaemonSet per wave"
          + " and Windows build, pinned to that wave's nodes, that pulls the images and does"
          + " nothing else: apply a wave, wait until its pods are Running, delete it, apply the"
          + " next.",
      ""
    },
    footerHeading = "%nExit codes:%n",
    footer = {
      "  0  planned",
      "  2  bad usage or unreadable input (a bandwidth such as 10Gb/s, an image without layers)",
      "",
      "Bandwidths: 1Gbit/s, 100Mbit/s, 10Gbit/s, 500MB/s, 1.5GiB/s (bit or B; k, M, G, T, Ki, Mi, Gi).",
      "",
      "Examples:",
      "  winfleet inspect --json --layers mcr.microsoft.com/windows/servercore:ltsc2022 > images.json",
      "  winfleet plan prepull --fleet fleet.yaml --images mcr.microsoft.com/windows/servercore:ltsc2022 \\",
      "      --images-file images.json --node-bandwidth 1Gbit/s --registry-bandwidth 10Gbit/s",
      "  winfleet plan prepull --kubeconfig ~/.kube/config --images harbor.example.com/base/aspnet:4.8 \\",
      "      --registry-lookup --node-bandwidth 1Gbit/s --registry-bandwidth 10Gbit/s --emit manifests"
    })
final class PlanPrepullCommand implements Callable<Integer> {

  enum Emit {
    manifests
  }

  @Spec CommandSpec spec;

  @Mixin FleetSourceOptions fleetSource = new FleetSourceOptions();

  @Option(
      names = "--images",
      paramLabel = "REF",
      arity = "1..*",
      required = true,
      description = "The images to pre-pull.")
  List<String> images;

  @Option(
      names = "--registry-lookup",
      description = "Read the images' layers from their registries.")
  boolean registryLookup;

  @Option(
      names = "--images-file",
      paramLabel = "FILE",
      description =
          "A saved 'winfleet inspect --json --layers' result; may list more images than --images"
              + " (what nodes already hold is mapped to layers through it).")
  Path imagesFile;

  @Option(
      names = "--node-bandwidth",
      paramLabel = "RATE",
      required = true,
      converter = BandwidthConverter.class,
      description = "What one node can download, e.g. 1Gbit/s.")
  Bandwidth nodeBandwidth;

  @Option(
      names = "--registry-bandwidth",
      paramLabel = "RATE",
      required = true,
      converter = BandwidthConverter.class,
      description = "What the registry can send to all nodes together, e.g. 10Gbit/s.")
  Bandwidth registryBandwidth;

  @Option(
      names = "--max-concurrent",
      paramLabel = "N",
      description = "At most N nodes pulling at once (default: as many as the registry can feed).")
  Integer maxConcurrent;

  @Mixin OutputOptions output = new OutputOptions();

  @Option(
      names = "--emit",
      paramLabel = "WHAT",
      description = "Print Kubernetes objects instead of the report: ${COMPLETION-CANDIDATES}.")
  Emit emit;

  @Option(
      names = "--namespace",
      paramLabel = "NS",
      defaultValue = "winfleet-prepull",
      description = "Namespace of the emitted DaemonSets (default: ${DEFAULT-VALUE}).")
  String namespace;

  @Mixin RegistryAccessOptions registries = new RegistryAccessOptions();

  @Option(
      names = "--timing",
      hidden = true,
      description = "Print on stderr how long reading, planning and printing took.")
  boolean timing;

  @Override
  public Integer call() throws IOException {
    if (registryLookup == (imagesFile != null)) {
      throw new UserException(
          "give either --registry-lookup or --images-file FILE: the plan needs the images' layers");
    }
    if (maxConcurrent != null && maxConcurrent < 1) {
      throw new UserException("--max-concurrent must be at least 1, not " + maxConcurrent);
    }
    if (!namespace.matches("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?")) {
      throw new UserException("--namespace " + namespace + " is not a valid namespace name");
    }
    List<String> refs = new ArrayList<>(new LinkedHashSet<>(images));
    refs.forEach(ImageReference::parse);
    long t0 = System.nanoTime();
    Fleet fleet = fleetSource.readRequired();
    long t1 = System.nanoTime();
    List<ImageLayers> known =
        imagesFile != null
            ? ImageLayersSources.readFile(imagesFile)
            : ImageLayersSources.lookUp(
                refs, registries.insecureRegistries, registries.dockerConfig);
    PrepullPlan plan;
    try {
      plan =
          PrepullPlanner.builtIn()
              .plan(
                  new PrepullRequest(
                      fleet,
                      refs,
                      known,
                      nodeBandwidth,
                      registryBandwidth,
                      maxConcurrent == null ? 0 : maxConcurrent));
    } catch (PlanningException e) {
      throw new UserException(ErrorReporter.advice(e), e);
    }
    long t2 = System.nanoTime();
    PrintWriter out = spec.commandLine().getOut();
    if (emit == Emit.manifests) {
      printManifests(out, plan);
    } else if (output.structured()) {
      output.print(out, json(plan));
    } else {
      text(out, plan);
    }
    if (timing) {
      long t3 = System.nanoTime();
      spec.commandLine()
          .getErr()
          .printf(
              "fleet %d ms, images and plan %d ms, output %d ms%n",
              (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000);
    }
    return ExitCodes.OK;
  }

  private static final ObjectMapper YAML =
      YamlFormat.mapper(
          b ->
              b.disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                  .enable(YAMLGenerator.Feature.SPLIT_LINES));

  void printManifests(PrintWriter out, PrepullPlan plan) throws IOException {
    out.println(
        "# winfleet plan prepull: "
            + plan.waves().size()
            + " wave(s), estimated "
            + duration(plan.completionSeconds())
            + ". Apply one wave at a time: kubectl apply -f, wait until its DaemonSets' pods are"
            + " Running, delete them, apply the next.");
    List<Map<String, Object>> objects = new ArrayList<>();
    Map<String, Object> ns = new LinkedHashMap<>();
    ns.put("apiVersion", "v1");
    ns.put("kind", "Namespace");
    ns.put("metadata", Map.of("name", namespace));
    objects.add(ns);
    objects.addAll(PrepullManifests.builtIn().objects(plan, namespace));
    for (int i = 0; i < objects.size(); i++) {
      out.println("---");
      out.print(YAML.writeValueAsString(objects.get(i)));
    }
    out.flush();
  }

  static Map<String, Object> json(PrepullPlan plan) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("nodeBandwidthBitsPerSecond", Math.round(plan.nodeBandwidth().bitsPerSecond()));
    root.put(
        "registryBandwidthBitsPerSecond", Math.round(plan.registryBandwidth().bitsPerSecond()));
    root.put("completionSeconds", round(plan.completionSeconds()));
    root.put("peakRegistryBitsPerSecond", Math.round(plan.peakRegistryBytesPerSecond() * 8));
    root.put("registryBytes", plan.registryBytes());
    root.put("foreignBytes", plan.foreignBytes());
    root.put("bytesAlreadyPresent", plan.bytesAlreadyPresent());
    root.put("bytesWithoutSharing", plan.bytesWithoutSharing());
    Map<String, Object> naive = new LinkedHashMap<>();
    naive.put("completionSeconds", round(plan.naive().completionSeconds()));
    naive.put("demandBitsPerSecond", Math.round(plan.naive().demandBytesPerSecond() * 8));
    naive.put(
        "peakRegistryBitsPerSecond", Math.round(plan.naive().peakRegistryBytesPerSecond() * 8));
    root.put("naive", naive);
    List<Map<String, Object>> images = new ArrayList<>();
    for (PrepullPlan.ImageTargets t : plan.images()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("reference", t.reference());
      m.put("nodes", t.nodes());
      images.add(m);
    }
    root.put("images", images);
    List<Map<String, Object>> waves = new ArrayList<>();
    for (PrepullPlan.Wave w : plan.waves()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("wave", w.number());
      m.put("nodes", w.nodes());
      m.put("startSeconds", round(w.startSeconds()));
      m.put("endSeconds", round(w.endSeconds()));
      m.put("registryBytes", w.registryBytes());
      m.put("foreignBytes", w.foreignBytes());
      m.put("peakRegistryBitsPerSecond", Math.round(w.peakRegistryBytesPerSecond() * 8));
      waves.add(m);
    }
    root.put("waves", waves);
    List<Map<String, Object>> nodes = new ArrayList<>();
    for (PrepullPlan.NodePull p : plan.nodes()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("node", p.node());
      m.put("build", p.build() == null ? null : p.build().toString());
      m.put("images", p.images());
      m.put("layers", p.layers());
      m.put("registryBytes", p.registryBytes());
      m.put("foreignBytes", p.foreignBytes());
      m.put("skippedBytes", p.skippedBytes());
      m.put("seconds", round(p.seconds()));
      nodes.add(m);
    }
    root.put("nodes", nodes);
    root.put("notes", plan.notes());
    return root;
  }

  private static double round(double v) {
    return Math.round(v * 10) / 10.0;
  }

  static void text(PrintWriter out, PrepullPlan plan) {
    long targeted = plan.nodes().size();
    long pulling = plan.nodes().stream().filter(p -> p.totalBytes() > 0).count();
    out.println(
        "Pre-pull "
            + plan.images().size()
            + " image(s) to "
            + targeted
            + " node(s) that can run them ("
            + (targeted - pulling)
            + " already have everything); node "
            + plan.nodeBandwidth()
            + ", registry "
            + plan.registryBandwidth());
    for (PrepullPlan.ImageTargets t : plan.images()) {
      out.println("  " + t.reference() + ": " + t.nodes() + " node(s)");
    }
    for (String n : plan.notes()) {
      out.println("note: " + n);
    }
    if (plan.waves().isEmpty()) {
      out.println();
      out.println("Nothing to download.");
      out.flush();
      return;
    }
    out.println();
    TextTable table =
        new TextTable("WAVE", "START", "END", "NODES", "FROM REGISTRY", "FOREIGN", "REGISTRY LOAD");
    for (PrepullPlan.Wave w : plan.waves()) {
      table.row(
          w.number(),
          duration(w.startSeconds()),
          duration(w.endSeconds()),
          w.nodes().size(),
          HumanSize.format(w.registryBytes()),
          HumanSize.format(w.foreignBytes()),
          Bandwidth.describeBytesPerSecond(w.peakRegistryBytesPerSecond()));
    }
    table.print(out);
    out.println();
    int width = 40;
    double total = plan.completionSeconds();
    out.println("Timeline (" + duration(total) + " across " + width + " columns):");
    int shown = 0;
    for (PrepullPlan.Wave w : plan.waves()) {
      if (shown++ == 12 && plan.waves().size() > 13) {
        out.println("  ... " + (plan.waves().size() - 12) + " more wave(s)");
        break;
      }
      int from = (int) Math.floor(w.startSeconds() / total * width);
      int to = Math.max(from + 1, (int) Math.ceil(w.endSeconds() / total * width));
      to = Math.min(width, to);
      out.println(
          String.format(Locale.ROOT, "  wave %-3d |", w.number())
              + ".".repeat(from)
              + "#".repeat(to - from)
              + ".".repeat(width - to)
              + "|");
    }
    double longestNode =
        plan.nodes().stream().mapToDouble(PrepullPlan.NodePull::seconds).max().orElse(0);
    out.println();
    out.println(
        "Planned: done in "
            + duration(total)
            + "; each node downloads for at most "
            + duration(longestNode)
            + "; registry load at most "
            + Bandwidth.describeBytesPerSecond(plan.peakRegistryBytesPerSecond())
            + ".");
    PrepullPlan.Naive naive = plan.naive();
    double over = naive.demandBytesPerSecond() / plan.registryBandwidth().bytesPerSecond();
    out.println(
        "Every node pulling now: done in "
            + duration(naive.completionSeconds())
            + "; the nodes ask "
            + Bandwidth.describeBytesPerSecond(naive.demandBytesPerSecond())
            + " of the registry"
            + (over > 1
                ? String.format(
                    Locale.ROOT,
                    " (%.0fx its %s: saturated, most pulls last the whole %s and risk the"
                        + " runtime's pull deadlines)",
                    over,
                    plan.registryBandwidth(),
                    duration(naive.completionSeconds()))
                : "")
            + ".");
    out.println(
        "Bytes: "
            + HumanSize.format(plan.registryBytes())
            + " from the registry, "
            + HumanSize.format(plan.foreignBytes())
            + " foreign; "
            + HumanSize.format(plan.bytesAlreadyPresent())
            + " already on the nodes; "
            + HumanSize.format(plan.bytesWithoutSharing())
            + " pulling every image whole.");
    out.flush();
  }

  /** {@code 45s}, {@code 12m 30s}, {@code 2h 05m}. */
  static String duration(double seconds) {
    long s = Math.round(seconds);
    if (s < 60) {
      return s + "s";
    }
    if (s < 3600) {
      return (s / 60) + "m " + String.format(Locale.ROOT, "%02ds", s % 60);
    }
    return (s / 3600) + "h " + String.format(Locale.ROOT, "%02dm", (s % 3600) / 60);
  }
}
