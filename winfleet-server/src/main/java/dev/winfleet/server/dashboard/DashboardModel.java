package dev.winfleet.server.dashboard;

import dev.winfleet.core.cluster.WindowsNodeObservability;
import dev.winfleet.core.fleet.Fleet;
import dev.winfleet.core.fleet.FleetNode;
import dev.winfleet.core.fleet.FleetObjects;
import dev.winfleet.core.fleet.ImageBuildMatrix;
import dev.winfleet.core.fleet.RuntimeClassSpec;
import dev.winfleet.core.image.ImageMetadataSource;
import dev.winfleet.core.image.ImageProfile;
import dev.winfleet.core.manifest.FieldPath;
import dev.winfleet.core.manifest.ManifestFile;
import dev.winfleet.core.manifest.ManifestObject;
import dev.winfleet.core.manifest.PodTemplate;
import dev.winfleet.core.manifest.Position;
import dev.winfleet.core.placement.SchedulingConstraints;
import dev.winfleet.core.planning.DisruptionBudget;
import dev.winfleet.core.planning.ImageLayers;
import dev.winfleet.core.rules.CheckEnvironment;
import dev.winfleet.core.rules.Finding;
import dev.winfleet.core.rules.RuleSelection;
import dev.winfleet.core.rules.RulesEngine;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the dashboard shows, computed once from a fleet snapshot and a set of workloads: the
 * workloads with the rules engine's findings, the images they use, the compatibility matrix of
 * those images against the fleet's node builds, and the PodDisruptionBudgets the upgrade planner
 * respects. Immutable; rebuild it when the fleet or the workloads change.
 */
public final class DashboardModel {

  /** The namespace shown for objects that name none (kubectl applies them to its context's). */
  public static final String DEFAULT_NAMESPACE = "default";

  private final RulesEngine engine;
  private final CheckEnvironment environment;
  private final List<Workload> workloads;
  private final List<Finding> fileProblems;
  private final List<DisruptionBudget> budgets;
  private final Map<String, ImageProfile> images;
  private final ImageBuildMatrix matrix;
  private Map<String, WindowsNodeObservability.NodeView> observability;
  private final Map<String, List<String>> runsOn;
  private final Instant asOf;
  private final List<ImageLayers> imageLayers;

