package dev.winfleet.server;

import dev.winfleet.core.spi.InventoryStatus;
import dev.winfleet.core.spi.MetricsSection;
import dev.winfleet.core.spi.NodeGroup;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The webhook's Prometheus metrics, written by hand in the text exposition format (version 0.0.4).
 * Recording is a few {@link LongAdder} increments with no allocation for the fixed labels, so it
 * costs next to nothing on the request path; rendering happens only on {@code GET /metrics}.
 */
public final class WebhookMetrics {

  /** Upper bounds of the latency buckets, in seconds; the webhook times out at 5 s. */
  static final double[] LATENCY_BUCKETS = {
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5
  };

  /** Rule ids are a small catalog; beyond this many distinct ids, count under "other". */
  static final int MAX_RULE_LABELS = 256;

  private final LongAdder[][] requests =
      new LongAdder[Endpoint.values().length][Verdict.values().length];
  private final LongAdder[] dryRunRequests = new LongAdder[Endpoint.values().length];
  private final LongAdder[][] latencyBuckets =
      new LongAdder[Endpoint.values().length][LATENCY_BUCKETS.length + 1];
  private final LongAdder[] latencyCount = new LongAdder[Endpoint.values().length];
  private final LongAdder[] latencyNanos = new LongAdder[Endpoint.values().length];
  private final Map<String, LongAdder> findings = new ConcurrentHashMap<>();
  private final LongAdder certificateReloads = new LongAdder();
  private final LongAdder certificateReloadFailures = new LongAdder();
  private final LongAdder certificateExpired = new LongAdder();
  private final LongAdder certificateNotYetValid = new LongAdder();
  private final Map<String, LongAdder> connectionsRefused = new ConcurrentHashMap<>();
  private final List<MetricsSection> sections = new java.util.concurrent.CopyOnWriteArrayList<>();

  /** Adds a section to every later {@code GET /metrics}. */
  public void addSection(MetricsSection section) {
    sections.add(java.util.Objects.requireNonNull(section, "section"));
  }

  public WebhookMetrics() {
    for (Endpoint e : Endpoint.values()) {
      for (Verdict v : Verdict.values()) {
        requests[e.ordinal()][v.ordinal()] = new LongAdder();
      }
      for (int b = 0; b <= LATENCY_BUCKETS.length; b++) {
        latencyBuckets[e.ordinal()][b] = new LongAdder();
      }
      dryRunRequests[e.ordinal()] = new LongAdder();
      latencyCount[e.ordinal()] = new LongAdder();
      latencyNanos[e.ordinal()] = new LongAdder();
    }
  }

  /** Counts one real (not dry-run) admission request and how it was answered. */
  public void recordRequest(Endpoint endpoint, Verdict verdict) {
    requests[endpoint.ordinal()][verdict.ordinal()].increment();
  }

  /** Counts one dry-run request: kept apart so that dry runs do not look like admissions. */
  public void recordDryRun(Endpoint endpoint) {
    dryRunRequests[endpoint.ordinal()].increment();
  }

  /** Counts the findings behind one real decision, by rule id. */
  public void recordFindings(List<String> ruleIds) {
    for (String rule : ruleIds) {
      String key = rule;
      if (!findings.containsKey(key) && findings.size() >= MAX_RULE_LABELS) {
        key = "other";
      }
      findings.computeIfAbsent(key, k -> new LongAdder()).increment();
    }
  }

  /** Records how long one admission request took, from its last byte to its answer. */
  public void recordLatency(Endpoint endpoint, long nanos) {
    double seconds = nanos / 1e9;
    int bucket = 0;
    while (bucket < LATENCY_BUCKETS.length && seconds > LATENCY_BUCKETS[bucket]) {
      bucket++;
    }
    latencyBuckets[endpoint.ordinal()][bucket].increment();
    latencyCount[endpoint.ordinal()].increment();
    latencyNanos[endpoint.ordinal()].add(nanos);
  }

  public void recordCertificateReload(boolean ok) {
    (ok ? certificateReloads : certificateReloadFailures).increment();
  }

  /**
   * Counts a certificate read from disk and refused because it is outside its validity period (also
   * counted as a failed reload).
   */
  public void recordCertificateRefused(boolean expired) {
    (expired ? certificateExpired : certificateNotYetValid).increment();
  }

  /**
   * Counts a connection the server closed to protect itself: {@code total} or {@code per_client}
   * limit reached, or {@code no_request} in time.
   */
  public void recordConnectionRefused(String reason) {
    connectionsRefused.computeIfAbsent(reason, r -> new LongAdder()).increment();
  }

  /** Real requests counted so far for one endpoint and verdict. */
  public long requests(Endpoint endpoint, Verdict verdict) {
    return requests[endpoint.ordinal()][verdict.ordinal()].sum();
  }

  public long dryRunRequests(Endpoint endpoint) {
    return dryRunRequests[endpoint.ordinal()].sum();
  }

  /** Findings counted so far for one rule id. */
  public long findings(String ruleId) {
    LongAdder a = findings.get(ruleId);
    return a == null ? 0 : a.sum();
  }

