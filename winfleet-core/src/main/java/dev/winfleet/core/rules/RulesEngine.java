package dev.winfleet.core.rules;

import dev.winfleet.core.image.Evidence;
import dev.winfleet.core.image.ParsedReferences;
import dev.winfleet.core.manifest.FieldPath;
import dev.winfleet.core.manifest.ManifestFile;
import dev.winfleet.core.manifest.ManifestObject;
import dev.winfleet.core.manifest.PodTemplate;
import dev.winfleet.core.manifest.Position;
import dev.winfleet.core.manifest.ReadProblem;
import dev.winfleet.core.manifest.Values;
import dev.winfleet.core.placement.PlacementEngine;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The one rules engine of winfleet: the checker, the webhook, the planner and the dashboard all
 * call it. Pure and thread-safe.
 *
 * <p>Typical use: {@code RulesEngine.builtIn().check(object, env)} for one object (a webhook
 * request), {@link #check(ManifestFile, CheckEnvironment)} for a file (the checker).
 */
public final class RulesEngine {

  /** The annotation that switches rules off for one object: {@code "rule-a,rule-b"}. */
  public static final String IGNORE_ANNOTATION = "winfleet.dev/ignore";

  /** Rules about the text of files, reported by the engine itself. */
  public static final String YAML_SYNTAX = "yaml-syntax";

  public static final String YAML_DUPLICATE_KEY = "yaml-duplicate-key";
  public static final String MANIFEST_INVALID = "manifest-invalid";

  private static final Set<String> FILE_RULES =
      Set.of(YAML_SYNTAX, YAML_DUPLICATE_KEY, MANIFEST_INVALID);

  private static final Comparator<Finding> ORDER =
      Comparator.comparingInt(Finding::line)
          .thenComparingInt(Finding::column)
          .thenComparing(Finding::rule)
          .thenComparing(f -> f.container() == null ? "" : f.container());

  private final RuleCatalog catalog;
  private final List<Rule> rules;
  private final PlacementEngine placement;

  /** The image references of the pods this engine judged, parsed once. */
  private final ParsedReferences references = new ParsedReferences();

  /**
   * What is worked out once per environment (by identity): the rules that apply, and the placements
   * already decided in it.
   */
  private final Map<CheckEnvironment, PerEnvironment> environments =
      java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

  private record Active(Rule rule, RuleMetadata meta) {}

  private record PerEnvironment(List<Active> rules, PlacementMemo placements) {}

  public RulesEngine(RuleCatalog catalog, List<Rule> rules, PlacementEngine placement) {
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    this.rules = List.copyOf(rules);
    this.placement = Objects.requireNonNull(placement, "placement");
    Set<String> implemented = new HashSet<>(FILE_RULES);
    for (Rule r : this.rules) {
      if (!catalog.contains(r.id())) {
        throw new IllegalStateException("rule " + r.id() + " has no entry in rules.yaml");
      }
      if (catalog.rule(r.id()).orElseThrow().isClusterRule()) {
        throw new IllegalStateException(
            "rule " + r.id() + " is a cluster rule; dev.winfleet.core.cluster implements those");
      }
      if (!implemented.add(r.id())) {
        throw new IllegalStateException("rule " + r.id() + " is implemented twice");
      }
    }
    for (RuleMetadata m : catalog.rules()) {
      if (!m.isClusterRule() && !implemented.contains(m.id())) {
        throw new IllegalStateException(
            "rules.yaml lists " + m.id() + " but no code implements it");
      }
    }
  }

  /**
   * A new engine with winfleet's rules and catalogs (read once per process) and caches of its own
   * (parsed image references, process-isolation answers): make one per run or per server and share
   * it.
   */
  public static RulesEngine builtIn() {
    return new RulesEngine(RuleCatalog.builtIn(), BuiltInRules.all(), PlacementEngine.builtIn());
  }

  public RuleCatalog catalog() {
    return catalog;
  }

  public PlacementEngine placement() {
    return placement;
  }

  /**
   * The engine's view of one pod (its containers' image profiles, its scheduling constraints with
   * what a DaemonSet controller and a RuntimeClass add, its placement in the environment's fleet),
   * for front ends that judge pods in a wider context, such as the cluster checker.
   */
  public PodContext pod(PodTemplate template, CheckEnvironment env) {
    return newPod(template, env);
  }

  private PodContext newPod(PodTemplate template, CheckEnvironment env) {
    return new PodContext(
        template, env, placement, catalog, references, perEnvironment(env).placements());
  }

  private PerEnvironment perEnvironment(CheckEnvironment env) {
    PerEnvironment known = environments.get(env);
    if (known != null) {
      return known;
    }
    return environments.computeIfAbsent(
        env,
        e ->
            new PerEnvironment(
                active(e), new PlacementMemo(placement, e.placementFleet(), e.suggestedBuilds())));
  }

  /** The findings of a whole file: problems with its text, then each object's. */
  public List<Finding> check(ManifestFile file, CheckEnvironment env) {
    List<Finding> out = new ArrayList<>(readProblems(file, env));
    for (ManifestObject o : file.objects()) {
      out.addAll(check(o, env));
    }
    out.sort(ORDER);
    return out;
  }

  /** The findings for problems with a file's text (syntax, duplicate keys, non-objects). */
  public List<Finding> readProblems(ManifestFile file, CheckEnvironment env) {
    List<Finding> out = new ArrayList<>();
    for (ReadProblem p : file.problems()) {
      String id =
          switch (p.kind()) {
            case SYNTAX -> YAML_SYNTAX;
            case DUPLICATE_KEY -> YAML_DUPLICATE_KEY;
            case NOT_AN_OBJECT, NOT_KUBERNETES -> MANIFEST_INVALID;
          };
      if (!env.selection().enabled(id)) {
        continue;
      }
      RuleMetadata meta = catalog.rule(id).orElseThrow();
      Map<String, String> values = Map.of("problem", p.message());
      out.add(
          new Finding(
              id,
              meta.severity(),
              file.source(),
              p.position().line(),
              p.position().column(),
              null,
              null,
              FieldPath.root(),
              catalog.message(meta, values),
              catalog.fix(meta, values)));
    }
    return out;
  }

  /**
   * The findings for one object. Objects without a pod (Services, ConfigMaps...) have none.
   * Positions come from the object's position index; without one, line and column are 0 and the
   * path tells the field.
   */
  public List<Finding> check(ManifestObject object, CheckEnvironment env) {
    Optional<PodTemplate> template = PodTemplate.of(object);
    if (template.isEmpty()) {
      return List.of();
    }
    Set<String> ignored = ignored(object, template.get());
    PerEnvironment perEnvironment = perEnvironment(env);
    PodContext pod =
        new PodContext(
            template.get(), env, placement, catalog, references, perEnvironment.placements());
    List<Finding> out = new ArrayList<>();
    // One reporter for the pod, told which rule speaks: a lambda per rule and pod costs more than
    // the rule itself under the quick compiler the checker runs with (decision record 0021).
    PodReporter reporter = new PodReporter(pod, out);
    List<Active> applying = perEnvironment.rules();
    for (int i = 0; i < applying.size(); i++) { // no iterator per pod (quick compiler)
      Active active = applying.get(i);
      Rule rule = active.rule();
      if (ignored.contains(rule.id())) {
        continue;
      }
      reporter.meta = active.meta();
      rule.check(pod, reporter);
    }
    out.sort(ORDER);
    return out;
  }

  /** Turns what the rule now checking reports about one pod into findings. */
  private final class PodReporter implements Reporter {
    private final PodContext pod;
    private final List<Finding> out;
    private RuleMetadata meta;

    PodReporter(PodContext pod, List<Finding> out) {
      this.pod = pod;
      this.out = out;
    }

    @Override
    public void report(
        FieldPath path, ContainerInfo container, Map<String, String> values, Evidence evidence) {
      out.add(finding(meta, pod, path, container, values, evidence, null));
    }

    @Override
    public void report(
        Severity atMost,
        FieldPath path,
        ContainerInfo container,
        Map<String, String> values,
        Evidence evidence) {
      out.add(finding(meta, pod, path, container, values, evidence, atMost));
    }
  }

  /**
   * An object's pod as the rules see it (images, constraints with its RuntimeClass and controller
   * tolerations merged, placement against {@code env}'s fleet); empty for objects without a pod.
   * For front ends that need the placement itself, such as the dashboard's upgrade simulation, so
   * that they build the pod's constraints exactly as the rules do.
   */
  public Optional<PodContext> podContext(ManifestObject object, CheckEnvironment env) {
    return PodTemplate.of(object).map(t -> newPod(t, env));
  }

  private List<Active> active(CheckEnvironment env) {
    List<Active> out = new ArrayList<>();
    for (Rule rule : rules) {
      RuleMetadata meta = catalog.rule(rule.id()).orElseThrow();
      if (env.selection().enabled(rule.id())
          && (!meta.needsFleet() || env.hasFleet())
          && meta.kubernetes().appliesToAny(env.kubernetesVersions())) {
        out.add(new Active(rule, meta));
      }
    }
    return List.copyOf(out);
  }

  private static Set<String> ignored(ManifestObject object, PodTemplate template) {
    Set<String> ids = Set.of();
    for (Object annotations :
        List.of(
            Values.map(Values.get(object.tree(), "metadata", "annotations")),
            Values.map(Values.get(object.at(template.metadataPath()), "annotations")))) {
      String v = Values.string(Values.map(annotations).get(IGNORE_ANNOTATION));
      if (v != null) {
        ids = new HashSet<>(ids);
        for (String id : v.split(",")) {
          if (!id.isBlank()) {
            ids.add(id.trim());
          }
        }
      }
    }
    return ids;
  }

  private Finding finding(
      RuleMetadata meta,
      PodContext pod,
      FieldPath path,
      ContainerInfo container,
      Map<String, String> values,
      Evidence given,
      Severity atMost) {
    // Without a word from the rule, a finding rests on what the pod's OS rests on.
    Evidence evidence = given != null ? given : pod.osEvidence();
    Map<String, String> all = new FindingValues(meta, pod, container, values);
    Position pos = pod.object().positions().find(path).orElse(null);
    String message = catalog.message(meta, all);
    String fix = catalog.fix(meta, all);
    Severity severity = meta.severity();
    if (atMost != null && severity.atLeast(atMost) && severity != atMost) {
      severity = atMost;
    }
    if (!evidence.isFact() && severity != Severity.INFO) {
      // A guess speaks softly: at most info, and it says how to know.
      severity = Severity.INFO;
      message = CANNOT_TELL + message;
      fix = fix + " " + HOW_TO_KNOW;
    }
    return new Finding(
        meta.id(),
        severity,
        pod.object().source(),
        pos == null ? 0 : pos.line(),
        pos == null ? 0 : pos.column(),
        pod.ref(),
        container == null ? null : container.name(),
        path,
        message,
        fix,
        evidence);
  }

  /**
   * The values of a finding's texts: the rule's own, else what the engine knows of the pod and the
   * container. The engine's are worked out when a text names them (most name two or three; 40,000
   * findings printed every container's dotted path, which two rules use).
   */
  static final class FindingValues extends AbstractMap<String, String> {
    private static final List<String> ENGINE_NAMES =
        List.of(
            "object",
            "kind",
            "podSpec",
            "kubernetesVersions",
            "container",
            "image",
            "containerPath",
            "liftedIn");

    private final RuleMetadata meta;
    private final PodContext pod;
    private final ContainerInfo container;
    private final Map<String, String> values;

    FindingValues(
        RuleMetadata meta, PodContext pod, ContainerInfo container, Map<String, String> values) {
      this.meta = meta;
      this.pod = pod;
      this.container = container;
      this.values = values;
    }

    /** The engine's value of a placeholder, or null when it has none. */
    private String engineValue(Object name) {
      if (!(name instanceof String n)) {
        return null;
      }
      return switch (n) {
        case "object" -> pod.ref().display();
        case "kind" -> pod.ref().kind();
        case "podSpec" -> pod.specDotted();
        case "kubernetesVersions" -> pod.env().kubernetesVersionsText();
        case "container" -> container == null ? null : container.name();
        case "image" -> container == null ? null : container.image();
        case "containerPath" -> container == null ? null : container.path().toDotted();
        case "liftedIn" ->
            meta.kubernetes().until() == null ? null : meta.kubernetes().until().toString();
        default -> null;
      };
    }

    @Override
    public String get(Object name) {
      return values.containsKey(name) ? values.get(name) : engineValue(name);
    }

    @Override
    public boolean containsKey(Object name) {
      return values.containsKey(name) || engineValue(name) != null;
    }

    @Override
    public Set<Entry<String, String>> entrySet() {
      Map<String, String> all = new HashMap<>();
      for (String name : ENGINE_NAMES) {
        String v = engineValue(name);
        if (v != null) {
          all.put(name, v);
        }
      }
      all.putAll(values);
      return all.entrySet();
    }
  }

  /** The start of a finding that rests on a guess. */
  public static final String CANNOT_TELL =
      "winfleet cannot tell for sure (what it knows of the images is a guess): ";

  /** How to turn a guess into a fact. */
  public static final String HOW_TO_KNOW =
      "To know, read the images from their registries, or give their facts from a lock file of"
          + " them.";

  /** Values for rule texts, in order: {@code vars("field", "runAsUser", ...)}. */
  static Map<String, String> vars(String... keyValues) {
    if (keyValues.length % 2 != 0) {
      throw new IllegalArgumentException("keys and values come in pairs");
    }
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      m.put(keyValues[i], keyValues[i + 1]);
    }
    return m;
  }
}
