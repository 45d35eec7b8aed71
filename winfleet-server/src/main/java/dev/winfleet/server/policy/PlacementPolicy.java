package dev.winfleet.server.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.winfleet.core.admission.AdmissionPlanner;
import dev.winfleet.core.admission.AdmissionSettings;
import dev.winfleet.core.admission.PodMutation;
import dev.winfleet.core.admission.PodValidation;
import dev.winfleet.core.fleet.Fleet;
import dev.winfleet.core.fleet.Taint;
import dev.winfleet.core.fleet.TaintEffect;
import dev.winfleet.core.image.Evidence;
import dev.winfleet.core.image.ImageMetadataSource;
import dev.winfleet.core.image.ImageProfile;
import dev.winfleet.core.image.InspectedImage;
import dev.winfleet.core.image.InspectedImageSource;
import dev.winfleet.core.manifest.ManifestObject;
import dev.winfleet.core.manifest.PodTemplate;
import dev.winfleet.core.manifest.Values;
import dev.winfleet.core.rules.CheckEnvironment;
import dev.winfleet.core.rules.RuleSelection;
import dev.winfleet.core.rules.Severity;
import dev.winfleet.core.spi.FleetView;
import dev.winfleet.server.api.AdmissionOperation;
import dev.winfleet.server.api.AdmissionPolicy;
import dev.winfleet.server.api.AdmissionRequestView;
import dev.winfleet.server.api.ImageLookup;
import dev.winfleet.server.api.JsonPatch;
import dev.winfleet.server.api.MutationDecision;
import dev.winfleet.server.api.PolicySettings;
import dev.winfleet.server.api.TaintSpec;
import dev.winfleet.server.api.ValidationDecision;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * The webhook's real policy: the fleet from a {@link FleetView}, images from tag hints and then the
 * registry ({@link ImageLookup}, within {@link PolicySettings#registryTimeout()}), and every
 * decision from {@link AdmissionPlanner}, which calls the one rules engine and the placement
 * engine. This class only translates: AdmissionReview trees in, JSON Patches and responses out.
 *
 * <p>The {@link CheckEnvironment} is built once per fleet snapshot and shared; a request gets an
 * environment of its own only when some of its images had to be read from the registry.
 */
public final class PlacementPolicy implements AdmissionPolicy {

  /** Tag-hint answers remembered at most; past it the memory starts over. */
  static final int MAX_REMEMBERED_IMAGES = 20_000;

  private final FleetView fleet;
  private final ImageLookup lookup;
  private final PolicySettings settings;
  private final AdmissionSettings admission;
  private final AdmissionPlanner planner;
  private final Clock clock;
  private final ImageMetadataSource hints;
  private final Executor decisions;
  private volatile Prepared prepared;

  private record Prepared(Fleet fleet, CheckEnvironment env) {}

  /**
   * @param lookup the registry, or null to take tag hints as final (no network)
   */
  public PlacementPolicy(
      FleetView fleet, ImageLookup lookup, PolicySettings settings, Clock clock) {
    this(fleet, lookup, settings, clock, DecisionPool.EXECUTOR);
  }

  /**
   * @param decisions where decisions that waited for the registry are made (CPU only)
   */
  public PlacementPolicy(
      FleetView fleet,
      ImageLookup lookup,
      PolicySettings settings,
      Clock clock,
      Executor decisions) {
    this.decisions = Objects.requireNonNull(decisions, "decisions");
    this.fleet = Objects.requireNonNull(fleet, "fleet");
    this.lookup = lookup;
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.planner = AdmissionPlanner.builtIn();
    this.admission =
        new AdmissionSettings(
            settings.linuxSelector(),
            settings.windowsTaints().stream().map(PlacementPolicy::taint).toList(),
            settings.denyOnWarning() ? Severity.WARNING : Severity.ERROR);
    this.hints = bounded(ImageMetadataSource.tagHints());
  }

  /** One pool per process for decisions made after a lookup: CPU-bound, one thread per core. */
  private static final class DecisionPool {
    static final Executor EXECUTOR =
        Executors.newFixedThreadPool(
            Math.max(2, Runtime.getRuntime().availableProcessors()),
            r -> {
              Thread t = new Thread(r, "winfleet-decide");
              t.setDaemon(true);
              return t;
            });
  }

  private static Taint taint(TaintSpec t) {
    return new Taint(t.key(), t.value(), TaintEffect.parse(t.effect()).orElseThrow());
  }

  private static ImageMetadataSource bounded(ImageMetadataSource source) {
    Map<String, ImageProfile> cache = new ConcurrentHashMap<>();
    return reference -> {
      ImageProfile p = cache.get(reference);
      if (p == null) {
        p = source.describe(reference);
        if (cache.size() >= MAX_REMEMBERED_IMAGES) {
          cache.clear();
        }
        cache.put(reference, p);
      }
      return p;
    };
  }

  @Override
  public MutationDecision mutate(AdmissionRequestView request) {
    return join(mutateAsync(request));
  }

  @Override
  public ValidationDecision validate(AdmissionRequestView request) {
    return join(validateAsync(request));
  }

  /**
   * Decides at once (on the calling thread) when tag hints explain every image; otherwise returns
   * at once and decides when the registry lookup completes, on a thread of the decision pool, so no
   * caller's thread waits on the network.
   */
  @Override
  public CompletableFuture<MutationDecision> mutateAsync(AdmissionRequestView request) {
    if (request.operation() != AdmissionOperation.CREATE || request.object() == null) {
      return CompletableFuture.completedFuture(MutationDecision.none());
    }
    ManifestObject object = object(request);
    return environment(request, object, judged -> mutation(request, object, judged));
  }

  @Override
  public CompletableFuture<ValidationDecision> validateAsync(AdmissionRequestView request) {
    if (request.object() == null) {
      return CompletableFuture.completedFuture(ValidationDecision.allow());
    }
    ManifestObject object = object(request);
    return environment(request, object, judged -> validation(request, object, judged));
  }

  private MutationDecision mutation(
      AdmissionRequestView request, ManifestObject object, Judged judged) {
    PodMutation m = planner.mutation(object, judged.env(), admission);
    List<JsonPatch.Operation> patch = PatchWriter.write(m, request.object());
    return new MutationDecision(patch, concat(judged.warnings(), m.warnings()), List.of());
  }

  private ValidationDecision validation(
      AdmissionRequestView request, ManifestObject object, Judged judged) {
    PodValidation v = planner.validation(object, judged.env(), admission);
    List<String> warnings = concat(judged.warnings(), v.warningTexts());
    if (v.allowed()) {
      return new ValidationDecision(true, "", warnings, v.ruleIds());
    }
    if (request.operation() == AdmissionOperation.UPDATE && podSpecUnchanged(request)) {
      // Denying an update that leaves the pod spec as it was would only block metadata changes
      // (labels, finalizers) of objects admitted before; say it instead.
      List<String> all = new ArrayList<>();
      all.add("allowed because this update leaves the pod spec as it was, but: " + v.message());
      all.addAll(warnings);
      return new ValidationDecision(true, "", all, v.ruleIds());
    }
    return new ValidationDecision(false, v.message(), warnings, v.ruleIds());
  }

  private static <T> T join(CompletableFuture<T> future) {
    try {
      return future.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw e;
    }
  }

  private static boolean podSpecUnchanged(AdmissionRequestView request) {
    JsonNode now = request.podSpec().orElse(null);
    JsonNode before =
        request.oldObject() == null
            ? null
            : dev.winfleet.server.api.PodSpecLocator.podSpec(request.kind(), request.oldObject())
                .orElse(null);
    return now != null && now.equals(before);
  }

  /** The object as the core reads it, with the kind the review names. */
  private static ManifestObject object(AdmissionRequestView request) {
    JsonNode node = request.object();
    Map<String, Object> tree =
        node.isObject() ? JsonTrees.toMap(node) : new java.util.LinkedHashMap<>();
    tree.put("kind", request.kind().kind());
    return ManifestObject.of(tree);
  }

  private record Judged(CheckEnvironment env, List<String> warnings) {}

  private <T> CompletableFuture<T> environment(
      AdmissionRequestView request, ManifestObject object, Function<Judged, T> decide) {
    CompletableFuture<CheckEnvironment> env =
        environmentAsync(object, request.namespace(), request.dryRun());
    Function<CheckEnvironment, T> then = e -> decide.apply(new Judged(e, List.of()));
    return env.isDone() ? env.thenApply(then) : env.thenApplyAsync(then, decisions);
  }

  /**
   * The environment the rules judge one object in, exactly as for an admission request: the fleet's
   * shared environment with tag hints, or, when some of the object's images are left open by their
   * tags and a registry is configured, one with what the registry said (within the registry budget,
   * with the pod's pull secrets from {@code namespace}). The audit controller calls this so that it
   * judges running objects with the webhook's image knowledge; it blocks until the registry answers
   * or the budget runs out.
   */
  public CheckEnvironment environment(ManifestObject object, String namespace, boolean dryRun) {
    return environmentAsync(object, namespace, dryRun).join();
  }

  /**
   * {@link #environment(ManifestObject, String, boolean)} without holding a thread while the
   * registry answers: requests whose images need no lookup complete at once.
   */
  private CompletableFuture<CheckEnvironment> environmentAsync(
      ManifestObject object, String namespace, boolean dryRun) {
    Prepared p = prepared();
    if (lookup == null) {
      return CompletableFuture.completedFuture(p.env());
    }
    Optional<PodTemplate> pod = PodTemplate.of(object);
    if (pod.isEmpty()) {
      return CompletableFuture.completedFuture(p.env());
    }
    Map<String, Object> spec = pod.get().spec();
    Set<String> needed = new LinkedHashSet<>();
    for (String image : pod.get().images()) {
      if (p.env().images().describe(image).needsRegistry()) {
        needed.add(image);
      }
    }
    if (needed.isEmpty()) {
      // Tag hints and knowledge explain every image: decide now, whatever the registries do.
      return CompletableFuture.completedFuture(p.env());
    }
    List<String> secrets = new ArrayList<>();
    for (Object s : Values.list(spec.get("imagePullSecrets"))) {
      String name = Values.string(Values.map(s).get("name"));
      if (name != null && !name.isEmpty()) {
        secrets.add(name);
      }
    }
    Instant deadline = clock.instant().plus(settings.registryTimeout());
    CompletableFuture<List<InspectedImage>> read;
    try {
      read = lookup.inspectAsync(List.copyOf(needed), namespace, secrets, deadline, dryRun);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    return read.thenApply(
        results ->
            new CheckEnvironment(
                p.fleet(),
                new InspectedImageSource(results, p.env().images(), Evidence.REGISTRY),
                p.env().kubernetesVersions(),
                p.env().selection()));
  }

  private Prepared prepared() {
    Fleet current = fleet.fleet();
    Prepared p = prepared;
    if (p == null || p.fleet() != current) {
      p = new Prepared(current, CheckEnvironment.of(current, hints, RuleSelection.ALL));
      prepared = p;
    }
    return p;
  }

  private static List<String> concat(List<String> a, List<String> b) {
    if (a.isEmpty()) {
      return b;
    }
    if (b.isEmpty()) {
      return a;
    }
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}
