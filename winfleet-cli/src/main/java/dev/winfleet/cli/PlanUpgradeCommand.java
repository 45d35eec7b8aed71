package dev.winfleet.cli;

import dev.winfleet.core.catalog.WindowsCatalog;
import dev.winfleet.core.catalog.WindowsRelease;
import dev.winfleet.core.fleet.Fleet;
import dev.winfleet.core.fleet.FleetNode;
import dev.winfleet.core.image.ImageMetadataSource;
import dev.winfleet.core.planning.BlockedBy;
import dev.winfleet.core.planning.LabelSelector;
import dev.winfleet.core.planning.PlanningException;
import dev.winfleet.core.planning.UpgradePlan;
import dev.winfleet.core.planning.UpgradePlanner;
import dev.winfleet.core.planning.UpgradeRequest;
import dev.winfleet.core.planning.UpgradeStatus;
import dev.winfleet.core.planning.UpgradeWave;
import dev.winfleet.core.planning.WorkloadOutcome;
import dev.winfleet.core.version.OsVersion;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code winfleet plan upgrade}: what an upgrade of Windows hosts does to the workloads. */
@Command(
    name = "upgrade",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Simulate upgrading Windows nodes to a release and report, for every workload, where it can"
          + " run before and after, whether it is still ok, needs a rebuild on a newer base image,"
          + " only a reschedule (its windows-build selector follows, the image stays), was already"
          + " broken before the upgrade, or breaks (no node left, or replicas without room for"
          + " their CPU and memory requests); the image to rebuild on where the repository"
          + " publishes one for the target (known tag schemes),"
          + " the selector changes that go with it; and waves of nodes to drain so that every"
          + " workload stays placeable at each step, within the PodDisruptionBudgets in the input.",
      "",
      "Placement follows the scheduler (nodeSelector, required node affinity, RuntimeClasses,"
          + " taints and tolerations) and the Windows compatibility rule, judged once per class of"
          + " equivalent nodes. Images are known by their tags, or by a saved 'winfleet inspect"
          + " --json' result (--images-file).",
      ""
    },
    footerHeading = "%nExit codes:%n",
    footer = {
      "  0  the upgrade breaks nothing (workloads may need a rebuild or a reschedule, or be"
          + " already broken: see the report)",
      "  1  the upgrade breaks at least one workload that runs today",
      "  2  bad usage or unreadable input (an unknown node or release, broken YAML)",
      "",
      "Examples:",
      "  winfleet plan upgrade --fleet fleet.yaml --workloads k8s/ --nodes win19-a,win19-b --to ltsc2022",
      "  winfleet plan upgrade --kubeconfig ~/.kube/config --workloads k8s/ \\",
      "      --selector node.kubernetes.io/windows-build=10.0.17763 --to ws2022 -o json"
    })
