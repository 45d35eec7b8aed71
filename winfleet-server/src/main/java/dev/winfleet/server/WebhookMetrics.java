package dev.winfleet.server;

import dev.winfleet.core.spi.InventoryStatus;
import dev.winfleet.core.spi.MetricsSection;
import dev.winfleet.core.spi.NodeGroup;
import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Unit;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The webhook's Prometheus metrics, kept and written by the Prometheus Java client ({@code
 * prometheus-metrics-core}, text format 0.0.4 by {@code
 * prometheus-metrics-exposition-textformats}). The data points of the fixed labels are looked up
 * once, so recording is a lock-free add with no allocation on the request path; rendering happens
 * only on {@code GET /metrics}.
 */
public final class WebhookMetrics {

  /** The content type of {@link #render}: the text exposition format, version 0.0.4. */
  public static final String CONTENT_TYPE = PrometheusTextFormatWriter.CONTENT_TYPE;

  private static final PrometheusTextFormatWriter WRITER = PrometheusTextFormatWriter.create();

  /** Upper bounds of the latency buckets, in seconds; the webhook times out at 5 s. */
  static final double[] LATENCY_BUCKETS = {
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5
  };

  /** Rule ids are a small catalog; beyond this many distinct ids, count under "other". */
  static final int MAX_RULE_LABELS = 256;

  private final PrometheusRegistry registry = new PrometheusRegistry();

  private final CounterDataPoint[][] requests =
      new CounterDataPoint[Endpoint.values().length][Verdict.values().length];
  private final CounterDataPoint[] dryRunRequests = new CounterDataPoint[Endpoint.values().length];
  private final DistributionDataPoint[] latency =
      new DistributionDataPoint[Endpoint.values().length];
  private final Counter findingsCounter;
  private final Map<String, CounterDataPoint> findings = new ConcurrentHashMap<>();
  private final CounterDataPoint certificateReloads;
  private final CounterDataPoint certificateReloadFailures;
  private final CounterDataPoint certificateExpired;
  private final CounterDataPoint certificateNotYetValid;
  private final Counter connectionsClosed;
  private final Map<String, CounterDataPoint> connectionsRefused = new ConcurrentHashMap<>();
  private final List<MetricsSection> sections = new java.util.concurrent.CopyOnWriteArrayList<>();

  /** Adds a section to every later {@code GET /metrics}. */
  public void addSection(MetricsSection section) {
    sections.add(java.util.Objects.requireNonNull(section, "section"));
  }

  public WebhookMetrics() {
    Counter requestsCounter =
        Counter.builder()
            .name("winfleet_admission_requests_total")
            .help("Admission requests answered (dry runs excluded), by endpoint and verdict.")
            .labelNames("endpoint", "verdict")
            .register(registry);
    Counter dryRunCounter =
        Counter.builder()
            .name("winfleet_admission_dry_run_requests_total")
            .help("Dry-run admission requests answered, by endpoint.")
            .labelNames("endpoint")
            .register(registry);
    findingsCounter =
        Counter.builder()
            .name("winfleet_admission_findings_total")
            .help("Findings behind admission decisions (dry runs excluded), by rule.")
            .labelNames("rule")
            .register(registry);
    Histogram duration =
        Histogram.builder()
            .name("winfleet_admission_duration_seconds")
            .help("Time from a request's last byte to its answer, by endpoint.")
            .unit(Unit.SECONDS)
            .labelNames("endpoint")
            .classicOnly()
            .classicUpperBounds(LATENCY_BUCKETS)
            .register(registry);
    for (Endpoint e : Endpoint.values()) {
      for (Verdict v : Verdict.values()) {
        requests[e.ordinal()][v.ordinal()] = requestsCounter.labelValues(e.label(), v.label());
      }
      dryRunRequests[e.ordinal()] = dryRunCounter.labelValues(e.label());
      latency[e.ordinal()] = duration.labelValues(e.label());
    }
    Counter reloads =
        Counter.builder()
            .name("winfleet_tls_certificate_reloads_total")
            .help("Serving certificate reloads from disk, by result.")
            .labelNames("result")
            .register(registry);
    certificateReloads = reloads.labelValues("ok");
    certificateReloadFailures = reloads.labelValues("failed");
    Counter refused =
        Counter.builder()
            .name("winfleet_tls_certificate_refused_total")
            .help(
                "Certificates read from disk and refused because they are outside their validity"
                    + " period; the current one is kept.")
            .labelNames("reason")
            .register(registry);
    certificateExpired = refused.labelValues("expired");
    certificateNotYetValid = refused.labelValues("not_yet_valid");
    connectionsClosed =
        Counter.builder()
            .name("winfleet_connections_closed_total")
            .help(
                "Connections the server closed to protect itself, by reason (total, per_client,"
                    + " no_request).")
            .labelNames("reason")
            .register(registry);
    for (String reason : List.of("total", "per_client", "no_request")) {
      connectionsRefused.put(reason, connectionsClosed.labelValues(reason));
    }
  }

  /** Counts one real (not dry-run) admission request and how it was answered. */
  public void recordRequest(Endpoint endpoint, Verdict verdict) {
    requests[endpoint.ordinal()][verdict.ordinal()].inc();
  }

  /** Counts one dry-run request: kept apart so that dry runs do not look like admissions. */
  public void recordDryRun(Endpoint endpoint) {
    dryRunRequests[endpoint.ordinal()].inc();
  }

