package dev.winfleet.core.rules;

import dev.winfleet.core.catalog.WindowsCatalog;
import dev.winfleet.core.compat.OsFamily;
import dev.winfleet.core.fleet.FleetObjects;
import dev.winfleet.core.fleet.RuntimeClassSpec;
import dev.winfleet.core.image.Evidence;
import dev.winfleet.core.image.ImageProfile;
import dev.winfleet.core.image.ParsedReferences;
import dev.winfleet.core.manifest.FieldPath;
import dev.winfleet.core.manifest.ManifestObject;
import dev.winfleet.core.manifest.ObjectRef;
import dev.winfleet.core.manifest.PodTemplate;
import dev.winfleet.core.manifest.Values;
import dev.winfleet.core.placement.PlacementDecision;
import dev.winfleet.core.placement.PlacementEngine;
import dev.winfleet.core.placement.SchedulingConstraints;
import dev.winfleet.core.placement.SchedulingFacts;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * One pod as the rules see it: its spec, its containers with their image profiles, its scheduling
 * constraints (RuntimeClass merged) and, computed once on demand, its placement.
 */
public final class PodContext {

  /** The labels the catalog's stand-in nodes carry; only these are judged without a fleet. */
  private static final Set<String> WELL_KNOWN_LABELS =
      Set.of(
          FleetObjects.OS_LABEL,
          FleetObjects.DEPRECATED_OS_LABEL,
          FleetObjects.ARCH_LABEL,
          FleetObjects.DEPRECATED_ARCH_LABEL,
          FleetObjects.WINDOWS_BUILD_LABEL);

  /** How constraints are judged with a fleet, and without one (against the catalog's nodes). */
  private static final UnaryOperator<SchedulingConstraints> AS_GIVEN = c -> c;

  private static final UnaryOperator<SchedulingConstraints> WELL_KNOWN_ONLY =
      c -> c.restrictedTo(WELL_KNOWN_LABELS);

  private final PodTemplate template;
  private final CheckEnvironment env;
  private final PlacementEngine placementEngine;
  private final RuleCatalog catalog;
  private final ParsedReferences references;
  private final PlacementMemo placements;
  private List<ContainerInfo> containers; // set once, then only doubted (constructor)
  private final Optional<RuntimeClassSpec> runtimeClass;
  private final SchedulingConstraints constraints;
  private final Map<String, Object> spec;
  private final OsFamily requiredOs;
  private final boolean targetsWindows;
  private final Evidence osEvidence;
  private final boolean declaresWindows; // asked in the constructor and by rules: worked out once
  private PlacementDecision placement;
  // Asked for by every finding: worked out once (immutable values, so a race only repeats work).
  private ObjectRef ref;
  private String specDotted;
  private ParsedReferences.Parsed[] parsed;

  PodContext(
      PodTemplate template,
      CheckEnvironment env,
      PlacementEngine placementEngine,
      RuleCatalog catalog,
      ParsedReferences references,
      PlacementMemo placements) {
    this.template = template;
    this.placements = placements;
    this.references = references;
    this.env = env;
    this.placementEngine = placementEngine;
    this.catalog = catalog;
    Map<String, Object> spec = template.spec();
    this.spec = spec;
    List<ContainerInfo> all = new ArrayList<>();
    addContainers(all, spec, "containers", false);
    addContainers(all, spec, "initContainers", true);
    this.containers = List.copyOf(all);
    SchedulingConstraints own = SchedulingConstraints.fromPodSpec(spec);
    if (template.object().kind().equals("DaemonSet")) {
      // A DaemonSet lands on every node it can: its controller tolerates node conditions.
      own =
          own.withTolerations(
              SchedulingFacts.builtIn()
                  .daemonSetTolerations(Values.isTrue(spec.get("hostNetwork"))));
    }
    this.runtimeClass =
        own.runtimeClassName() == null
            ? Optional.empty()
            : env.placementFleet().runtimeClass(own.runtimeClassName());
    this.constraints = runtimeClass.map(own::withRuntimeClass).orElse(own);
    this.requiredOs = constraints.requiredOs();
    // Containers' security contexts, not their profiles, decide it: the same after doubting.
    this.declaresWindows = computeDeclaresWindows();
    if (declaresWindows) {
      this.containers = doubtLinuxTags(this.containers);
    }
    Evidence windows = windowsEvidence();
    this.targetsWindows = windows != null;
    this.osEvidence = windows != null ? windows : linuxEvidence();
  }