final class PlanUpgradeCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin FleetSourceOptions fleetSource = new FleetSourceOptions();

  @Option(
      names = "--workloads",
      paramLabel = "PATH",
      arity = "1..*",
      required = true,
      description =
          "Manifests of the workloads (files, directories, '-' for stdin); PodDisruptionBudgets"
              + " and RuntimeClasses among them are used too.")
  List<String> workloads;

  static final class Selection {
    @Option(
        names = "--nodes",
        paramLabel = "N1,N2",
        split = ",",
        required = true,
        description = "The nodes to upgrade, by name.")
    List<String> nodes;

    @Option(
        names = "--selector",
        paramLabel = "LABELS",
        required = true,
        description = "The nodes to upgrade, by label selector (a=b,c!=d, as kubectl -l).")
    String selector;
  }

  @ArgGroup(exclusive = true, multiplicity = "1")
  Selection selection;

  @Option(
      names = "--to",
      paramLabel = "RELEASE",
      required = true,
      description = "The target release: ltsc2022, ws2025, 'Windows Server 2022', 20348...")
  String to;

  @Mixin ImageFactsOptions imageFacts = new ImageFactsOptions();

  @Option(
      names = "--max-per-wave",
      paramLabel = "N",
      defaultValue = "0",
      description =
          "Drain at most N nodes together (default: as many as capacity and budgets allow).")
  int maxPerWave;

  @Mixin OutputOptions output = new OutputOptions();

  @Option(
      names = "--timing",
      hidden = true,
      description = "Print on stderr how long reading, planning and printing took.")
  boolean timing;

  /** Standard input; tests replace it. */
  InputStream stdin = System.in;

  @Override
  public Integer call() {
    if (maxPerWave < 0) {
      throw new UserException("--max-per-wave must be 0 (no limit) or more, not " + maxPerWave);
    }
    WindowsRelease target = release(to);
    LabelSelector selector = null;
    if (selection.selector != null) {
      try {
        selector = LabelSelector.parse(selection.selector);
      } catch (PlanningException e) {
        throw new UserException("--selector: " + e.getMessage());
      }
    }
    long t0 = System.nanoTime();
    // The fleet and the manifests are read at the same time: on two cores, that halves the wait.
    java.util.concurrent.CompletableFuture<Fleet> reading =
        java.util.concurrent.CompletableFuture.supplyAsync(fleetSource::readRequired);
    PlanInputs.Manifests manifests = PlanInputs.manifests(workloads, stdin);
    long t1 = System.nanoTime();
    Fleet fleet;
    try {
      fleet = reading.join();
    } catch (java.util.concurrent.CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
    long t2 = System.nanoTime();
    fleet = fleet.withRuntimeClasses(manifests.classes());
    List<String> nodes = new ArrayList<>();
    if (selector != null) {
      for (FleetNode n : fleet.nodes()) {
        if (selector.matches(n.labels())) {
          nodes.add(n.name());
        }
      }
      if (nodes.isEmpty()) {
        throw new UserException(
            "--selector " + selection.selector + " matches no node of the fleet");
      }
    } else {
      for (String n : selection.nodes) {
        if (!n.isBlank()) {
          nodes.add(n.trim());
        }
      }
      if (nodes.isEmpty()) {
        throw new UserException("--nodes names no node");
      }
    }
    ImageMetadataSource images = imageFacts.source();
    UpgradePlan plan;
    try {
      plan =
          UpgradePlanner.builtIn(images)
              .plan(
                  new UpgradeRequest(
                      fleet,
                      manifests.workloads(),
                      manifests.budgets(),
                      nodes,
                      target,
                      maxPerWave));
    } catch (PlanningException e) {
      throw new UserException(e.getMessage());
    }
    long t3 = System.nanoTime();
    PrintWriter out = spec.commandLine().getOut();
    if (output.structured()) {
      output.print(out, json(plan));
    } else {
      text(out, plan);
    }
    if (timing) {
      long t4 = System.nanoTime();
      spec.commandLine()
          .getErr()
          .printf(
              "workloads %d ms, fleet (read alongside) %d ms more, plan %d ms, output %d ms%n",
              (t1 - t0) / 1_000_000,
              (t2 - t1) / 1_000_000,
              (t3 - t2) / 1_000_000,
              (t4 - t3) / 1_000_000);
    }
    return plan.anyBreaks() ? ExitCodes.FOUND : ExitCodes.OK;
  }

  static WindowsRelease release(String text) {
    WindowsRelease r =
        WindowsCatalog.builtIn()
            .findRelease(text)
            .orElseThrow(
                () ->
                    new UserException(
                        "--to "
                            + text
                            + ": not a Windows release winfleet knows; 'winfleet releases' lists"
                            + " them (ltsc2022, ws2025, 20348...)"));
    if (r.isServer()) {
      return r;
    }
    WindowsRelease client = r;
    return WindowsCatalog.builtIn()
        .serverRelease(r.build())
        .orElseThrow(
            () ->
                new UserException(
                    "--to "
                        + text
                        + ": "
                        + client.name()
                        + " is a client release; Windows nodes run Windows Server"));
  }

  /** The JSON contract of issue 6. */
  static Map<String, Object> json(UpgradePlan plan) {
    List<Map<String, Object>> workloads = new ArrayList<>();
    for (WorkloadOutcome w : plan.workloads()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("object", w.object().display());
      m.put("file", w.file());
      m.put("status", w.status().wireName());
      m.put("before", w.before().stream().map(OsVersion::toString).toList());
      m.put("after", w.after().stream().map(OsVersion::toString).toList());
      m.put("suggestedImages", w.suggestedImages());
      m.put("reason", w.reason());
      m.put("blockedBy", json(w.blockedBy()));
      workloads.add(m);
    }
    List<Map<String, Object>> waves = new ArrayList<>();
    for (UpgradeWave w : plan.waves()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("nodes", w.nodes());
      m.put("precondition", w.precondition());
      m.put("blockedBy", json(w.blockedBy()));
      waves.add(m);
    }
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("workloads", workloads);
    root.put("waves", waves);
    return root;
  }

  /** {@code {"kind": "image-not-rebuilt", "subjects": [...]}}, or null when nothing blocks. */
  private static Map<String, Object> json(BlockedBy blockedBy) {
    if (blockedBy == null) {
      return null;
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("kind", blockedBy.kind().wireName());
    m.put("subjects", blockedBy.subjects());
    return m;
  }

  static void text(PrintWriter out, UpgradePlan plan) {
    OsVersion t = OsVersion.ofBuild(plan.target().build());
    out.println(
        "Upgrading "
            + plan.upgraded().size()
            + " node(s) to "
            + plan.target().name()
            + " ("
            + t
            + ")"
            + (plan.upgraded().isEmpty() ? "" : ": " + abbreviate(plan.upgraded(), 10)));
    for (String n : plan.notes()) {
      out.println("note: " + n);
    }
    out.println();
    TextTable table = new TextTable("OBJECT", "STATUS", "BEFORE", "AFTER", "SUGGESTED IMAGE");
    for (WorkloadOutcome w : plan.workloads()) {
      table.row(
          w.object().display(),
          w.status().wireName(),
          builds(w.before()),
          builds(w.after()),
          w.suggestedImages().isEmpty() ? "-" : String.join(", ", w.suggestedImages().values()));
    }
    table.print(out);
    List<WorkloadOutcome> notOk =
        plan.workloads().stream().filter(w -> w.status() != UpgradeStatus.OK).toList();
    if (!notOk.isEmpty()) {
      out.println();
      out.println("Why:");
      for (WorkloadOutcome w : notOk) {
        out.println(
            "  "
                + w.object().display()
                + (w.file() == null ? "" : " (" + w.file() + ")")
                + " "
                + w.status().wireName()
                + ": "
                + w.reason());
      }
    }
    if (!plan.waves().isEmpty()) {
      out.println();
      out.println("Waves:");
      int i = 1;
      for (UpgradeWave w : plan.waves()) {
        out.println("  " + i++ + ". " + abbreviate(w.nodes(), 12));
        out.println("     " + w.precondition());
      }
    }
    out.println();
    List<String> counts = new ArrayList<>();
    for (UpgradeStatus status : UpgradeStatus.values()) {
      counts.add(plan.count(status) + " " + status.wireName());
    }
    out.println(String.join(", ", counts) + "; " + plan.waves().size() + " wave(s)");
    out.flush();
  }

  private static String builds(java.util.SortedSet<OsVersion> builds) {
    return builds.isEmpty()
        ? "-"
        : String.join(",", builds.stream().map(OsVersion::toString).toList());
  }

  static String abbreviate(List<String> names, int max) {
    if (names.size() <= max) {
      return String.join(", ", names);
    }
    return String.join(", ", names.subList(0, max)) + " and " + (names.size() - max) + " more";
  }
}