  /** Counts the findings behind one real decision, by rule id. */
  public void recordFindings(List<String> ruleIds) {
    for (String rule : ruleIds) {
      String key = rule;
      if (!findings.containsKey(key) && findings.size() >= MAX_RULE_LABELS) {
        key = "other";
      }
      findings.computeIfAbsent(key, findingsCounter::labelValues).inc();
    }
  }

  /** Records how long one admission request took, from its last byte to its answer. */
  public void recordLatency(Endpoint endpoint, long nanos) {
    latency[endpoint.ordinal()].observe(nanos / 1e9);
  }

  public void recordCertificateReload(boolean ok) {
    (ok ? certificateReloads : certificateReloadFailures).inc();
  }

  /**
   * Counts a certificate read from disk and refused because it is outside its validity period (also
   * counted as a failed reload).
   */
  public void recordCertificateRefused(boolean expired) {
    (expired ? certificateExpired : certificateNotYetValid).inc();
  }

  /**
   * Counts a connection the server closed to protect itself: {@code total} or {@code per_client}
   * limit reached, or {@code no_request} in time.
   */
  public void recordConnectionRefused(String reason) {
    connectionsRefused.computeIfAbsent(reason, connectionsClosed::labelValues).inc();
  }

  /** Real requests counted so far for one endpoint and verdict. */
  public long requests(Endpoint endpoint, Verdict verdict) {
    return (long) requests[endpoint.ordinal()][verdict.ordinal()].get();
  }

  public long dryRunRequests(Endpoint endpoint) {
    return (long) dryRunRequests[endpoint.ordinal()].get();
  }

  /** Findings counted so far for one rule id. */
  public long findings(String ruleId) {
    CounterDataPoint p = findings.get(ruleId);
    return p == null ? 0 : (long) p.get();
  }

  /** The metrics in Prometheus text format ({@link #CONTENT_TYPE}). */
  public String render(InventoryStatus inventory, Instant now) {
    MetricSnapshots.Builder all = MetricSnapshots.builder();
    registry.scrape().forEach(all::metricSnapshot);
    all.metricSnapshot(fleetNodes(inventory));
    all.metricSnapshot(
        gauge(
            "winfleet_inventory_synced",
            "1 when the fleet inventory is synced (the server is ready), else 0.",
            inventory.synced() ? 1 : 0));
    GaugeSnapshot.Builder age =
        GaugeSnapshot.builder()
            .name("winfleet_inventory_age_seconds")
            .help(
                "Seconds since the fleet inventory was last updated; absent before the first"
                    + " sync.");
    inventory
        .lastUpdatedAt()
        .ifPresent(
            t ->
                age.dataPoint(
                    GaugeSnapshot.GaugeDataPointSnapshot.builder()
                        .value(Math.max(0, Duration.between(t, now).toMillis()) / 1000.0)
                        .build()));
    all.metricSnapshot(age.build());
    for (MetricsSection section : sections) {
      for (MetricsSection.Family family : section.collect()) {
        all.metricSnapshot(snapshot(family));
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
    try {
      WRITER.write(out, all.build(), EscapingScheme.DEFAULT);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write metrics to memory", e);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  /** A section's family as the client's snapshot (a counter's name without its _total). */
  private static MetricSnapshot snapshot(MetricsSection.Family family) {
    if (family.type() == MetricsSection.Type.COUNTER) {
      CounterSnapshot.Builder b =
          CounterSnapshot.builder()
              .name(family.name().substring(0, family.name().length() - "_total".length()))
              .help(family.help());
      for (MetricsSection.Sample sample : family.samples()) {
        b.dataPoint(
            CounterSnapshot.CounterDataPointSnapshot.builder()
                .labels(labels(sample))
                .value(sample.value())
                .build());
      }
      return b.build();
    }
    GaugeSnapshot.Builder b = GaugeSnapshot.builder().name(family.name()).help(family.help());
    for (MetricsSection.Sample sample : family.samples()) {
      b.dataPoint(
          GaugeSnapshot.GaugeDataPointSnapshot.builder()
              .labels(labels(sample))
              .value(sample.value())
              .build());
    }
    return b.build();
  }

  private static Labels labels(MetricsSection.Sample sample) {
    Labels.Builder b = Labels.builder();
    sample.labels().forEach(b::label);
    return b.build();
  }

  private static GaugeSnapshot fleetNodes(InventoryStatus inventory) {
    Map<List<String>, Integer> groups =
        new TreeMap<>(java.util.Comparator.comparing(List::toString));
    for (NodeGroup g : inventory.nodes()) {
      groups.merge(List.of(g.os(), g.build()), g.count(), Integer::sum);
    }
    GaugeSnapshot.Builder b =
        GaugeSnapshot.builder()
            .name("winfleet_fleet_nodes")
            .help("Nodes in the fleet inventory, by OS and build.");
    groups.forEach(
        (k, n) ->
            b.dataPoint(
                GaugeSnapshot.GaugeDataPointSnapshot.builder()
                    .labels(Labels.of("os", k.get(0), "build", k.get(1)))
                    .value(n)
                    .build()));
    return b.build();
  }

  private static GaugeSnapshot gauge(String name, String help, double value) {
    return GaugeSnapshot.builder()
        .name(name)
        .help(help)
        .dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().value(value).build())
        .build();
  }
}
