package dev.winfleet.cli;

import dev.winfleet.core.catalog.KubernetesVersion;
import dev.winfleet.core.catalog.KubernetesWindowsCatalog;
import dev.winfleet.core.fleet.Fleet;
import dev.winfleet.core.image.ImageMetadataSource;
import dev.winfleet.core.image.RegistryMirrors;
import dev.winfleet.core.manifest.ManifestReader;
import dev.winfleet.core.rules.CheckEnvironment;
import dev.winfleet.core.rules.RuleCatalog;
import dev.winfleet.core.rules.RuleMetadata;
import dev.winfleet.core.rules.RuleSelection;
import dev.winfleet.core.rules.RulesEngine;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code winfleet check}: find Windows problems in Kubernetes manifests before they deploy. */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Check Kubernetes manifests for Windows problems before they deploy: Windows pods that can"
          + " land on Linux nodes (or on Windows nodes of the wrong build), images no node can run,"
          + " missing tolerations, and pod fields Windows does not support.",
      "",
      "Reads files, directories (recursively: *.yaml, *.yml, *.json) and '-' for standard input;"
          + " multi-document YAML and 'kind: List' included. Pods and the pod templates of"
          + " Deployments, StatefulSets, DaemonSets, ReplicaSets, ReplicationControllers, Jobs and"
          + " CronJobs are checked; RuntimeClasses in the input resolve runtimeClassName.",
      "",
      "Without --fleet or --kubeconfig, placement is judged against the Windows Server releases"
          + " the Kubernetes version supports, and the rules that need a fleet are skipped."
          + " Switch rules off for one object with the annotation winfleet.dev/ignore: \"rule-a,rule-b\"."
          + " 'winfleet rules' lists them all.",
      ""
    },
    footerHeading = "%nExit codes:%n",
    footer = {
      "  0  no finding at or above --fail-on",
      "  1  findings at or above --fail-on (broken YAML included)",
      "  2  bad usage or an unreadable path",
      "",
      "Examples:",
      "  winfleet check manifests/",
      "  helm template my-chart | winfleet check -",
      "  winfleet check k8s/ --fleet fleet.yaml -o sarif > winfleet.sarif",
      "  winfleet check app.yaml --kubeconfig ~/.kube/config --context prod --fail-on warning",
      "  winfleet check app.yaml --images inspected.json --kubernetes-version 1.29"
    })