  /** The metrics in Prometheus text format. */
  public String render(InventoryStatus inventory, Instant now) {
    StringBuilder out = new StringBuilder(4096);
    MetricsSection.help(
        out,
        "winfleet_admission_requests_total",
        "counter",
        "Admission requests answered (dry runs excluded), by endpoint and verdict.");
    for (Endpoint e : Endpoint.values()) {
      for (Verdict v : Verdict.values()) {
        out.append("winfleet_admission_requests_total{endpoint=\"")
            .append(e.label())
            .append("\",verdict=\"")
            .append(v.label())
            .append("\"} ")
            .append(requests[e.ordinal()][v.ordinal()].sum())
            .append('\n');
      }
    }
    MetricsSection.help(
        out,
        "winfleet_admission_dry_run_requests_total",
        "counter",
        "Dry-run admission requests answered, by endpoint.");
    for (Endpoint e : Endpoint.values()) {
      out.append("winfleet_admission_dry_run_requests_total{endpoint=\"")
          .append(e.label())
          .append("\"} ")
          .append(dryRunRequests[e.ordinal()].sum())
          .append('\n');
    }
    MetricsSection.help(
        out,
        "winfleet_admission_findings_total",
        "counter",
        "Findings behind admission decisions (dry runs excluded), by rule.");
    Map<String, Long> sorted = new TreeMap<>();
    findings.forEach((k, v) -> sorted.put(k, v.sum()));
    sorted.forEach(
        (rule, n) ->
            out.append("winfleet_admission_findings_total{rule=\"")
                .append(MetricsSection.escape(rule))
                .append("\"} ")
                .append(n)
                .append('\n'));
    MetricsSection.help(
        out,
        "winfleet_admission_duration_seconds",
        "histogram",
        "Time from a request's last byte to its answer, by endpoint.");
    for (Endpoint e : Endpoint.values()) {
      long cumulative = 0;
      for (int b = 0; b <= LATENCY_BUCKETS.length; b++) {
        cumulative += latencyBuckets[e.ordinal()][b].sum();
        String le = b < LATENCY_BUCKETS.length ? number(LATENCY_BUCKETS[b]) : "+Inf";
        out.append("winfleet_admission_duration_seconds_bucket{endpoint=\"")
            .append(e.label())
            .append("\",le=\"")
            .append(le)
            .append("\"} ")
            .append(cumulative)
            .append('\n');
      }
      out.append("winfleet_admission_duration_seconds_sum{endpoint=\"")
          .append(e.label())
          .append("\"} ")
          .append(number(latencyNanos[e.ordinal()].sum() / 1e9))
          .append('\n');
      out.append("winfleet_admission_duration_seconds_count{endpoint=\"")
          .append(e.label())
          .append("\"} ")
          .append(latencyCount[e.ordinal()].sum())
          .append('\n');
    }
    MetricsSection.help(
        out, "winfleet_fleet_nodes", "gauge", "Nodes in the fleet inventory, by OS and build.");
    Map<String, Integer> groups = new TreeMap<>();
    for (NodeGroup g : inventory.nodes()) {
      groups.merge(
          "os=\""
              + MetricsSection.escape(g.os())
              + "\",build=\""
              + MetricsSection.escape(g.build())
              + "\"",
          g.count(),
          Integer::sum);
    }
    groups.forEach(
        (labels, n) ->
            out.append("winfleet_fleet_nodes{").append(labels).append("} ").append(n).append('\n'));
    MetricsSection.help(
        out,
        "winfleet_inventory_synced",
        "gauge",
        "1 when the fleet inventory is synced (the server is ready), else 0.");
    out.append("winfleet_inventory_synced ").append(inventory.synced() ? 1 : 0).append('\n');
    MetricsSection.help(
        out,
        "winfleet_inventory_age_seconds",
        "gauge",
        "Seconds since the fleet inventory was last updated; absent before the first sync.");
    inventory
        .lastUpdatedAt()
        .ifPresent(
            t ->
                out.append("winfleet_inventory_age_seconds ")
                    .append(number(Math.max(0, Duration.between(t, now).toMillis()) / 1000.0))
                    .append('\n'));
    MetricsSection.help(
        out,
        "winfleet_tls_certificate_reloads_total",
        "counter",
        "Serving certificate reloads from disk, by result.");
    out.append("winfleet_tls_certificate_reloads_total{result=\"ok\"} ")
        .append(certificateReloads.sum())
        .append('\n');
    out.append("winfleet_tls_certificate_reloads_total{result=\"failed\"} ")
        .append(certificateReloadFailures.sum())
        .append('\n');
    MetricsSection.help(
        out,
        "winfleet_tls_certificate_refused_total",
        "counter",
        "Certificates read from disk and refused because they are outside their validity period;"
            + " the current one is kept.");
    out.append("winfleet_tls_certificate_refused_total{reason=\"expired\"} ")
        .append(certificateExpired.sum())
        .append('\n');
    out.append("winfleet_tls_certificate_refused_total{reason=\"not_yet_valid\"} ")
        .append(certificateNotYetValid.sum())
        .append('\n');
    MetricsSection.help(
        out,
        "winfleet_connections_closed_total",
        "counter",
        "Connections the server closed to protect itself, by reason (total, per_client, no_request).");
    for (String reason : List.of("total", "per_client", "no_request")) {
      LongAdder n = connectionsRefused.get(reason);
      out.append("winfleet_connections_closed_total{reason=\"")
          .append(reason)
          .append("\"} ")
          .append(n == null ? 0 : n.sum())
          .append('\n');
    }
    for (MetricsSection section : sections) {
      section.render(out);
    }
    return out.toString();
  }

  private static String number(double d) {
    if (d == Math.rint(d) && Math.abs(d) < 1e15) {
      return Long.toString((long) d);
    }
    return java.math.BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
  }
}
