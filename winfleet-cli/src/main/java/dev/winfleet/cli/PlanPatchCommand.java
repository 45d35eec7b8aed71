package dev.winfleet.cli;

import dev.winfleet.core.fleet.Fleet;
import dev.winfleet.core.image.ImageMetadataSource;
import dev.winfleet.core.planning.PatchOutcome;
import dev.winfleet.core.planning.PatchPlan;
import dev.winfleet.core.planning.PatchPlanner;
import dev.winfleet.core.planning.PlanningException;
import dev.winfleet.core.planning.UpgradeWave;
import dev.winfleet.core.version.OsVersion;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code winfleet plan patch}: a monthly rollout that never runs an image ahead of its host. */
@Command(
    name = "patch",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Plan a monthly rollout: patch the Windows nodes of one build to a revision, then move the"
          + " workloads' images to it, in an order that never runs an image ahead of its host."
          + " Nodes are patched pool by pool (the smallest pool first), a pool being the nodes"
          + " sharing a node-pool label (AKS, EKS, GKE), else node by node; each workload may"
          + " roll its images after the last wave that patches a node it can land on.",
      "",
      "Capacity and PodDisruptionBudgets during the drains are not checked (plan upgrade does"
          + " that for a change of build). Images are known by their tags (10.0.26100.4061) or a"
          + " saved 'winfleet inspect --json' result (--images-file).",
      ""
    },
    footerHeading = "%nExit codes:%n",
    footer = {
      "  0  planned",
      "  1  planned, and a workload already runs an image ahead of a node it can land on",
      "  2  bad usage or unreadable input",
      "",
      "Examples:",
      "  winfleet plan patch --fleet fleet.yaml --workloads k8s/ --to 10.0.26100.4061",
      "  winfleet plan patch --kubeconfig ~/.kube/config --workloads k8s/ --to 10.0.20348.3692"
          + " --max-per-wave 2 -o json"
    })
final class PlanPatchCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin FleetSourceOptions fleetSource = new FleetSourceOptions();

  @Option(
      names = "--workloads",
      paramLabel = "PATH",
      arity = "1..*",
      required = true,
      description = "Manifests of the workloads (files, directories, '-' for stdin).")
  List<String> workloads;

  @Option(
      names = "--to",
      paramLabel = "VERSION",
      required = true,
      description =
          "The full version to roll out, with its revision: 10.0.26100.4061 ('winfleet releases"
              + " --updates BUILD' lists them).")
  String to;

  @Mixin ImageFactsOptions imageFacts = new ImageFactsOptions();

  @Option(
      names = "--max-per-wave",
      paramLabel = "N",
      defaultValue = "0",
      description = "Patch at most N nodes together (default: a whole pool).")
  int maxPerWave;

  @Mixin OutputOptions output = new OutputOptions();

  /** Standard input; tests replace it. */
  InputStream stdin = System.in;

  @Override
  public Integer call() {
    if (maxPerWave < 0) {
      throw new UserException("--max-per-wave must be 0 (a whole pool) or more, not " + maxPerWave);
    }
    OsVersion target =
        OsVersion.parseNumeric(to)
            .orElseThrow(
                () ->
                    new UserException(
                        "--to "
                            + to
                            + ": give the full version with its revision, such as"
                            + " 10.0.26100.4061"));
    PlanInputs.Manifests manifests = PlanInputs.manifests(workloads, stdin);
    Fleet fleet = fleetSource.readRequired().withRuntimeClasses(manifests.classes());
    ImageMetadataSource images = imageFacts.source();
    PatchPlan plan;
    try {
      plan = PatchPlanner.builtIn(images).plan(fleet, manifests.workloads(), target, maxPerWave);
    } catch (PlanningException e) {
      throw new UserException("--to " + to + ": " + ErrorReporter.advice(e), e);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (output.structured()) {
      output.print(out, json(plan));
    } else {
      text(out, plan);
    }
    return plan.anyAheadNow() ? ExitCodes.FOUND : ExitCodes.OK;
  }

  /** The JSON contract, in the style of plan upgrade's. */
  static Map<String, Object> json(PatchPlan plan) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("target", plan.target().toString());
    root.put("kb", plan.update().map(u -> u.kb()).orElse(null));
    root.put("released", plan.update().map(u -> u.released().toString()).orElse(null));
    List<Map<String, Object>> waves = new ArrayList<>();
    for (UpgradeWave w : plan.waves()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("nodes", w.nodes());
      m.put("precondition", w.precondition());
      waves.add(m);
    }
    List<Map<String, Object>> workloads = new ArrayList<>();
    for (PatchOutcome o : plan.workloads()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("object", o.object().display());
      m.put("file", o.file());
      m.put("status", o.status().wireName());
      m.put("images", o.images());
      m.put("rollAfterWave", o.rollAfterWave());
      m.put("nodes", o.nodes());
      m.put("reason", o.reason());
      workloads.add(m);
    }
    root.put("waves", waves);
    root.put("workloads", workloads);
    root.put("notes", plan.notes());
    return root;
  }

  static void text(PrintWriter out, PatchPlan plan) {
    out.println(
        "Patching to "
            + plan.target()
            + plan.update().map(u -> " (" + u.label() + ")").orElse("")
            + ": "
            + plan.waves().stream().mapToInt(w -> w.nodes().size()).sum()
            + " node(s) in "
            + plan.waves().size()
            + " wave(s), then the images.");
    for (String n : plan.notes()) {
      out.println("note: " + n);
    }
    if (!plan.waves().isEmpty()) {
      out.println();
      out.println("Waves (nodes first):");
      int i = 1;
      for (UpgradeWave w : plan.waves()) {
        out.println("  " + i++ + ". " + PlanUpgradeCommand.abbreviate(w.nodes(), 12));
        out.println("     " + w.precondition());
      }
    }
    out.println();
    if (plan.workloads().isEmpty()) {
      out.println(
          "No workload runs an image of build " + plan.target().buildString() + " known here.");
    } else {
      out.println("Images (after their nodes):");
      TextTable table = new TextTable("OBJECT", "STATUS", "AFTER WAVE", "IMAGES");
      for (PatchOutcome o : plan.workloads()) {
        table.row(
            o.object().display(),
            o.status().wireName(),
            o.rollAfterWave() == 0 ? "-" : o.rollAfterWave(),
            String.join(", ", o.images()));
      }
      table.print(out);
      out.println();
      out.println("Why:");
      for (PatchOutcome o : plan.workloads()) {
        out.println("  " + o.object().display() + " " + o.status().wireName() + ": " + o.reason());
      }
    }
    out.flush();
  }
}