final class CheckCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(
      paramLabel = "PATH",
      arity = "1..*",
      description = "Manifest files, directories, or '-' for standard input.")
  List<String> paths;

  @Mixin FleetSourceOptions fleetSource = new FleetSourceOptions();

  @Option(
      names = "--registry-lookup",
      description = "Ask the registries for each image's OS and Windows build.")
  boolean registryLookup;

  @Mixin RegistryAccessOptions registries = new RegistryAccessOptions();

  @Mixin ImageFactsOptions imageFacts = new ImageFactsOptions();

  @Option(
      names = "--kubernetes-version",
      paramLabel = "V",
      description =
          "The Kubernetes version whose Windows limits apply (default: the fleet's kubelet"
              + " versions, else the newest winfleet knows).")
  String kubernetesVersion;

  @Mixin FindingsOptions findings;

  @Mixin RegistryMirrorOptions mirrorOptions = new RegistryMirrorOptions();

  @Mixin InputOptions inputs;

  /** Standard input; tests replace it. */
  InputStream stdin = System.in;

  @Override
  public Integer call() {
    // Loading the catalogs and rules takes a few hundred milliseconds of a short run: let it
    // overlap with finding and reading the files.
    CompletableFuture<RulesEngine> loading = CompletableFuture.supplyAsync(RulesEngine::builtIn);
    if (registryLookup && imageFacts.given()) {
      throw new UserException("give either --registry-lookup or --images, not both");
    }
    if (!registryLookup
        && (registries.given()
            || !mirrorOptions.mirrors.isEmpty()
            || mirrorOptions.registryConfig != null)) {
      throw new UserException(
          "--insecure-registry, --docker-config, --registry-mirror and --registry-config go with"
              + " --registry-lookup");
    }
    KubernetesVersion version = null;
    if (kubernetesVersion != null) {
      try {
        version = KubernetesVersion.parse(kubernetesVersion);
      } catch (IllegalArgumentException e) {
        throw new UserException("--kubernetes-version: " + e.getMessage());
      }
    }
    List<ManifestSources.Source> sources = inputs.collect(paths, spec.commandLine().getErr());
    Fleet fleet = fleetSource.readIfGiven().orElse(Fleet.empty());
    ImageMetadataSource images = imageFacts.source();
    ImageMetadataSource cachedImages = images.cached();
    RegistryMirrors mirrors =
        registryLookup
            ? mirrorOptions.mirrors(
                Set.copyOf(registries.insecureRegistries), spec.commandLine().getErr())
            : RegistryMirrors.none();
    KubernetesVersion chosen = version;
    List<CheckEnvironment> used = new ArrayList<>(1);
    RulesEngine[] engineUsed = new RulesEngine[1];
    RuleSelection[] selectionUsed = new RuleSelection[1];
    CheckRun.Result result =
        new CheckRun(loading, ManifestReader.defaults())
            .run(
                sources,
                stdin,
                fleet,
                (f, loaded, inputImages) -> {
                  RuleSelection chosenRules = findings.selection(loaded.catalog());
                  SortedSet<KubernetesVersion> versions =
                      chosen != null
                          ? new TreeSet<>(Set.of(chosen))
                          : CheckEnvironment.defaultVersions(f);
                  // Nobody said which Kubernetes: never judge as if it were the newest.
                  boolean assumed = chosen == null && f.kubeletVersions().isEmpty();
                  // --registry-lookup: every image read in one batch, before the rules run.
                  ImageMetadataSource facts =
                      registryLookup
                          ? RegistryLookup.batch(
                              registries.insecureRegistries,
                              registries.dockerConfig,
                              mirrors,
                              inputImages.get())
                          : cachedImages;
                  CheckEnvironment env =
                      new CheckEnvironment(f, facts, versions, chosenRules, assumed);
                  used.add(env);
                  engineUsed[0] = loaded;
                  selectionUsed[0] = chosenRules;
                  return env;
                });
    RulesEngine engine = engineUsed[0];
    RuleSelection selection = selectionUsed[0];
    PrintWriter out = spec.commandLine().getOut();
    List<String> notes = notes(used.get(0), engine.catalog(), selection);
    leftOutNote(
            result.leftOut(CheckRun.LeftOut.Why.NO_KUBERNETES_OBJECT),
            "holds no Kubernetes object",
            "hold no Kubernetes object",
            " (no kind, and no Kubernetes apiVersion with metadata)",
            "name a file to check it anyway")
        .ifPresent(notes::add);
    leftOutNote(
            result.leftOut(CheckRun.LeftOut.Why.TEMPLATE),
            "is a Go template",
            "are Go templates",
            " ({{ }}) that YAML cannot read",
            "check what they render, piped to 'winfleet check -'")
        .ifPresent(notes::add);
    if (!registryLookup) {
      FindingsPrinter.guessNote(
              result, "--registry-lookup, or --images FILE ('winfleet images lock')")
          .ifPresent(notes::add);
    }
    notes.addAll(CommandAdvice.notes(result.findings()));
    return findings.report(out, result, engine.catalog(), notes);
  }

  /** What was left out as no manifest (CheckRun), naming a few: the user may disagree. */
  static java.util.Optional<String> leftOutNote(
      List<String> files, String one, String many, String why, String then) {
    if (files.isEmpty()) {
      return java.util.Optional.empty();
    }
    int shown = Math.min(3, files.size());
    return java.util.Optional.of(
        "left out "
            + files.size()
            + (files.size() == 1 ? " file" : " files")
            + " found in the directories given that "
            + (files.size() == 1 ? one : many)
            + why
            + ": "
            + String.join(", ", files.subList(0, shown))
            + (files.size() > shown ? " and " + (files.size() - shown) + " more" : "")
            + "; "
            + then);
  }

  private static List<String> notes(
      CheckEnvironment env, RuleCatalog catalog, RuleSelection selection) {
    List<String> notes = new ArrayList<>();
    if (!env.hasFleet()) {
      List<String> skipped =
          catalog.rules().stream()
              .filter(RuleMetadata::needsFleet)
              .map(RuleMetadata::id)
              .filter(selection::enabled)
              .toList();
      KubernetesVersion newest = env.kubernetesVersions().last();
      String judged =
          env.placementFleet().windowsBuilds().stream()
              .map(b -> String.valueOf(b.build()))
              .distinct()
              .collect(Collectors.joining(", "));
      String listed =
          KubernetesWindowsCatalog.builtIn().supportedBuilds(newest).stream()
              .map(String::valueOf)
              .collect(Collectors.joining(", "));
      // What the stand-in fleet holds (CheckEnvironment): with the version assumed, every build
      // some Kubernetes release has supported, so that an old build is a support-policy warning
      // and never "no node can run it".
      String scope =
          env.versionsAssumed()
              ? "every Windows Server build "
                  + env.supportScope()
                  + " ("
                  + judged
                  + "); images of a build Kubernetes "
                  + newest
                  + " no longer lists (it lists "
                  + listed
                  + ") are warned about"
              : "the Windows Server builds Kubernetes " + newest + " supports (" + judged + ")";
      notes.add(
          "no fleet given: placement judged against "
              + scope
              + "; skipped "
              + String.join(", ", skipped)
              + " (use --fleet or --kubeconfig, or name the cluster's Kubernetes with"
              + " --kubernetes-version)");
    }
    return notes;
  }
}
