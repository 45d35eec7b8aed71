package dev.winfleet.kube.audit;

import dev.winfleet.core.spi.AuditView;
import dev.winfleet.core.spi.MetricsSection;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * The audit of what already runs: fabric8 SharedInformers on Pods and the workload kinds the
 * checker knows ({@link AuditedKind}); each added or changed object is judged by the rules engine
 * ({@link AuditStore}), and every object is judged again when the fleet changes (a node joins,
 * leaves, or changes build or revision: {@link #fleetChanged()}, wired to {@code
 * LiveFleet.onFleetChange}).
 *
 * <p>One worker thread takes the queued objects and judges them, in parallel on a pool of {@code
 * parallelism} threads when there are many. The reports, events and leader election are {@link
 * ReportWriter}'s; this class only judges and remembers.
 */
public final class AuditController implements AuditView, AutoCloseable {

  private static final System.Logger LOG = System.getLogger(AuditController.class.getName());

  /** How often the informers re-deliver every object (skipped: same resourceVersion). */
  static final long RESYNC_MILLIS = 30 * 60 * 1000L;

  /** Below this many queued objects, the worker judges them on its own thread. */
  private static final int PARALLEL_THRESHOLD = 64;

  private final AuditStore store;
  private final BooleanSupplier fleetSynced;
  private final Map<AuditedKind, SharedIndexInformer<? extends HasMetadata>> informers =
      new EnumMap<>(AuditedKind.class);
  private final Map<AuditedKind, ObjectCache> caches = new EnumMap<>(AuditedKind.class);

  /** Where the audit finds the current objects of one kind: an informer's cache. */
  public interface ObjectCache {
    /** Every object. */
    java.util.Collection<? extends HasMetadata> list();

    /** The object with this {@code namespace/name} key, or null. */
    HasMetadata get(String key);
  }

  private final Set<ObjectKey> queued = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean fullPending = new AtomicBoolean(true);
  private final LinkedBlockingQueue<Boolean> wake = new LinkedBlockingQueue<>();
  private final ForkJoinPool pool;
  private final Thread worker;
  private volatile boolean synced;
  private volatile boolean closed;
  private volatile BooleanSupplier leader = () -> false;
  private volatile Runnable afterPass = () -> {};

  private AuditController(
      KubernetesClient client, AuditStore store, BooleanSupplier fleetSynced, int parallelism) {
    this(store, fleetSynced, parallelism);
    for (AuditedKind kind : AuditedKind.values()) {
      SharedIndexInformer<? extends HasMetadata> informer =
          client
              .resources(kind.type())
              .inAnyNamespace()
              .runnableInformer(RESYNC_MILLIS)
              .itemStore(new LeanItemStore<>());
      informer.addEventHandler(new Enqueue<>(kind));
      informers.put(kind, informer);
      caches.put(
          kind,
          new ObjectCache() {
            @Override
            public java.util.Collection<? extends HasMetadata> list() {
              return informer.getStore().list();
            }

            @Override
            public HasMetadata get(String key) {
              return informer.getStore().getByKey(key);
            }
          });
    }
  }

  private AuditController(AuditStore store, BooleanSupplier fleetSynced, int parallelism) {
    this.store = Objects.requireNonNull(store, "store");
    this.fleetSynced = Objects.requireNonNull(fleetSynced, "fleetSynced");
    this.pool = new ForkJoinPool(Math.max(1, parallelism));
    this.worker = new Thread(this::work, "winfleet-audit");
    this.worker.setDaemon(true);
  }

  /**
   * An audit over caches filled by someone else, without informers or a worker thread: for
   * benchmarks of {@link #judgeAll()} on a generated cluster.
   */
  public static AuditController overCaches(
      Map<AuditedKind, ObjectCache> caches, AuditStore store, int parallelism) {
    AuditController c = new AuditController(store, () -> true, parallelism);
    c.caches.putAll(caches);
    return c;
  }

  /**
   * Starts the informers and the worker; returns at once. The first full evaluation runs once the
   * informers and the fleet are synced.
   *
   * @param fleetSynced whether the fleet inventory has listed everything
   * @param parallelism threads that judge objects after a fleet change
   */
  public static AuditController start(
      KubernetesClient client, AuditStore store, BooleanSupplier fleetSynced, int parallelism) {
    AuditController c = new AuditController(client, store, fleetSynced, parallelism);
    for (SharedIndexInformer<? extends HasMetadata> i : c.informers.values()) {
      i.start();
    }
    c.worker.start();
    return c;
  }

  public AuditStore store() {
    return store;
  }

  /** Who writes reports, for {@link #status()}. */
  void leadership(BooleanSupplier leader) {
    this.leader = Objects.requireNonNull(leader, "leader");
  }

  /** Called after each pass of the worker (the report writer's cue). */
  void afterPass(Runnable r) {
    this.afterPass = Objects.requireNonNull(r, "afterPass");
  }

  /** The fleet changed: judge every object again. */
  public void fleetChanged() {
    fullPending.set(true);
    wake.offer(Boolean.TRUE);
  }

  private boolean informersSynced() {
    for (SharedIndexInformer<? extends HasMetadata> i : informers.values()) {
      if (!i.hasSynced()) {
        return false;
      }
    }
    return true;
  }

  private final class Enqueue<T extends HasMetadata> implements ResourceEventHandler<T> {
    private final AuditedKind kind;

    Enqueue(AuditedKind kind) {
      this.kind = kind;
    }

