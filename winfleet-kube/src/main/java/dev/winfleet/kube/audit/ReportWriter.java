package dev.winfleet.kube.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.winfleet.core.manifest.ManifestObject;
import dev.winfleet.core.report.PolicyReports;
import dev.winfleet.core.report.ReportedObject;
import dev.winfleet.core.rules.Finding;
import dev.winfleet.core.rules.RuleCatalog;
import dev.winfleet.core.spi.MetricsSection;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElector;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes what the audit found where clusters look, on the elected leader only (fabric8's {@link
 * LeaderElector} on a Lease, so that three replicas write once): a {@code wgpolicyk8s.io/v1alpha2}
 * PolicyReport per namespace ({@link PolicyReports}, the mapping {@code winfleet check --format
 * policyreport} uses too), split into parts under the size limit, and a Warning Event on a workload
 * for each error finding new on it.
 *
 * <p>Incremental: only namespaces whose results changed are rebuilt, and a report whose content is
 * what was last written is not sent again. Updates carry the resourceVersion last written; on a
 * conflict (someone else changed the report) the report is read again and the update retried.
 */
public final class ReportWriter implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(ReportWriter.class.getName());

  static final ResourceDefinitionContext POLICY_REPORTS =
      new ResourceDefinitionContext.Builder()
          .withGroup("wgpolicyk8s.io")
          .withVersion("v1alpha2")
          .withKind(PolicyReports.KIND)
          .withPlural("policyreports")
          .withNamespaced(true)
          .build();

  /** Attempts of one report write before giving up until the next change. */
  static final int MAX_ATTEMPTS = 5;

  /** Events sent per flush at most; a node upgrade that strands many workloads sends no storm. */
  static final int MAX_EVENTS_PER_FLUSH = 50;

  static final int MAX_EVENT_MESSAGE = 1024;

  /**
   * How the writer runs.
   *
   * @param leaseNamespace where the Lease lives (winfleet's own namespace)
   * @param identity this replica's name in the Lease (the pod name)
   * @param flushInterval how often changed namespaces are written
   */
  public record Settings(
      String leaseNamespace,
      String leaseName,
      String identity,
      Duration flushInterval,
      Duration leaseDuration,
      Duration renewDeadline,
      Duration retryPeriod,
      PolicyReports.Limits limits) {

    public Settings {
      Objects.requireNonNull(leaseNamespace, "leaseNamespace");
      Objects.requireNonNull(leaseName, "leaseName");
      Objects.requireNonNull(identity, "identity");
      Objects.requireNonNull(limits, "limits");
    }

    /** Production timings: a 15 s lease renewed every 2 s, reports flushed every 5 s. */
    public static Settings defaults(String leaseNamespace, String identity) {
      return new Settings(
          leaseNamespace,
          "winfleet-audit",
          identity,
          Duration.ofSeconds(5),
          Duration.ofSeconds(15),
          Duration.ofSeconds(10),
          Duration.ofSeconds(2),
          PolicyReports.Limits.DEFAULT);
    }
  }

  private record Written(String resourceVersion, JsonNode content) {}

  private final KubernetesClient client;
  private final AuditStore store;
  private final RuleCatalog catalog;
  private final Settings settings;
  private final Clock clock;
  private final ScheduledExecutorService scheduler;
  private final Map<String, Written> written = new ConcurrentHashMap<>();
  private final Set<String> everWritten = ConcurrentHashMap.newKeySet();
  private final Set<String> listed = ConcurrentHashMap.newKeySet();
  private final AtomicLong writes = new AtomicLong();
  private final AtomicLong unchanged = new AtomicLong();
  private final AtomicLong conflicts = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();
  private final AtomicLong eventsSent = new AtomicLong();
  private final AtomicLong eventsDropped = new AtomicLong();
  private volatile CompletableFuture<?> election;
  private volatile boolean leader;
  private volatile boolean closed;
  private volatile Instant reportsUnavailableUntil = Instant.MIN;

  /** How long the writer waits before trying again when the PolicyReport CRD is missing. */
  static final Duration MISSING_CRD_BACKOFF = Duration.ofMinutes(1);

  /** The PolicyReport resource does not exist in the cluster (no CRD). */
  private static final class MissingCrdException extends RuntimeException {
    MissingCrdException() {
      super(
          "the cluster has no wgpolicyk8s.io/v1alpha2 PolicyReport resource: create the CRDs with"
              + " 'winfleet install --crds | kubectl create -f -' (reports are retried every"
              + " minute; findings stay on /metrics and the dashboard)",
          null,
          false,
          false);
    }
  }

  private ReportWriter(
      KubernetesClient client,
      AuditStore store,
      RuleCatalog catalog,
      Settings settings,
      Clock clock) {
    this.client = client;
    this.store = store;
    this.catalog = catalog;
    this.settings = settings;
    this.clock = clock;
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "winfleet-audit-reports");
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * A new elector for one term: fabric8's {@link LeaderElector} may be started only once (a second
   * {@code start()} throws), so standing again after a lost term needs a new one.
   */
  private LeaderElector newElector() {
    return client
        .leaderElector()
        .withConfig(
            new LeaderElectionConfigBuilder()
                .withName("winfleet-audit")
                .withLock(
                    new LeaseLock(
                        settings.leaseNamespace(), settings.leaseName(), settings.identity()))
                .withLeaseDuration(settings.leaseDuration())
                .withRenewDeadline(settings.renewDeadline())
                .withRetryPeriod(settings.retryPeriod())
                .withReleaseOnCancel(true)
                .withLeaderCallbacks(
                    new LeaderCallbacks(this::startedLeading, this::stoppedLeading, id -> {}))
                .build())
        .build();
  }

  /** Starts the leader election and the periodic flush; returns at once. */
  public static ReportWriter start(
      KubernetesClient client,
      AuditController audit,
      RuleCatalog catalog,
      Settings settings,
      Clock clock) {
    ReportWriter w = new ReportWriter(client, audit.store(), catalog, settings, clock);
    audit.leadership(w::isLeader);
    w.elect();
    long every = settings.flushInterval().toMillis();
    w.scheduler.scheduleWithFixedDelay(w::flushQuietly, every, every, TimeUnit.MILLISECONDS);
    return w;
  }

  private void elect() {
    if (closed) {
      return;
    }
    CompletableFuture<?> f;
    try {
      f = newElector().start();
    } catch (RuntimeException e) { // e.g. the client is closed: try again later
      LOG.log(System.Logger.Level.WARNING, "cannot stand for writing the audit reports", e);
      f = CompletableFuture.failedFuture(e);
    }
    election = f;
    if (closed) { // close() ran meanwhile and cancelled the previous term only
      f.cancel(true);
      return;
    }
    // An elector stops once leadership is lost or cannot be taken: stand again, with a new one.
    f.whenComplete(
        (ok, e) -> {
          if (!closed) {
            scheduler.schedule(
                this::elect, settings.retryPeriod().toMillis(), TimeUnit.MILLISECONDS);
          }
        });
  }

  private void startedLeading() {
    LOG.log(System.Logger.Level.INFO, settings.identity() + " writes the audit reports");
    written.clear();
    listed.clear();
    leader = true;
    store.markAllDirty(Set.of());
  }

  private void stoppedLeading() {
    leader = false;
  }

  public boolean isLeader() {
    return leader;
  }

  /** Report objects created or updated by this replica. */
  public long writes() {
    return writes.get();
  }

  public long conflicts() {
    return conflicts.get();
  }

  private void flushQuietly() {
    try {
      flush();
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "cannot write the audit reports", e);
    }
  }

  /** Writes the namespaces that changed and the events of new errors, if this is the leader. */
  void flush() {
    if (!leader) {
      store.drainNewErrors();
      return;
    }
    Set<String> failed = new HashSet<>();
    boolean reportsAvailable = clock.instant().isAfter(reportsUnavailableUntil);
    for (String ns : reportsAvailable ? store.drainDirtyNamespaces() : Set.<String>of()) {
      if (!failed.isEmpty() && clock.instant().isBefore(reportsUnavailableUntil)) {
        failed.add(ns);
        continue;
      }
      try {
        writeNamespace(ns);
      } catch (MissingCrdException e) {
        failures.incrementAndGet();
        failed.add(ns);
        if (!reportsUnavailableUntil.isAfter(Instant.MIN)) {
          LOG.log(System.Logger.Level.WARNING, "winfleet audit: " + e.getMessage());
        }
        reportsUnavailableUntil = clock.instant().plus(MISSING_CRD_BACKOFF);
      } catch (RuntimeException e) {
        failures.incrementAndGet();
        failed.add(ns);
        LOG.log(System.Logger.Level.WARNING, "cannot write the PolicyReport of " + ns, e);
      }
    }
    if (!failed.isEmpty()) {
      store.markAllDirty(failed);
    }
    List<AuditStore.NewError> errors = store.drainNewErrors();
    for (int i = 0; i < errors.size(); i++) {
      if (i >= MAX_EVENTS_PER_FLUSH) {
        eventsDropped.addAndGet(errors.size() - i);
        break;
      }
      try {
        event(errors.get(i));
        eventsSent.incrementAndGet();
      } catch (KubernetesClientException e) {
        eventsDropped.incrementAndGet();
        LOG.log(System.Logger.Level.WARNING, "cannot record an event", e);
      }
    }
  }

  private MixedOperation<
          GenericKubernetesResource,
          GenericKubernetesResourceList,
          Resource<GenericKubernetesResource>>
      reports() {
    return client.genericKubernetesResources(POLICY_REPORTS);
  }

  private void writeNamespace(String ns) {
    List<AuditStore.Entry> entries = store.namespace(ns);
    Set<String> keep = new HashSet<>();
    if (!entries.isEmpty()) {
      List<PolicyReports.Entry> findings = new ArrayList<>();
      for (AuditStore.Entry e : entries) {
        ReportedObject ref = ReportedObject.of(e.object());
        for (Finding f : e.findings()) {
          findings.add(new PolicyReports.Entry(f, ref, e.found()));
        }
      }
      Instant now = clock.instant();
      List<Map<String, Object>> parts =
          PolicyReports.namespaced(
              ns, PolicyReports.results(findings, catalog, now), settings.limits(), now);
      for (Map<String, Object> part : parts) {
        upsert(ns, part);
        keep.add(name(part));
      }
    }
    // A LIST to find parts to delete only when there may be some: the namespace's first write
    // since this replica leads (an earlier leader may have written more parts), fewer parts than
    // it wrote itself, or no results left.
    boolean first = listed.add(ns);
    boolean shrank = everWritten.contains(ns + "/" + PolicyReports.partName(keep.size() + 1));
    if (!first && !shrank && !keep.isEmpty()) {
      return;
    }
    prune(ns, keep);
  }

  private void prune(String ns, Set<String> keep) {
    for (GenericKubernetesResource r :
        reports()
            .inNamespace(ns)
            .withLabel(PolicyReports.MANAGED_BY_LABEL, PolicyReports.SOURCE)
            .list()
            .getItems()) {
      String name = r.getMetadata().getName();
      if (!keep.contains(name)) {
        reports().inNamespace(ns).withName(name).delete();
        written.remove(ns + "/" + name);
        everWritten.remove(ns + "/" + name);
        writes.incrementAndGet();
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static String name(Map<String, Object> report) {
    return (String) ((Map<String, Object>) report.get("metadata")).get("name");
  }

  /** What decides whether a report must be written again: labels, summary, results. */
  private static JsonNode content(GenericKubernetesResource r) {
    ObjectNode tree = Serialization.jsonMapper().valueToTree(r);
    ObjectNode out = Serialization.jsonMapper().createObjectNode();
    out.set("labels", tree.path("metadata").path("labels"));
    out.set("summary", tree.path("summary"));
    out.set("results", tree.path("results"));
    return out;
  }

  private void upsert(String ns, Map<String, Object> part) {
    String name = name(part);
    String key = ns + "/" + name;
    GenericKubernetesResource desired =
        Serialization.jsonMapper().convertValue(part, GenericKubernetesResource.class);
    JsonNode content = content(desired);
    Written last = written.get(key);
    if (last != null && last.content().equals(content)) {
      unchanged.incrementAndGet();
      return;
    }
    Resource<GenericKubernetesResource> resource = reports().inNamespace(ns).withName(name);
    for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      String version = last == null ? null : last.resourceVersion();
      try {
        if (version == null) {
          GenericKubernetesResource existing = resource.get();
          if (existing == null) {
            GenericKubernetesResource created;
            try {
              created = reports().inNamespace(ns).resource(desired).create();
            } catch (KubernetesClientException e) {
              if (e.getCode() == 404) {
                throw new MissingCrdException();
              }
              throw e;
            }
            remember(key, created, content);
            return;
          }
          if (content(existing).equals(content)) {
            remember(key, existing, content);
            unchanged.incrementAndGet();
            return;
          }
          version = existing.getMetadata().getResourceVersion();
        }
        desired.getMetadata().setResourceVersion(version);
        GenericKubernetesResource updated = reports().inNamespace(ns).resource(desired).update();
        remember(key, updated, content);
        return;
      } catch (KubernetesClientException e) {
        if (e.getCode() == 409 || e.getCode() == 404) {
          // Changed or removed by someone else since we wrote it: read it again and retry.
          conflicts.incrementAndGet();
          last = null;
          desired.getMetadata().setResourceVersion(null);
          continue;
        }
        throw e;
      }
    }
    throw new IllegalStateException(
        "the PolicyReport " + key + " kept changing under us: gave up after " + MAX_ATTEMPTS);
  }

  private void remember(String key, GenericKubernetesResource r, JsonNode content) {
    written.put(key, new Written(r.getMetadata().getResourceVersion(), content));
    everWritten.add(key);
    writes.incrementAndGet();
  }

  private void event(AuditStore.NewError e) {
    ManifestObject o = e.object();
    Finding f = e.finding();
    String ts =
        DateTimeFormatter.ISO_INSTANT.format(clock.instant().truncatedTo(ChronoUnit.SECONDS));
    String message = f.message() + " Fix: " + f.fix();
    if (message.length() > MAX_EVENT_MESSAGE) {
      message = message.substring(0, MAX_EVENT_MESSAGE - 1) + "…";
    }
    String suffix = Long.toHexString(System.nanoTime() ^ (long) f.hashCode() << 16);
    Event event =
        new EventBuilder()
            .withNewMetadata()
            .withName(clipName(o.name(), 253 - 1 - suffix.length()) + "." + suffix)
            .withNamespace(o.namespace())
            .withLabels(Map.of(PolicyReports.MANAGED_BY_LABEL, PolicyReports.SOURCE))
            .endMetadata()
            .withInvolvedObject(
                new ObjectReferenceBuilder()
                    .withApiVersion(o.apiVersion())
                    .withKind(o.kind())
                    .withName(o.name())
                    .withNamespace(o.namespace())
                    .withUid(
                        dev.winfleet.core.manifest.Values.getString(o.tree(), "metadata", "uid"))
                    .build())
            .withType("Warning")
            .withReason(reason(f.rule()))
            .withAction("Audit")
            .withMessage(message)
            .withNewSource()
            .withComponent("winfleet-audit")
            .endSource()
            .withReportingComponent("winfleet.dev/audit")
            .withReportingInstance(settings.identity())
            .withFirstTimestamp(ts)
            .withLastTimestamp(ts)
            .withCount(1)
            .build();
    client.v1().events().inNamespace(o.namespace()).resource(event).create();
  }

  private static String clipName(String name, int max) {
    String n = name.length() <= max ? name : name.substring(0, max);
    while (n.endsWith(".") || n.endsWith("-")) {
      n = n.substring(0, n.length() - 1);
    }
    return n;
  }

  /** {@code no-compatible-node} becomes the event reason {@code NoCompatibleNode}. */
  static String reason(String rule) {
    StringBuilder sb = new StringBuilder();
    for (String part : rule.split("-")) {
      if (!part.isEmpty()) {
        sb.append(part.substring(0, 1).toUpperCase(Locale.ROOT)).append(part.substring(1));
      }
    }
    return sb.toString();
  }

  /** The writer's counters for {@code /metrics}. */
  public MetricsSection metrics() {
    return () ->
        List.of(
            MetricsSection.Family.counter(
                "winfleet_audit_report_writes_total",
                "PolicyReport writes by this replica, by result.",
                List.of(
                    MetricsSection.Sample.of(writes.get(), "result", "written"),
                    MetricsSection.Sample.of(unchanged.get(), "result", "unchanged"),
                    MetricsSection.Sample.of(conflicts.get(), "result", "conflict"),
                    MetricsSection.Sample.of(failures.get(), "result", "failed"))),
            MetricsSection.Family.counter(
                "winfleet_audit_events_total",
                "Warning events for new error findings, by result.",
                List.of(
                    MetricsSection.Sample.of(eventsSent.get(), "result", "sent"),
                    MetricsSection.Sample.of(eventsDropped.get(), "result", "dropped"))));
  }

  @Override
  public void close() {
    closed = true;
    leader = false; // a closed writer leads nothing, whatever the elector reports later
    CompletableFuture<?> f = election;
    if (f != null) {
      f.cancel(true);
    }
    scheduler.shutdownNow();
  }
}