  /**
   * In a pod that declares Windows, an image winfleet calls Linux only because of a distribution
   * token in its tag ({@code -alpine}, {@code -slim}) is doubted: the pod's own declaration is the
   * stronger word, and Windows builds of Linux images sometimes keep the upstream tag (the Windows
   * e2e test images of kubernetes-sigs/windows-testing are tagged {@code nginx:1.14-alpine} and run
   * {@code cmd.exe}). Without this, such a pod was an error ("no node can run it") and a webhook
   * denial on a tag alone. A Windows token in a Linux-declared pod stays a fact: {@code
   * windowsservercore-ltsc2022} names a Windows build and nothing else.
   */
  private static List<ContainerInfo> doubtLinuxTags(List<ContainerInfo> containers) {
    List<ContainerInfo> out = null;
    for (int i = 0; i < containers.size(); i++) {
      ContainerInfo c = containers.get(i);
      ImageProfile p = c.profile();
      if (p.isLinux() && p.source() == Evidence.TAG_TOKEN) {
        if (out == null) {
          out = new ArrayList<>(containers);
        }
        out.set(
            i,
            new ContainerInfo(
                c.name(),
                c.init(),
                c.path(),
                c.tree(),
                c.image(),
                p.doubted(
                    p.evidence()
                        + ", but the pod declares Windows, and a Windows build of a Linux image"
                        + " may keep its tag")));
      }
    }
    return out == null ? containers : List.copyOf(out);
  }

  private void addContainers(
      List<ContainerInfo> out, Map<String, Object> spec, String field, boolean init) {
    List<Object> list = Values.list(spec.get(field));
    for (int i = 0; i < list.size(); i++) {
      Map<String, Object> c = Values.map(list.get(i));
      String name = Values.string(c.get("name"));
      String image = Values.string(c.get("image"));
      image = image == null ? "" : image.trim();
      ImageProfile profile =
          image.isEmpty() ? ImageProfile.unknown("", "no image") : env.images().describe(image);
      if (hostProcess(c, spec)) {
        // HostProcess containers are bound to no build: judge them as the kubelet runs them.
        profile = profile.asHostProcess();
      }
      out.add(
          new ContainerInfo(
              name == null ? "" : name,
              init,
              template.specPath().key(field).index(i),
              c,
              image,
              profile));
    }
  }

  public ManifestObject object() {
    return template.object();
  }

  public ObjectRef ref() {
    ObjectRef known = ref;
    if (known == null) {
      known = template.object().ref();
      ref = known;
    }
    return known;
  }

  public PodTemplate template() {
    return template;
  }

  public CheckEnvironment env() {
    return env;
  }

  public WindowsCatalog windowsCatalog() {
    return placementEngine.compatibility().catalog();
  }

  public PlacementEngine placementEngine() {
    return placementEngine;
  }

  /**
   * A container's image reference, parsed once per engine, or why it is not one. Kept per container
   * of this pod after the first ask: several rules ask, and each look-up in the engine's cache
   * costs more than the rule's own test.
   */
  public ParsedReferences.Parsed reference(ContainerInfo container) {
    for (int i = 0; i < containers.size(); i++) {
      if (containers.get(i) == container) {
        ParsedReferences.Parsed[] known = parsed;
        if (known == null) {
          known = new ParsedReferences.Parsed[containers.size()];
          parsed = known;
        }
        ParsedReferences.Parsed p = known[i];
        if (p == null) {
          p = references.parse(container.image());
          known[i] = p;
        }
        return p;
      }
    }
    return references.parse(container.image()); // not one of this pod's containers
  }

  /** The rule's metadata (for its params). */
  public RuleMetadata rule(String id) {
    Optional<RuleMetadata> meta = catalog.rule(id);
    if (meta.isEmpty()) {
      throw new IllegalStateException("no metadata for " + id);
    }
    return meta.get();
  }

  /** The pod spec tree. */
  public Map<String, Object> spec() {
    return spec;
  }