    @Override
    public void onAdd(T obj) {
      enqueue(kind, obj);
    }

    @Override
    public void onUpdate(T oldObj, T newObj) {
      if (matters(oldObj, newObj)) {
        enqueue(kind, newObj);
      }
    }

    @Override
    public void onDelete(T obj, boolean deletedFinalStateUnknown) {
      enqueue(kind, obj);
    }
  }

  /**
   * Whether an update can change findings: not a resync (same resourceVersion), not a Pod's status
   * change, not a workload's status or scale change (its spec generation stays).
   */
  static boolean matters(HasMetadata before, HasMetadata after) {
    var b = before.getMetadata();
    var a = after.getMetadata();
    if (Objects.equals(b.getResourceVersion(), a.getResourceVersion())) {
      return false;
    }
    if (!Objects.equals(b.getAnnotations(), a.getAnnotations())
        || !Objects.equals(b.getOwnerReferences(), a.getOwnerReferences())) {
      return true;
    }
    if (before instanceof Pod pb && after instanceof Pod pa) {
      return !Objects.equals(pb.getSpec(), pa.getSpec());
    }
    return a.getGeneration() == null || !Objects.equals(b.getGeneration(), a.getGeneration());
  }

  private void enqueue(AuditedKind kind, HasMetadata obj) {
    queued.add(new ObjectKey(kind, obj.getMetadata().getNamespace(), obj.getMetadata().getName()));
    wake.offer(Boolean.TRUE);
  }

  private void work() {
    while (!closed) {
      try {
        wake.poll(1, TimeUnit.SECONDS);
        wake.clear();
        if (!synced) {
          if (!informersSynced() || !fleetSynced.getAsBoolean()) {
            continue;
          }
          judgeAll();
          synced = true;
          store.reportNewErrors();
        } else if (fullPending.getAndSet(false)) {
          judgeAll();
        } else if (!queued.isEmpty()) {
          List<ObjectKey> keys = new ArrayList<>();
          for (ObjectKey k : queued) {
            if (queued.remove(k)) {
              keys.add(k);
            }
          }
          judge(keys);
        } else {
          continue;
        }
        afterPass.run();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.WARNING, "audit pass failed; retrying on the next change", e);
      }
    }
  }

  /**
   * Judges every object in the caches again (in parallel) and forgets those that are gone: what a
   * fleet change costs. Returns the number of objects looked at.
   */
  public int judgeAll() {
    fullPending.set(false);
    queued.clear();
    List<ObjectKey> keys = new ArrayList<>();
    for (Map.Entry<AuditedKind, ObjectCache> e : caches.entrySet()) {
      for (HasMetadata o : e.getValue().list()) {
        keys.add(
            new ObjectKey(e.getKey(), o.getMetadata().getNamespace(), o.getMetadata().getName()));
      }
    }
    judge(keys);
    store.retainOnly(new HashSet<>(keys));
    return keys.size();
  }

  private void judge(List<ObjectKey> keys) {
    if (keys.size() < PARALLEL_THRESHOLD) {
      keys.forEach(this::judgeOne);
      return;
    }
    try {
      pool.submit(() -> keys.parallelStream().forEach(this::judgeOne)).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException("audit evaluation failed", e.getCause());
    }
  }

  private void judgeOne(ObjectKey key) {
    HasMetadata current = caches.get(key.kind()).get(key.storeKey());
    try {
      store.judge(key, current);
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "cannot judge " + key, e);
    }
  }

  // ---- AuditView ----

  @Override
  public Status status() {
    return new Status(
        true,
        synced,
        leader.getAsBoolean(),
        store.lastEvaluation(),
        store.size(),
        store.findingCount());
  }

  @Override
  public List<Audited> objects() {
    return store.audited();
  }

  /** The audit's gauges for {@code /metrics}. */
  public MetricsSection metrics() {
    return () -> {
      List<MetricsSection.Sample> findings = new java.util.ArrayList<>();
      store
          .counts()
          .forEach(
              (k, n) ->
                  findings.add(
                      MetricsSection.Sample.of(
                          n, "namespace", k.get(0), "rule", k.get(1), "severity", k.get(2))));
      List<MetricsSection.Family> out = new java.util.ArrayList<>();
      out.add(
          MetricsSection.Family.gauge(
              "winfleet_audit_findings",
              "Findings on the objects running in the cluster, by namespace, rule and severity.",
              findings));
      out.add(
          gauge(
              "winfleet_audit_objects",
              "Objects the audit judges (see docs/audit.md).",
              store.size()));
      out.add(
          gauge(
              "winfleet_audit_synced",
              "1 once the first full evaluation is done.",
              synced ? 1 : 0));
      out.add(
          gauge(
              "winfleet_audit_leader",
              "1 on the replica that writes the reports.",
              leader.getAsBoolean() ? 1 : 0));
      Instant last = store.lastEvaluation();
      if (last != null) {
        out.add(
            gauge(
                "winfleet_audit_last_evaluation_timestamp_seconds",
                "When an object was last judged (Unix time).",
                last.getEpochSecond()));
      }
      return out;
    };
  }

  private static MetricsSection.Family gauge(String name, String help, double value) {
    return MetricsSection.Family.gauge(name, help, List.of(MetricsSection.Sample.of(value)));
  }

  @Override
  public void close() {
    closed = true;
    worker.interrupt();
    for (SharedIndexInformer<? extends HasMetadata> i : informers.values()) {
      i.close();
    }
    pool.shutdownNow();
  }
}
