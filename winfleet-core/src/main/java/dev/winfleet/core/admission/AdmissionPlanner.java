package dev.winfleet.core.admission;

import dev.winfleet.core.compat.OsFamily;
import dev.winfleet.core.fleet.Fleet;
import dev.winfleet.core.fleet.FleetNode;
import dev.winfleet.core.fleet.FleetObjects;
import dev.winfleet.core.fleet.Taint;
import dev.winfleet.core.fleet.Toleration;
import dev.winfleet.core.image.ImageProfile;
import dev.winfleet.core.manifest.FieldPath;
import dev.winfleet.core.manifest.ManifestObject;
import dev.winfleet.core.manifest.PodTemplate;
import dev.winfleet.core.manifest.Values;
import dev.winfleet.core.placement.NodeSelectorTerm;
import dev.winfleet.core.placement.PlacementEngine;
import dev.winfleet.core.placement.SchedulingConstraints;
import dev.winfleet.core.placement.WindowsTarget;
import dev.winfleet.core.rules.CheckEnvironment;
import dev.winfleet.core.rules.ContainerInfo;
import dev.winfleet.core.rules.Finding;
import dev.winfleet.core.rules.RulesEngine;
import dev.winfleet.core.rules.Severity;
import dev.winfleet.core.version.OsVersion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The admission webhook's decisions for one object, made only from the rules engine and the
 * placement engine: what to add to a pod at creation ({@link #mutation}) and whether to admit it
 * ({@link #validation}). Pure and thread-safe; the server turns the answers into JSON Patches and
 * AdmissionResponses.
 *
 * <p>Mutation adds, never changes: a pod whose Windows images run on some of the fleet's nodes gets
 * {@code kubernetes.io/os: windows}, the {@code node.kubernetes.io/windows-build} of those nodes (a
 * nodeSelector entry for one build, a required node affinity {@code In [...]} for several), {@code
 * spec.os.name: windows} and tolerations for the configured Windows taints those nodes carry. A
 * Linux pod without an OS constraint in a fleet with Windows nodes gets {@code kubernetes.io/os:
 * linux}. A build selector, an OS or build node affinity, a RuntimeClass or an OS that contradicts
 * the images is the user's choice: left alone and judged by validation. A mutated object is already
 * placed, so mutating it again adds nothing.
 */
public final class AdmissionPlanner {

  /**
   * The rules whose findings mean that no node can run the pod as written: these deny at any {@link
   * AdmissionSettings#denyAt()}.
   */
  public static final Set<String> DENY_RULES =
      Set.of("no-compatible-node", "mixed-os-pod", "pod-os-mismatch");

  private static final Set<String> OS_AND_BUILD_KEYS =
      Set.of(
          FleetObjects.OS_LABEL,
          FleetObjects.DEPRECATED_OS_LABEL,
          FleetObjects.WINDOWS_BUILD_LABEL);

  private final RulesEngine rules;

  public AdmissionPlanner(RulesEngine rules) {
    this.rules = Objects.requireNonNull(rules, "rules");
  }

  /**
   * A new planner on {@link RulesEngine#builtIn()}, with that engine's caches: make one per server
   * and share it.
   */
  public static AdmissionPlanner builtIn() {
    return new AdmissionPlanner(RulesEngine.builtIn());
  }

  private PlacementEngine placement() {
    return rules.placement();
  }

  /**
   * What to add to the object's pod spec at creation. Image knowledge comes from {@code env}'s
   * image source; the fleet from {@code env.fleet()}.
   */
  public PodMutation mutation(
      ManifestObject object, CheckEnvironment env, AdmissionSettings settings) {
    Optional<PodTemplate> template = PodTemplate.of(object);
    if (template.isEmpty()) {
      return PodMutation.unchanged(PodMutation.Outcome.NOTHING, FieldPath.root(), List.of());
    }
    FieldPath at = template.get().specPath();
    Map<String, Object> spec = template.get().spec();
    List<String> images = template.get().images();
    if (images.isEmpty()) {
      return PodMutation.unchanged(PodMutation.Outcome.NOTHING, at, List.of());
    }
    // The same resolution as the rules (a HostProcess container is Windows of any build).
    Map<String, ImageProfile> byImage = new LinkedHashMap<>();
    for (ContainerInfo c : rules.pod(template.get(), env).containers()) {
      if (!c.image().isEmpty()) {
        byImage.putIfAbsent(c.image(), c.profile());
      }
    }
    List<ImageProfile> profiles = List.copyOf(byImage.values());
    List<String> unknown = new ArrayList<>();
    for (ImageProfile p : profiles) {
      if (!p.isFact()) {
        // Never a placement, let alone a build pin, on a guess.
        unknown.add(
            "winfleet cannot tell which OS image "
                + p.reference()
                + " runs ("
                + p.evidence()
                + "), so it left the pod's placement as it is; set"
                + " nodeSelector kubernetes.io/os yourself, or give winfleet access to the image"
                + " (imagePullSecrets)");
      }
    }
    if (!unknown.isEmpty()) {
      return PodMutation.unchanged(PodMutation.Outcome.IMAGE_UNKNOWN, at, unknown);
    }
    boolean windows = profiles.stream().anyMatch(ImageProfile::isWindows);
    boolean linux = profiles.stream().anyMatch(ImageProfile::isLinux);
    if (windows && linux) {
      return PodMutation.unchanged(PodMutation.Outcome.NOTHING, at, List.of()); // mixed-os-pod
    }
    Fleet fleet = env.fleet();
    SchedulingConstraints own = SchedulingConstraints.fromPodSpec(spec);
    String declared = declaredOs(spec);
    if (own.runtimeClassName() != null || mentionsOsOrBuild(own)) {
      return PodMutation.unchanged(PodMutation.Outcome.USER_CHOICE, at, List.of());
    }
    if (windows) {
      if (!own.allowedOs().contains(OsFamily.WINDOWS)
          || (declared != null && !declared.equals("windows"))) {
        return PodMutation.unchanged(PodMutation.Outcome.USER_CHOICE, at, List.of());
      }
      if (own.nodeSelector().containsKey(FleetObjects.WINDOWS_BUILD_LABEL)) {
        // Pinned to a build: by a previous mutation or by the user. Either way, nothing to add.
        return PodMutation.unchanged(alreadyPlaced(own, declared), at, List.of());
      }
      if (own.affinityRequired() && own.requiredTerms().isEmpty()) {
        return PodMutation.unchanged(PodMutation.Outcome.USER_CHOICE, at, List.of());
      }
      return windowsMutation(at, spec, own, declared, profiles, fleet, settings);
    }
    if (linux
        && profiles.stream().allMatch(ImageProfile::isLinux)
        && settings.linuxSelector()
        && fleet.hasWindowsNodes()
        && own.allowedOs().size() == OsFamily.values().length
        && (declared == null || declared.equals("linux"))) {
      return new PodMutation(
          PodMutation.Outcome.LINUX,
          at,
          Map.of(FleetObjects.OS_LABEL, "linux"),
          null,
          null,
          List.of(),
          List.of());
    }
    return PodMutation.unchanged(
        linux && own.requiredOs() == OsFamily.LINUX
            ? PodMutation.Outcome.ALREADY_PLACED
            : PodMutation.Outcome.NOTHING,
        at,
        List.of());
  }

  private PodMutation windowsMutation(
      FieldPath at,
      Map<String, Object> spec,
      SchedulingConstraints own,
      String declared,
      List<ImageProfile> profiles,
      Fleet fleet,
      AdmissionSettings settings) {
    // Images bound to no build (HostProcess) need no build pin: Windows nodes of any build run
    // them.
    boolean anyBuild = profiles.stream().allMatch(ImageProfile::anyWindowsBuild);
    boolean buildKnown =
        !anyBuild && profiles.stream().noneMatch(ImageProfile::isWindowsOfUnknownBuild);
    Map<String, String> selector = new LinkedHashMap<>();
    Set<Taint> taints = new LinkedHashSet<>();
    var requirement = (dev.winfleet.core.placement.NodeSelectorRequirement) null;
    List<String> warnings = new ArrayList<>();
    PodMutation.Outcome outcome;
    if (buildKnown) {
      WindowsTarget target = placement().windowsTarget(profiles, fleet, own);
      if (target.isEmpty()) {
        // No node runs it: validation denies with the reason and the fix.
        return PodMutation.unchanged(PodMutation.Outcome.NOTHING, at, List.of());
      }
      selector.putAll(target.nodeSelector());
      requirement = target.buildRequirement().orElse(null);
      taints.addAll(target.taints());
      outcome = PodMutation.Outcome.WINDOWS;
    } else {
      if (!fleet.hasWindowsNodes()) {
        return PodMutation.unchanged(PodMutation.Outcome.NOTHING, at, List.of());
      }
      selector.put(FleetObjects.OS_LABEL, "windows");
      for (FleetNode node : fleet.windowsNodes()) {
        if (!own.pinnedAwayFrom(node)) {
          taints.addAll(own.untoleratedTaints(node));
        }
      }
      String image =
          profiles.stream()
              .filter(ImageProfile::isWindowsOfUnknownBuild)
              .map(ImageProfile::reference)
              .findFirst()
              .orElse(null);
      if (image != null) {
        warnings.add(
            "winfleet cannot tell which Windows build image "
                + image
                + " needs, so it kept the pod on Windows nodes of any build ("
                + describe(fleet.windowsBuilds())
                + "); use an image tag that names the release (e.g. ltsc2022) so it can pick the"
                + " build");
      }
      outcome = PodMutation.Outcome.WINDOWS_ANY_BUILD;
    }
    selector.entrySet().removeIf(e -> e.getValue().equals(own.nodeSelector().get(e.getKey())));
    List<Toleration> tolerations =
        taints.stream()
            .filter(t -> settings.windowsTaints().contains(t))
            .map(Toleration::forTaint)
            .toList();
    String osName = declared == null ? "windows" : null;
    List<String> forbidden = WindowsPodSpecValidation.forbiddenFields(spec);
    if (osName != null && !forbidden.isEmpty()) {
      osName = null; // the API server would reject the pod: place it, but leave os.name alone
      warnings.add(WindowsPodSpecValidation.osNameWithheld(forbidden));
    }
    PodMutation m =
        new PodMutation(outcome, at, selector, requirement, osName, tolerations, warnings);
    if (!m.changes()) {
      return PodMutation.unchanged(PodMutation.Outcome.ALREADY_PLACED, at, warnings);
    }
    return m;
  }

  private static PodMutation.Outcome alreadyPlaced(SchedulingConstraints own, String declared) {
    return own.requiredOs() == OsFamily.WINDOWS && "windows".equals(declared)
        ? PodMutation.Outcome.ALREADY_PLACED
        : PodMutation.Outcome.USER_CHOICE;
  }

  /**
   * Whether the user's required node affinity names the OS or build labels (winfleet's own affinity
   * names the build label too, so a mutated object counts as placed).
   */
  private static boolean mentionsOsOrBuild(SchedulingConstraints own) {
    if (!own.affinityRequired()) {
      return false;
    }
    for (NodeSelectorTerm t : own.requiredTerms()) {
      if (t.matchExpressions().stream().anyMatch(r -> OS_AND_BUILD_KEYS.contains(r.key()))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether to admit the object: the findings of {@link #DENY_RULES} deny (and, with {@link
   * AdmissionSettings#denyAt()} {@code WARNING}, every finding of warning or error severity); the
   * others come back as warnings.
   */
  public PodValidation validation(
      ManifestObject object, CheckEnvironment env, AdmissionSettings settings) {
    List<Finding> findings = rules.check(object, env);
    if (findings.isEmpty()) {
      return new PodValidation(List.of(), List.of(), "", List.of());
    }
    List<Finding> denials = new ArrayList<>();
    List<Finding> warnings = new ArrayList<>();
    for (Finding f : findings) {
      // A denial needs facts: a finding on a guess is never more than a warning to the user.
      boolean deny =
          f.evidence().isFact()
              && (DENY_RULES.contains(f.rule())
                  || (settings.denyAt() == Severity.WARNING
                      && f.severity().atLeast(Severity.WARNING)));
      (deny ? denials : warnings).add(f);
    }
    String message = "";
    if (!denials.isEmpty()) {
      StringBuilder sb = new StringBuilder();
      for (Finding f : denials) {
        if (sb.length() > 0) {
          sb.append(' ');
        }
        sb.append(f.message()).append(" Fix: ").append(f.fix());
      }
      if (denials.stream().anyMatch(f -> f.rule().equals("no-compatible-node")) && env.hasFleet()) {
        sb.append(" The fleet's Windows builds: ")
            .append(
                env.fleet().windowsBuilds().isEmpty()
                    ? "none (no Windows nodes)"
                    : describe(env.fleet().windowsBuilds()))
            .append('.');
      }
      message = sb.toString();
    }
    List<String> texts =
        warnings.stream().map(f -> f.rule() + ": " + f.message() + " " + f.fix()).toList();
    return new PodValidation(denials, warnings, message, texts);
  }

  private static String describe(Set<OsVersion> builds) {
    return builds.stream().map(OsVersion::buildString).collect(Collectors.joining(", "));
  }

  private static String declaredOs(Map<String, Object> spec) {
    String os = Values.getString(spec, "os", "name");
    return os == null ? null : os.toLowerCase(Locale.ROOT);
  }
}