  /** The path of the pod spec, or of a field in it. */
  public FieldPath specPath(String... keys) {
    FieldPath p = template.specPath();
    for (String k : keys) {
      p = p.key(k);
    }
    return p;
  }

  /** The pod spec's path as people write it, e.g. {@code spec.template.spec}. */
  public String specDotted() {
    String known = specDotted;
    if (known == null) {
      known = template.specPath().toDotted();
      specDotted = known;
    }
    return known;
  }

  /** Containers first, then init containers. */
  public List<ContainerInfo> containers() {
    return containers;
  }

  public Optional<RuntimeClassSpec> runtimeClass() {
    return runtimeClass;
  }

  /** The pod's scheduling constraints, its RuntimeClass's merged in when it is known. */
  public SchedulingConstraints constraints() {
    return constraints;
  }

  /** Where the pod can land and run; computed once. */
  public synchronized PlacementDecision placement() {
    if (placement == null) {
      ImageProfile[] profiles = new ImageProfile[containers.size()];
      for (int i = 0; i < profiles.length; i++) {
        profiles[i] = containers.get(i).profile();
      }
      placement =
          placements.place(
              constraints, List.of(profiles), env.hasFleet() ? AS_GIVEN : WELL_KNOWN_ONLY);
    }
    return placement;
  }

  /**
   * The node labels the pod's nodeSelector and required node affinity ask for that the stand-in
   * nodes of a check without a fleet cannot carry ({@code agentpool=win22}, {@code
   * eks.amazonaws.com/nodegroup}), as {@code key=value} or {@code key}; placement without a fleet
   * leaves them out ({@link #WELL_KNOWN_LABELS}). Empty when there are none.
   */
  public List<String> unseenNodeLabels() {
    List<String> out = new ArrayList<>();
    constraints
        .nodeSelector()
        .forEach(
            (k, v) -> {
              if (!WELL_KNOWN_LABELS.contains(k)) {
                out.add(k + "=" + v);
              }
            });
    if (constraints.affinityRequired()) {
      for (dev.winfleet.core.placement.NodeSelectorTerm t : constraints.requiredTerms()) {
        for (dev.winfleet.core.placement.NodeSelectorRequirement req : t.matchExpressions()) {
          if (!WELL_KNOWN_LABELS.contains(req.key()) && !out.contains(req.key())) {
            out.add(req.key());
          }
        }
      }
    }
    return out;
  }

  /**
   * The preferred release tags of the Windows builds placement is judged against, joined with " or
   * " ({@code ltsc2022} when there are none); worked out once per environment.
   */
  public String supportedTags() {
    return placements.supportedTags();
  }

  /** {@code spec.os.name} in lower case, or null. */
  public String declaredOs() {
    String os = Values.getString(spec(), "os", "name");
    return os == null ? null : os.toLowerCase(Locale.ROOT);
  }

  /** The pod's annotations. */
  public Map<String, String> annotations() {
    return template.annotations();
  }

  /** Whether an image is Windows only (a guess included). */
  public boolean hasWindowsImage() {
    for (ContainerInfo c : containers) {
      if (c.profile().isWindows()) {
        return true;
      }
    }
    return false;
  }

  /** Whether an image is Linux only (a guess included). */
  public boolean hasLinuxImage() {
    for (ContainerInfo c : containers) {
      if (c.profile().isLinux()) {
        return true;
      }
    }
    return false;
  }

  /** Whether an image is known (as a fact) to be Windows only. */
  public boolean hasKnownWindowsImage() {
    for (ContainerInfo c : containers) {
      if (c.profile().isKnownWindows()) {
        return true;
      }
    }
    return false;
  }

