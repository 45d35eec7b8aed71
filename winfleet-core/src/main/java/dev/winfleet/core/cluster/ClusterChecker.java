package dev.winfleet.core.cluster;

import dev.winfleet.core.catalog.KubernetesVersion;
import dev.winfleet.core.catalog.KubernetesWindowsCatalog;
import dev.winfleet.core.catalog.WindowsCatalog;
import dev.winfleet.core.image.ImageMetadataSource;
import dev.winfleet.core.manifest.FieldPath;
import dev.winfleet.core.manifest.ManifestObject;
import dev.winfleet.core.manifest.Position;
import dev.winfleet.core.rules.CheckEnvironment;
import dev.winfleet.core.rules.Finding;
import dev.winfleet.core.rules.RuleCatalog;
import dev.winfleet.core.rules.RuleMetadata;
import dev.winfleet.core.rules.RuleSelection;
import dev.winfleet.core.rules.RulesEngine;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Runs the cluster rules ({@code rules.yaml} category {@code cluster}) over a cluster snapshot and
 * returns findings in the same form as the rules engine's, with the same metadata, rule selection
 * and texts. Pods are judged by the rules engine's own view of them ({@link RulesEngine#pod}), so
 * placement has one implementation. Pure and thread-safe.
 */
public final class ClusterChecker {

  private static final Comparator<Finding> ORDER =
      Comparator.comparing((Finding f) -> f.file() == null ? "" : f.file())
          .thenComparingInt(Finding::line)
          .thenComparingInt(Finding::column)
          .thenComparing(Finding::rule)
          .thenComparing(f -> f.objectDisplay() == null ? "" : f.objectDisplay());

  private final RulesEngine engine;
  private final List<ClusterRule> rules;
  private final CniCatalog cni;
  private final KubernetesWindowsCatalog kubernetes;
  private final WindowsCatalog windows;

  public ClusterChecker(
      RulesEngine engine,
      List<ClusterRule> rules,
      CniCatalog cni,
      KubernetesWindowsCatalog kubernetes,
      WindowsCatalog windows) {
    this.engine = Objects.requireNonNull(engine, "engine");
    this.rules = List.copyOf(rules);
    this.cni = Objects.requireNonNull(cni, "cni");
    this.kubernetes = Objects.requireNonNull(kubernetes, "kubernetes");
    this.windows = Objects.requireNonNull(windows, "windows");
    RuleCatalog catalog = engine.catalog();
    Set<String> implemented = new HashSet<>();
    for (ClusterRule r : this.rules) {
      RuleMetadata m =
          catalog
              .rule(r.id())
              .orElseThrow(
                  () ->
                      new IllegalStateException("rule " + r.id() + " has no entry in rules.yaml"));
      if (!m.isClusterRule()) {
        throw new IllegalStateException(
            "rule " + r.id() + " is not in category cluster in rules.yaml");
      }
      if (!implemented.add(r.id())) {
        throw new IllegalStateException("rule " + r.id() + " is implemented twice");
      }
    }
    for (RuleMetadata m : catalog.rules()) {
      if (m.isClusterRule() && !implemented.contains(m.id())) {
        throw new IllegalStateException(
            "rules.yaml lists " + m.id() + " but no code implements it");
      }
    }
  }

  /** The checker with winfleet's cluster rules and catalogs. */
  public static ClusterChecker builtIn() {
    return new ClusterChecker(
        RulesEngine.builtIn(),
        ClusterRules.all(),
        CniCatalog.builtIn(),
        KubernetesWindowsCatalog.builtIn(),
        WindowsCatalog.builtIn());
  }

  public RuleCatalog catalog() {
    return engine.catalog();
  }

  public CniCatalog cniCatalog() {
    return cni;
  }

  /**
   * The control plane as winfleet sees it in this snapshot.
   *
   * @param given the user's {@code --kubernetes-version}, or null
   */
  public Optional<ControlPlane> controlPlane(ClusterSnapshot snapshot, String given) {
    return ControlPlane.resolve(given, snapshot.apiServerVersion(), snapshot.fleet());
  }

  /**
   * The findings for a cluster.
   *
   * @param images where image OS knowledge comes from (tag hints, a saved inspect result)
   * @param kubernetesVersion the user's {@code --kubernetes-version}, or null
   */
  public List<Finding> check(
      ClusterSnapshot snapshot,
      ImageMetadataSource images,
      String kubernetesVersion,
      RuleSelection selection) {
    Optional<ControlPlane> controlPlane = controlPlane(snapshot, kubernetesVersion);
    KubernetesVersion version = controlPlane.map(ControlPlane::version).orElse(kubernetes.newest());
    CheckEnvironment env =
        new CheckEnvironment(snapshot.fleet(), images, List.of(version), selection);
    ClusterContext context =
        new ClusterContext(
            snapshot,
            ClusterNetwork.of(snapshot, cni),
            env,
            controlPlane,
            engine,
            cni,
            kubernetes,
            windows);
    List<Finding> out = new ArrayList<>();
    for (ClusterRule rule : rules) {
      if (!selection.enabled(rule.id())) {
        continue;
      }
      RuleMetadata meta = engine.catalog().rule(rule.id()).orElseThrow();
      rule.check(
          context,
          (object, path, container, values) ->
              out.add(finding(meta, object, path, container, values)));
    }
    out.sort(ORDER);
    return out;
  }

  private Finding finding(
      RuleMetadata meta,
      ManifestObject object,
      FieldPath path,
      String container,
      Map<String, String> values) {
    Map<String, String> all = new HashMap<>();
    all.put("object", ClusterNetwork.qualified(object));
    all.put("kind", object.kind());
    all.putAll(values);
    Position pos = object.positions().find(path).orElse(null);
    return new Finding(
        meta.id(),
        meta.severity(),
        object.source(),
        pos == null ? 0 : pos.line(),
        pos == null ? 0 : pos.column(),
        object.ref(),
        container,
        path,
        engine.catalog().message(meta, all),
        engine.catalog().fix(meta, all));
  }
}
