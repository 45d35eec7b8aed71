package dev.winfleet.kube.audit;

import dev.winfleet.core.manifest.ManifestObject;
import dev.winfleet.core.rules.CheckEnvironment;
import dev.winfleet.core.rules.Finding;
import dev.winfleet.core.rules.RulesEngine;
import dev.winfleet.core.rules.Severity;
import dev.winfleet.core.spi.AuditView;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;

/**
 * The audit's results, one entry per judged object: the object's tree as the rules read it, its
 * findings and when they were computed. Judging calls the one rules engine ({@link
 * RulesEngine#check(ManifestObject, CheckEnvironment)}) in the environment the webhook would use
 * for the same object. Thread-safe: objects are judged in parallel.
 *
 * <p>It also collects what the report writer needs: the namespaces whose results changed since it
 * last asked, and the error findings that appeared on an object after the first full evaluation
 * (for Kubernetes Events).
 */
public final class AuditStore {

  /** An error finding that is new on an object. */
  public record NewError(ManifestObject object, Finding finding) {}

  /**
   * @param found when these findings were first found (the reports' timestamp: a re-evaluation that
   *     finds the same does not rewrite a report)
   * @param evaluated when the rules last judged the object
   */
  record Entry(
      ObjectKey key,
      ManifestObject object,
      List<Finding> findings,
      Instant found,
      Instant evaluated) {}

  private final RulesEngine engine;
  private final BiFunction<ManifestObject, String, CheckEnvironment> environment;
  private final Clock clock;
  private final Map<ObjectKey, Entry> entries = new ConcurrentHashMap<>();
  private final Set<String> dirtyNamespaces = ConcurrentHashMap.newKeySet();
  private final ConcurrentLinkedQueue<NewError> newErrors = new ConcurrentLinkedQueue<>();
  private final AtomicLong generation = new AtomicLong();
  private volatile boolean reportNewErrors;
  private volatile Instant lastEvaluation;

  /**
   * @param environment the environment to judge an object (and its namespace) in: the webhook's
   *     ({@code PlacementPolicy::environment}), so images are known the same way
   */
  public AuditStore(
      RulesEngine engine,
      BiFunction<ManifestObject, String, CheckEnvironment> environment,
      Clock clock) {
    this.engine = Objects.requireNonNull(engine, "engine");
    this.environment = Objects.requireNonNull(environment, "environment");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** From now on, error findings new on an object are queued for events. */
  void reportNewErrors() {
    reportNewErrors = true;
  }

  /**
   * Judges one object, or forgets it when {@code object} is null (deleted) or judged through its
   * owner.
   */
  void judge(ObjectKey key, HasMetadata object) {
    if (object == null || AuditedKind.judgedThroughOwner(object)) {
      if (entries.remove(key) != null) {
        changed(key.namespace());
      }
      return;
    }
    ManifestObject tree = tree(key.kind(), object);
    CheckEnvironment env = environment.apply(tree, key.namespace());
    List<Finding> findings = engine.check(tree, env);
    Instant now = clock.instant();
    lastEvaluation = now;
    Entry old = entries.get(key);
    boolean same = old != null && old.findings().equals(findings);
    entries.put(key, new Entry(key, tree, findings, same ? old.found() : now, now));
    if (!same) {
      changed(key.namespace());
      if (reportNewErrors) {
        Set<String> before = old == null ? Set.of() : errorKeys(old.findings());
        for (Finding f : findings) {
          if (f.severity() == Severity.ERROR && !before.contains(errorKey(f))) {
            newErrors.add(new NewError(tree, f));
          }
        }
      }
    }
  }

  /** Forgets every entry whose key is not among {@code live}. */
  void retainOnly(Set<ObjectKey> live) {
    for (ObjectKey k : new ArrayList<>(entries.keySet())) {
      if (!live.contains(k)) {
        entries.remove(k);
        changed(k.namespace());
      }
    }
  }

  private void changed(String namespace) {
    dirtyNamespaces.add(namespace);
    generation.incrementAndGet();
  }

  private static Set<String> errorKeys(List<Finding> findings) {
    Set<String> out = new HashSet<>();
    for (Finding f : findings) {
      if (f.severity() == Severity.ERROR) {
        out.add(errorKey(f));
      }
    }
    return out;
  }

  private static String errorKey(Finding f) {
    return f.rule() + "\u0000" + (f.container() == null ? "" : f.container());
  }

  /**
   * The object's tree as the rules read it: Jackson's view of the fabric8 model, with its kind and
   * apiVersion, without managedFields and status (which no rule reads).
   */
  @SuppressWarnings("unchecked")
  static ManifestObject tree(AuditedKind kind, HasMetadata object) {
    Map<String, Object> tree = Serialization.jsonMapper().convertValue(object, LinkedHashMap.class);
    tree.put("apiVersion", kind.apiVersion());
    tree.put("kind", kind.kind());
    tree.remove("status");
    Object metadata = tree.get("metadata");
    if (metadata instanceof Map<?, ?> m) {
      ((Map<String, Object>) m).remove("managedFields");
    }
    return ManifestObject.of(tree);
  }

  /** The namespaces whose results changed since the last call; clears them. */
  Set<String> drainDirtyNamespaces() {
    Set<String> out = new HashSet<>();
    for (String ns : dirtyNamespaces) {
      if (dirtyNamespaces.remove(ns)) {
        out.add(ns);
      }
    }
    return out;
  }

  /** Marks every namespace with results (or that had some) as changed: a new leader rewrites. */
  void markAllDirty(Set<String> more) {
    for (Entry e : entries.values()) {
      dirtyNamespaces.add(e.key().namespace());
    }
    dirtyNamespaces.addAll(more);
  }

  /** The error findings new since the last call; clears them. */
  List<NewError> drainNewErrors() {
    List<NewError> out = new ArrayList<>();
    NewError e;
    while ((e = newErrors.poll()) != null) {
      out.add(e);
    }
    return out;
  }

  /** The entries of one namespace, in a stable order. */
  List<Entry> namespace(String namespace) {
    List<Entry> out = new ArrayList<>();
    for (Entry e : entries.values()) {
      if (e.key().namespace().equals(namespace)) {
        out.add(e);
      }
    }
    out.sort(ORDER);
    return out;
  }

  private static final Comparator<Entry> ORDER =
      Comparator.<Entry, String>comparing(e -> e.key().namespace())
          .thenComparing(e -> e.key().kind().kind())
          .thenComparing(e -> e.key().name());

  /** Every entry, sorted by namespace, kind and name. */
  List<Entry> all() {
    List<Entry> out = new ArrayList<>(entries.values());
    out.sort(ORDER);
    return out;
  }

  public int size() {
    return entries.size();
  }

  public Instant lastEvaluation() {
    return lastEvaluation;
  }

  long generation() {
    return generation.get();
  }

  /** Findings by namespace, rule and severity: the metrics' gauges. */
  Map<List<String>, Integer> counts() {
    Map<List<String>, Integer> out = new TreeMap<>(Comparator.comparing(List::toString));
    for (Entry e : entries.values()) {
      for (Finding f : e.findings()) {
        out.merge(List.of(e.key().namespace(), f.rule(), f.severity().label()), 1, Integer::sum);
      }
    }
    return out;
  }

  List<AuditView.Audited> audited() {
    List<AuditView.Audited> out = new ArrayList<>();
    for (Entry e : all()) {
      out.add(new AuditView.Audited(e.object(), e.findings(), e.evaluated()));
    }
    return out;
  }

  int findingCount() {
    int n = 0;
    for (Entry e : entries.values()) {
      n += e.findings().size();
    }
    return n;
  }
}