  /** Whether an image is known (as a fact) to be Linux only. */
  public boolean hasKnownLinuxImage() {
    for (ContainerInfo c : containers) {
      if (c.profile().isKnownLinux()) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the pod is meant for Windows: it says so ({@code spec.os.name: windows}, OS selectors
   * or affinity that allow only Windows, a RuntimeClass for Windows nodes, HostProcess, a gMSA
   * credential spec or {@code runAsUserName}), or a Windows image says so.
   */
  public boolean targetsWindows() {
    return targetsWindows;
  }

  /**
   * What the pod's OS rests on: {@link Evidence#DECLARATION} when the pod says it, else the
   * evidence of the image that decides it, else {@link Evidence#MANIFEST} (no OS in question).
   */
  public Evidence osEvidence() {
    return osEvidence;
  }

  /** Whether the pod itself declares Windows (not its images). */
  public boolean declaresWindows() {
    return declaresWindows;
  }

  private boolean computeDeclaresWindows() {
    if ("windows".equals(declaredOs()) || requiredOs == OsFamily.WINDOWS || anyHostProcess()) {
      return true;
    }
    if (anyWindowsOption("gmsaCredentialSpecName")
        || anyWindowsOption("gmsaCredentialSpec")
        || anyWindowsOption("runAsUserName")) {
      return true;
    }
    return runtimeClass
        .map(rc -> rc.handler().toLowerCase(Locale.ROOT).startsWith("runhcs"))
        .orElse(false);
  }

  /** Whether the pod itself declares Linux (not its images). */
  public boolean declaresLinux() {
    return "linux".equals(declaredOs()) || requiredOs == OsFamily.LINUX;
  }

  private boolean anyWindowsOption(String field) {
    if (Values.get(spec, "securityContext", "windowsOptions", field) != null) {
      return true;
    }
    for (ContainerInfo c : containers) {
      if (Values.get(c.tree(), "securityContext", "windowsOptions", field) != null) {
        return true;
      }
    }
    return false;
  }

  /** The evidence that the pod is meant for Windows, or null when nothing says so. */
  private Evidence windowsEvidence() {
    if (declaresWindows) {
      return Evidence.DECLARATION;
    }
    Evidence known = null;
    for (ContainerInfo c : containers) {
      ImageProfile p = c.profile();
      if (p.isKnownWindows() && (known == null || p.source().compareTo(known) < 0)) {
        known = p.source();
      }
    }
    if (known != null) {
      return known;
    }
    if (declaresLinux()) {
      return null; // a declaration beats a guess
    }
    return hasWindowsImage() ? Evidence.GUESS : null;
  }

  private Evidence linuxEvidence() {
    if (declaresLinux()) {
      return Evidence.DECLARATION;
    }
    Evidence known = null;
    for (ContainerInfo c : containers) {
      ImageProfile p = c.profile();
      if (p.isKnownLinux() && (known == null || p.source().compareTo(known) < 0)) {
        known = p.source();
      }
    }
    return known != null ? known : Evidence.MANIFEST;
  }

  /** Whether the pod is meant for Linux: a Linux signal (a fact) and no Windows signal. */
  public boolean targetsLinux() {
    if (targetsWindows()) {
      return false;
    }
    return hasKnownLinuxImage() || declaresLinux();
  }

  /** The OS the pod's selectors (and RuntimeClass) require, or null when they allow both. */
  public OsFamily requiredOs() {
    return requiredOs;
  }

  /** The pod-level {@code securityContext.windowsOptions.hostProcess}, or null. */
  public Boolean podHostProcess() {
    Object v = Values.get(spec(), "securityContext", "windowsOptions", "hostProcess");
    return v == null ? null : Values.isTrue(v);
  }

  /** The container-level {@code windowsOptions.hostProcess}, or null. */
  public static Boolean containerHostProcess(ContainerInfo c) {
    Object v = Values.get(c.tree(), "securityContext", "windowsOptions", "hostProcess");
    return v == null ? null : Values.isTrue(v);
  }

  /** Whether the container runs as HostProcess (its own setting, else the pod's). */
  public boolean hostProcess(ContainerInfo c) {
    return hostProcess(c.tree(), spec);
  }

  private static boolean hostProcess(Map<String, Object> container, Map<String, Object> spec) {
    Object own = Values.get(container, "securityContext", "windowsOptions", "hostProcess");
    if (own != null) {
      return Values.isTrue(own);
    }
    return Values.isTrue(Values.get(spec, "securityContext", "windowsOptions", "hostProcess"));
  }

  public boolean anyHostProcess() {
    if (Boolean.TRUE.equals(podHostProcess())) {
      return true;
    }
    for (ContainerInfo c : containers) {
      if (Boolean.TRUE.equals(containerHostProcess(c))) {
        return true;
      }
    }
    return false;
  }
}