  private DashboardModel(
      RulesEngine engine,
      CheckEnvironment environment,
      List<Workload> workloads,
      List<Finding> fileProblems,
      List<DisruptionBudget> budgets,
      Map<String, ImageProfile> images,
      List<ImageLayers> imageLayers,
      Instant asOf) {
    this.engine = engine;
    this.imageLayers = List.copyOf(imageLayers);
    this.asOf = asOf;
    this.environment = environment;
    this.workloads = List.copyOf(workloads);
    this.fileProblems = List.copyOf(fileProblems);
    this.budgets = List.copyOf(budgets);
    this.images = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(images));
    this.matrix =
        ImageBuildMatrix.of(engine.placement().compatibility(), environment.fleet(), this.images);
    Map<String, List<String>> runs = new LinkedHashMap<>();
    for (Workload w : this.workloads) {
      runs.put(w.id(), runnableNodes(engine, environment, w));
    }
    this.runsOn = java.util.Collections.unmodifiableMap(runs);
  }

  /**
   * The nodes the workload's pods can land on and run every image on, as the placement engine
   * judges them (with the fleet's RuntimeClass, as the upgrade planner merges it).
   */
  private static List<String> runnableNodes(RulesEngine engine, CheckEnvironment env, Workload w) {
    Optional<dev.winfleet.core.planning.Workload> planned =
        dev.winfleet.core.planning.Workload.of(w.object());
    if (planned.isEmpty()) {
      return List.of();
    }
    SchedulingConstraints constraints =
        planned.get().constraints().withRuntimeClassFrom(env.fleet());
    List<ImageProfile> profiles =
        planned.get().images().stream().map(env.images()::describe).toList();
    return engine.placement().place(constraints, profiles, env.fleet()).runnableNodes().stream()
        .map(FleetNode::name)
        .toList();
  }

  /**
   * Checks every object of the files with the rules engine against the fleet.
   *
   * @param files parsed manifests (RuntimeClasses among them resolve runtimeClassName, as in {@code
   *     winfleet check}; PodDisruptionBudgets among them bound the upgrade simulation's waves, as
   *     in {@code winfleet plan upgrade})
   * @param images where image OS and builds come from (tag hints, a saved inspect result, the
   *     registry)
   */
  public static DashboardModel build(
      Fleet fleet, List<ManifestFile> files, ImageMetadataSource images, RulesEngine engine) {
    Objects.requireNonNull(fleet, "fleet");
    Objects.requireNonNull(files, "files");
    Objects.requireNonNull(images, "images");
    Objects.requireNonNull(engine, "engine");
    List<RuntimeClassSpec> inputClasses = new ArrayList<>();
    for (ManifestFile file : files) {
      for (ManifestObject o : file.objects()) {
        if (o.kind().equals("RuntimeClass")) {
          inputClasses.add(FleetObjects.runtimeClass(o.tree()));
        }
      }
    }
    ImageMetadataSource cached = images.cached();
    CheckEnvironment env =
        CheckEnvironment.of(fleet.withRuntimeClasses(inputClasses), cached, RuleSelection.ALL);
    List<Workload> workloads = new ArrayList<>();
    List<Finding> problems = new ArrayList<>();
    List<DisruptionBudget> budgets = new ArrayList<>();
    Map<String, ImageProfile> used = new LinkedHashMap<>();
    for (ManifestFile file : files) {
      problems.addAll(engine.readProblems(file, env));
      for (ManifestObject o : file.objects()) {
        DisruptionBudget.of(o).ifPresent(budgets::add);
        if (PodTemplate.of(o).isEmpty()) {
          continue;
        }
        List<String> refs = imagesOf(o);
        for (String ref : refs) {
          used.computeIfAbsent(ref, cached::describe);
        }
        workloads.add(
            new Workload(
                o.ref(),
                o.namespace() == null ? DEFAULT_NAMESPACE : o.namespace(),
                file.source(),
                lineOf(o),
                o,
                refs,
                engine.check(o, env)));
      }
    }
    return new DashboardModel(
        engine, env, workloads, problems, budgets, used, List.of(), Instant.now());
  }

  /**
   * The model of a live cluster: the audited objects with the findings the audit controller
   * computed (not judged again here), against the live fleet. {@code source} of each workload is
   * {@code cluster}.
   */
  public static DashboardModel live(
      Fleet fleet,
      List<dev.winfleet.core.spi.AuditView.Audited> audited,
      ImageMetadataSource images,
      RulesEngine engine) {
    ImageMetadataSource cached = images.cached();
    CheckEnvironment env = CheckEnvironment.of(fleet, cached, RuleSelection.ALL);
    List<Workload> workloads = new ArrayList<>();
    Map<String, ImageProfile> used = new LinkedHashMap<>();
    for (dev.winfleet.core.spi.AuditView.Audited a : audited) {
      ManifestObject o = a.object();
      if (PodTemplate.of(o).isEmpty()) {
        continue;
      }
      List<String> refs = imagesOf(o);
      for (String ref : refs) {
        used.computeIfAbsent(ref, cached::describe);
      }
      workloads.add(
          new Workload(
              o.ref(),
              o.namespace() == null ? DEFAULT_NAMESPACE : o.namespace(),
              "cluster",
              0,
              o,
              refs,
              a.findings()));
    }
    return new DashboardModel(
        engine, env, workloads, List.of(), List.of(), used, List.of(), Instant.now());
  }

  private static int lineOf(ManifestObject o) {
    return o.positions()
        .find(FieldPath.root())
        .or(() -> o.positions().find(FieldPath.of("kind")))
        .map(Position::line)
        .orElse(0);
  }

  private static List<String> imagesOf(ManifestObject o) {
    return PodTemplate.of(o).orElseThrow().images();
  }

  /**
   * What each Windows node has and lacks for metrics and logs (issue 19), computed once from the
   * workloads' placement, by name.
   */
  public synchronized Map<String, WindowsNodeObservability.NodeView> observability() {
    if (observability == null) {
      Map<String, WindowsNodeObservability.NodeView> byNode = new LinkedHashMap<>();
      List<ManifestObject> objects = workloads.stream().map(Workload::object).toList();
      for (WindowsNodeObservability.NodeView view :
          WindowsNodeObservability.of(
              environment.fleet().windowsNodes(),
              objects,
              o ->
                  PodTemplate.of(o)
                      .map(
                          t ->
                              engine.pod(t, environment).placement().landingNodes().stream()
                                  .filter(FleetNode::isWindows)
                                  .toList())
                      .orElse(List.of()))) {
        byNode.put(view.node(), view);
      }
      observability = Map.copyOf(byNode);
    }
    return observability;
  }

  public RulesEngine engine() {
    return engine;
  }

  /** The environment the rules judged against: the fleet (with the input's RuntimeClasses). */
  public CheckEnvironment environment() {
    return environment;
  }

  public Fleet fleet() {
    return environment.fleet();
  }

  public List<Workload> workloads() {
    return workloads;
  }

  /** Problems with the files' text (YAML syntax, duplicate keys), which belong to no workload. */
  public List<Finding> fileProblems() {
    return fileProblems;
  }

  /** The input's PodDisruptionBudgets, in input order. */
  public List<DisruptionBudget> budgets() {
    return budgets;
  }

  /** The images the workloads use, in first-use order, with what is known about each. */
  public Map<String, ImageProfile> images() {
    return images;
  }

  public ImageBuildMatrix matrix() {
    return matrix;
  }

  /** The nodes a workload ({@link Workload#id()}) can land and run on today; none when unknown. */
  public List<String> runsOn(String workloadId) {
    return runsOn.getOrDefault(workloadId, List.of());
  }

  /**
   * This model with what is known of its images' layers (a saved {@code winfleet inspect --json
   * --layers} result, or the registry's answer): the pre-pull plan needs layer sizes, and winfleet
   * never guesses them.
   */
  public DashboardModel withImageLayers(List<ImageLayers> layers) {
    return new DashboardModel(
        engine, environment, workloads, fileProblems, budgets, images, layers, asOf);
  }

  /** What is known of the images' layers; empty unless {@link #withImageLayers} gave some. */
  public List<ImageLayers> imageLayers() {
    return imageLayers;
  }

  /** When this model was built: the dashboard's "data as of". */
  public Instant asOf() {
    return asOf;
  }

  /** Every finding: file problems, then each workload's. */
  public List<Finding> findings() {
    List<Finding> all = new ArrayList<>(fileProblems);
    for (Workload w : workloads) {
      all.addAll(w.findings());
    }
    return all;
  }
}
