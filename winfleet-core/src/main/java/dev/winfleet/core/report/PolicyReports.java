package dev.winfleet.core.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.winfleet.core.rules.Finding;
import dev.winfleet.core.rules.RuleCatalog;
import dev.winfleet.core.rules.RuleMetadata;
import dev.winfleet.core.rules.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The one mapping from winfleet's findings to {@code wgpolicyk8s.io/v1alpha2} PolicyReports and
 * ClusterPolicyReports, the format Kyverno writes and Policy Reporter, Headlamp and others read.
 * {@code winfleet check --format policyreport} and the audit controller in {@code winfleet serve}
 * both call it, so CI and the cluster agree.
 *
 * <p>Pure: the caller gives the time of the evaluation.
 *
 * <ul>
 *   <li>{@code policy} and {@code rule} are the rule id, {@code category} its catalog category,
 *       {@code source} is {@code winfleet}.
 *   <li>An error finding is {@code result: fail, severity: high}; a warning is {@code warn,
 *       medium}; an info finding is {@code warn, info}.
 *   <li>{@code properties} carry the fix, the container and the field path (JSON Pointer).
 *   <li>Only findings are listed: an object without findings has no result (no {@code pass}
 *       results, which would multiply a report's size by the number of rules).
 * </ul>
 *
 * <p>Reports are bounded: each serialises to at most {@link Limits#maxBytes()} bytes of JSON
 * (default 1 MiB, under the 1.5 MiB etcd accepts by default for one object). A namespace's results
 * are split over parts named {@code winfleet}, {@code winfleet-2}, ... up to {@link
 * Limits#maxParts()}; what does not fit then is left out and the last part ends with a {@code skip}
 * result that says how many results were left out. Every part's {@code summary} counts its own
 * results.
 */
public final class PolicyReports {

  public static final String API_VERSION = "wgpolicyk8s.io/v1alpha2";
  public static final String KIND = "PolicyReport";
  public static final String CLUSTER_KIND = "ClusterPolicyReport";
  public static final String SOURCE = "winfleet";

  /** The name of a namespace's first report part and of the cluster report. */
  public static final String NAME = "winfleet";

  /** Every report winfleet writes carries this label, so it can list (and prune) its own. */
  public static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";

  public static final String PART_LABEL = "winfleet.dev/report-part";

  /** The rule id of the result that says a report was truncated. */
  public static final String TRUNCATED_RULE = "report-truncated";

  /** Messages longer than this are cut: one result must never dominate a report. */
  static final int MAX_MESSAGE_CHARS = 2048;

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * How large reports may grow.
   *
   * @param maxBytes the largest JSON serialisation of one report object
   * @param maxParts the most report objects per namespace
   */
  public record Limits(int maxBytes, int maxParts) {
    /** 1 MiB per object (etcd's default limit is 1.5 MiB), at most 10 parts per namespace. */
    public static final Limits DEFAULT = new Limits(1024 * 1024, 10);

    public Limits {
      if (maxBytes < 8 * 1024) {
        throw new IllegalArgumentException("maxBytes must be at least 8 KiB: " + maxBytes);
      }
      if (maxParts < 1) {
        throw new IllegalArgumentException("maxParts must be at least 1: " + maxParts);
      }
    }
  }

  /**
   * One finding with the object it is about, ready to become a report result.
   *
   * @param object null for findings about no object (a file's syntax)
   * @param found when it was found; null for the time of the whole evaluation
   */
  public record Entry(Finding finding, ReportedObject object, Instant found) {
    public Entry {
      Objects.requireNonNull(finding, "finding");
    }

    public Entry(Finding finding, ReportedObject object) {
      this(finding, object, null);
    }
  }

  private PolicyReports() {}

  /** The report result of one finding. */
  public static Map<String, Object> result(
      Finding f, ReportedObject object, RuleCatalog catalog, Instant evaluated) {
    Objects.requireNonNull(f, "finding");
    Objects.requireNonNull(evaluated, "evaluated");
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("policy", f.rule());
    r.put("rule", f.rule());
    r.put("category", catalog.rule(f.rule()).map(RuleMetadata::category).orElse("winfleet"));
    r.put("result", f.severity() == Severity.ERROR ? "fail" : "warn");
    r.put("severity", severity(f.severity()));
    r.put("scored", true);
    r.put("source", SOURCE);
    r.put("message", clip(f.message()));
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("fix", clip(f.fix()));
    if (f.container() != null) {
      properties.put("container", f.container());
    }
    properties.put("path", f.path().toPointer());
    if (f.file() != null) {
      properties.put("file", f.file());
      if (f.line() > 0) {
        properties.put("line", Integer.toString(f.line()));
      }
    }
    r.put("properties", properties);
    if (object != null) {
      r.put("resources", List.of(object.toReference()));
    }
    r.put("timestamp", timestamp(evaluated));
    return r;
  }

  /** The PolicyReport severity of a winfleet severity. */
  public static String severity(Severity s) {
    return switch (s) {
      case ERROR -> "high";
      case WARNING -> "medium";
      case INFO -> "info";
    };
  }

  /**
   * The results of a set of findings, in a stable order: failures first, then by object and rule.
   */
  public static List<Map<String, Object>> results(
      List<Entry> entries, RuleCatalog catalog, Instant evaluated) {
    List<Entry> sorted = new ArrayList<>(entries);
    sorted.sort(ENTRY_ORDER);
    List<Map<String, Object>> out = new ArrayList<>(sorted.size());
    for (Entry e : sorted) {
      out.add(result(e.finding(), e.object(), catalog, e.found() == null ? evaluated : e.found()));
    }
    return out;
  }

  private static final Comparator<Entry> ENTRY_ORDER =
      Comparator.<Entry>comparingInt(e -> e.finding().severity().ordinal())
          .thenComparing(e -> e.object() == null ? "" : e.object().kind())
          .thenComparing(e -> e.object() == null ? "" : e.object().name())
          .thenComparing(e -> e.finding().rule())
          .thenComparing(e -> e.finding().container() == null ? "" : e.finding().container())
          .thenComparing(e -> e.finding().path().toString());

  /**
   * The PolicyReports of one namespace: one part, or several when the results do not fit in one
   * object. Always at least one part (with no results when there are none), so that a namespace
   * whose findings are fixed gets an empty report rather than a stale one.
   */
  public static List<Map<String, Object>> namespaced(
      String namespace, List<Map<String, Object>> results, Limits limits, Instant evaluated) {
    Objects.requireNonNull(namespace, "namespace");
    return parts(KIND, namespace, results, limits, evaluated);
  }

  /** The ClusterPolicyReports of results that belong to no namespace. */
  public static List<Map<String, Object>> cluster(
      List<Map<String, Object>> results, Limits limits, Instant evaluated) {
    return parts(CLUSTER_KIND, null, results, limits, evaluated);
  }

  /** The name of a report part: {@code winfleet}, {@code winfleet-2}, ... */
  public static String partName(int part) {
    return part == 1 ? NAME : NAME + "-" + part;
  }

  /** The size of a value's JSON serialisation, in bytes. */
  public static int jsonBytes(Object value) {
    try {
      return JSON.writeValueAsBytes(value).length;
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a JSON value tree", e);
    }
  }

  private static List<Map<String, Object>> parts(
      String kind,
      String namespace,
      List<Map<String, Object>> results,
      Limits limits,
      Instant evaluated) {
    Objects.requireNonNull(limits, "limits");
    // The envelope of a part with a summary, and room for the truncation notice.
    int envelope = jsonBytes(report(kind, namespace, 99, List.of())) + 512;
    int notice = jsonBytes(notice(Integer.MAX_VALUE, limits, evaluated)) + 1;
    int budget = limits.maxBytes() - envelope;
    List<List<Map<String, Object>>> chunks = new ArrayList<>();
    List<Map<String, Object>> current = new ArrayList<>();
    int used = 0;
    int i = 0;
    for (; i < results.size(); i++) {
      Map<String, Object> r = results.get(i);
      int size = jsonBytes(r) + 1;
      int room = chunks.size() == limits.maxParts() - 1 ? budget - notice : budget;
      if (used + size > room) {
        if (chunks.size() == limits.maxParts() - 1 || current.isEmpty()) {
          break;
        }
        chunks.add(current);
        current = new ArrayList<>();
        used = 0;
        room = chunks.size() == limits.maxParts() - 1 ? budget - notice : budget;
        if (size > room) {
          break;
        }
      }
      current.add(r);
      used += size;
    }
    if (i < results.size()) {
      current.add(notice(results.size() - i, limits, evaluated));
    }
    chunks.add(current);
    List<Map<String, Object>> out = new ArrayList<>();
    for (int p = 0; p < chunks.size(); p++) {
      out.add(report(kind, namespace, p + 1, chunks.get(p)));
    }
    return out;
  }

  private static Map<String, Object> notice(int leftOut, Limits limits, Instant evaluated) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("policy", TRUNCATED_RULE);
    r.put("rule", TRUNCATED_RULE);
    r.put("category", "winfleet");
    r.put("result", "skip");
    r.put("severity", "info");
    r.put("scored", false);
    r.put("source", SOURCE);
    r.put(
        "message",
        leftOut
            + " more results are not listed: the reports of this scope are limited to "
            + limits.maxParts()
            + " objects of "
            + limits.maxBytes()
            + " bytes. The winfleet dashboard (/api/audit) and metrics count them all.");
    r.put("timestamp", timestamp(evaluated));
    return r;
  }

  private static Map<String, Object> report(
      String kind, String namespace, int part, List<Map<String, Object>> results) {
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("name", partName(part));
    if (namespace != null) {
      metadata.put("namespace", namespace);
    }
    Map<String, Object> labels = new LinkedHashMap<>();
    labels.put(MANAGED_BY_LABEL, SOURCE);
    labels.put(PART_LABEL, Integer.toString(part));
    metadata.put("labels", labels);
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("apiVersion", API_VERSION);
    report.put("kind", kind);
    report.put("metadata", metadata);
    report.put("summary", summary(results));
    report.put("results", List.copyOf(results));
    return report;
  }

  private static Map<String, Object> summary(List<Map<String, Object>> results) {
    Map<String, Object> s = new LinkedHashMap<>();
    for (String k : List.of("pass", "fail", "warn", "error", "skip")) {
      s.put(k, 0);
    }
    for (Map<String, Object> r : results) {
      s.merge(String.valueOf(r.get("result")), 1, (a, b) -> (Integer) a + (Integer) b);
    }
    return s;
  }

  private static Map<String, Object> timestamp(Instant t) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("seconds", t.getEpochSecond());
    m.put("nanos", 0);
    return m;
  }

  private static String clip(String s) {
    return s.length() <= MAX_MESSAGE_CHARS ? s : s.substring(0, MAX_MESSAGE_CHARS - 1) + "…";
  }
}
