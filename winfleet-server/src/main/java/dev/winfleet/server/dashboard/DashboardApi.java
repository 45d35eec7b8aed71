package dev.winfleet.server.dashboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.winfleet.core.image.ImageReference;
import dev.winfleet.core.planning.Bandwidth;
import dev.winfleet.core.planning.ImageLayers;
import dev.winfleet.core.planning.PlanningException;
import dev.winfleet.core.planning.PrepullPlan;
import dev.winfleet.core.planning.PrepullPlanner;
import dev.winfleet.core.planning.PrepullRequest;
import dev.winfleet.core.rules.Finding;
import dev.winfleet.core.rules.Severity;
import dev.winfleet.server.HttpRoutes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The dashboard's JSON API under {@code /api/}: {@code fleet}, {@code matrix}, {@code workloads},
 * {@code verdicts} and {@code simulate}. Answers 200 with JSON, 400 with {@code {"error", "fix"}}
 * for bad parameters and 404 for unknown endpoints; never 500.
 */
public final class DashboardApi {

  static final String JSON = "application/json; charset=utf-8";
  static final List<String> ENDPOINTS =
      List.of(
          "/api/fleet",
          "/api/matrix",
          "/api/workloads",
          "/api/verdicts",
          "/api/simulate",
          "/api/audit",
          "/api/prepull");

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Pattern NAMESPACE = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
  private static final int MAX_VERDICTS = 200;

  private final Supplier<DashboardModel> model;
  private final UpgradeSimulator simulator;
  private final dev.winfleet.core.spi.AuditView audit;

  /**
   * @param model the current model; called once per request, so it may change between requests
   * @param simulator answers {@code /api/simulate}
   */
  public DashboardApi(Supplier<DashboardModel> model, UpgradeSimulator simulator) {
    this(model, simulator, dev.winfleet.core.spi.AuditView.NONE);
  }

  /**
   * @param audit the live cluster's audit, answered by {@code /api/audit}
   */
  public DashboardApi(
      Supplier<DashboardModel> model,
      UpgradeSimulator simulator,
      dev.winfleet.core.spi.AuditView audit) {
    this.model = Objects.requireNonNull(model, "model");
    this.simulator = Objects.requireNonNull(simulator, "simulator");
    this.audit = Objects.requireNonNull(audit, "audit");
  }

  /** Answers one GET under {@code /api/}. */
  public HttpRoutes.Reply handle(HttpRoutes.Request request) {
    try {
      DashboardModel m = model.get();
      ObjectNode body =
          switch (request.path()) {
            case "/api/fleet" -> DashboardJson.fleet(m);
            case "/api/matrix" -> DashboardJson.matrix(m);
            case "/api/workloads" -> workloads(m, request);
            case "/api/verdicts" -> verdicts(request);
            case "/api/simulate" -> simulate(m, request);
            case "/api/audit" -> DashboardJson.audit(audit);
            case "/api/prepull" -> prepull(m, request);
            default -> null;
          };
      if (body == null) {
        return reply(
            404,
            DashboardJson.error(
                "no such API endpoint: " + clip(request.path()),
                "use one of " + String.join(", ", ENDPOINTS)));
      }
      return reply(200, body);
    } catch (BadRequestException e) {
      return reply(400, DashboardJson.error(e.problem(), e.fix()));
    }
  }

  private static ObjectNode workloads(DashboardModel m, HttpRoutes.Request request) {
    String rule = blankToNull(request.param("rule"));
    String severityText = blankToNull(request.param("severity"));
    String namespace = blankToNull(request.param("namespace"));
    if (rule != null && !m.engine().catalog().contains(rule)) {
      throw new BadRequestException(
          "rule: '" + clip(rule) + "' is not a winfleet rule",
          "give a rule id as 'winfleet rules' lists them, e.g. rule=no-compatible-node, or leave"
              + " rule out");
    }
    Severity severity = null;
    if (severityText != null) {
      severity =
          Severity.parse(severityText)
              .orElseThrow(
                  () ->
                      new BadRequestException(
                          "severity: '" + clip(severityText) + "' is not a severity",
                          "give severity=error, severity=warning or severity=info"));
    }
    if (namespace != null && !NAMESPACE.matcher(namespace).matches()) {
      throw new BadRequestException(
          "namespace: '" + clip(namespace) + "' is not a Kubernetes namespace name",
          "give a lower-case DNS label such as namespace=default, or leave namespace out");
    }
    Severity wanted = severity;
    ObjectNode root = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    root.put("asOf", m.asOf().toString());
    ObjectNode filters = root.putObject("filters");
    filters.put("rule", rule);
    filters.put("severity", severity == null ? null : severity.label());
    filters.put("namespace", namespace);

    // Facets over everything, so that the choices do not shrink as filters are set.
    Map<String, Integer> rules = new TreeMap<>();
    Map<String, String> ruleSeverity = new TreeMap<>();
    Set<String> namespaces = new TreeSet<>();
    for (Workload w : m.workloads()) {
      namespaces.add(w.namespace());
      for (Finding f : w.findings()) {
        rules.merge(f.rule(), 1, Integer::sum);
        ruleSeverity.put(f.rule(), f.severity().label());
      }
    }
    for (Finding f : m.fileProblems()) {
      rules.merge(f.rule(), 1, Integer::sum);
      ruleSeverity.put(f.rule(), f.severity().label());
    }
    ObjectNode facets = root.putObject("facets");
    ArrayNode ruleList = facets.putArray("rules");
    rules.forEach(
        (id, count) ->
            ruleList
                .addObject()
                .put("id", id)
                .put("severity", ruleSeverity.get(id))
                .put("count", count));
    ArrayNode severities = facets.putArray("severities");
    for (Severity s : Severity.values()) {
      severities.add(s.label());
    }
    ArrayNode nsList = facets.putArray("namespaces");
    namespaces.forEach(nsList::add);

    boolean findingFilter = rule != null || wanted != null;
    int[] counts = new int[Severity.values().length];
    int findings = 0;
    ArrayNode list = root.putArray("workloads");
    for (Workload w : m.workloads()) {
      if (namespace != null && !namespace.equals(w.namespace())) {
        continue;
      }
      List<Finding> kept = new ArrayList<>();
      for (Finding f : w.findings()) {
        if ((rule == null || rule.equals(f.rule())) && (wanted == null || wanted == f.severity())) {
          kept.add(f);
          counts[f.severity().ordinal()]++;
        }
      }
      if (findingFilter && kept.isEmpty()) {
        continue;
      }
      findings += kept.size();
      list.add(DashboardJson.workload(m, w, kept));
    }
    ArrayNode problems = root.putArray("fileProblems");
    if (namespace == null) {
      for (Finding f : m.fileProblems()) {
        if ((rule == null || rule.equals(f.rule())) && (wanted == null || wanted == f.severity())) {
          problems.add(DashboardJson.finding(f));
          counts[f.severity().ordinal()]++;
          findings++;
        }
      }
    }
    ObjectNode totals = root.putObject("counts");
    totals.put("workloads", list.size());
    totals.put("findings", findings);
    for (Severity s : Severity.values()) {
      totals.put(s.label(), counts[s.ordinal()]);
    }
    return root;
  }

  private static ObjectNode verdicts(HttpRoutes.Request request) {
    String limitText = blankToNull(request.param("limit"));
    int limit = MAX_VERDICTS;
    if (limitText != null) {
      try {
        limit = Integer.parseInt(limitText.trim());
      } catch (NumberFormatException e) {
        limit = -1;
      }
      if (limit < 1 || limit > MAX_VERDICTS) {
        throw new BadRequestException(
            "limit: '" + clip(limitText) + "' is not a number from 1 to " + MAX_VERDICTS,
            "give limit=50, or leave limit out for all " + MAX_VERDICTS + " kept");
      }
    }
    return DashboardJson.verdicts(request.verdicts().snapshot(), limit);
  }

  private ObjectNode simulate(DashboardModel m, HttpRoutes.Request request) {
    UpgradeRequest upgrade =
        UpgradeRequest.parse(
            request.param("nodes"),
            request.param("to"),
            m.fleet(),
            m.engine().placement().compatibility().catalog());
    return DashboardJson.simulation(simulator.simulate(m, upgrade));
  }

  /**
   * {@code /api/prepull?nodeBandwidth=1Gbit/s&registryBandwidth=10Gbit/s}: the pre-pull planner's
   * plan for the workloads' images whose layers the model knows ({@code images=a,b} narrows them);
   * the others are listed as {@code missing}, never guessed.
   */
  private static ObjectNode prepull(DashboardModel m, HttpRoutes.Request request) {
    Bandwidth node = bandwidth("nodeBandwidth", request.param("nodeBandwidth"));
    Bandwidth registry = bandwidth("registryBandwidth", request.param("registryBandwidth"));
    Set<String> known = new HashSet<>();
    for (ImageLayers l : m.imageLayers()) {
      known.add(l.reference());
      ImageReference.tryParse(l.reference()).ifPresent(r -> known.add(r.toString()));
    }
    List<String> asked = new ArrayList<>();
    String imagesText = blankToNull(request.param("images"));
    if (imagesText == null) {
      asked.addAll(m.images().keySet());
    } else {
      for (String i : imagesText.split(",")) {
        if (!i.isBlank() && !asked.contains(i.trim())) {
          asked.add(i.trim());
        }
      }
    }
    List<String> wanted = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (String image : asked) {
      boolean found =
          known.contains(image)
              || ImageReference.tryParse(image)
                  .map(r -> known.contains(r.toString()))
                  .orElse(false);
      (found ? wanted : missing).add(image);
    }
    PrepullPlan plan = null;
    if (!wanted.isEmpty()) {
      try {
        plan =
            new PrepullPlanner(m.engine().placement().compatibility())
                .plan(new PrepullRequest(m.fleet(), wanted, m.imageLayers(), node, registry, 0));
      } catch (PlanningException e) {
        throw new BadRequestException(
            "images: " + e.getMessage(), "leave images out for every image with known layers");
      }
    }
    return DashboardJson.prepull(m, plan, wanted, missing);
  }

  private static Bandwidth bandwidth(String name, String text) {
    if (blankToNull(text) == null) {
      throw new BadRequestException(
          name + ": missing", "give " + name + "= a rate such as 1Gbit/s, 10Gbit/s or 500MB/s");
    }
    try {
      return Bandwidth.parse(text);
    } catch (PlanningException e) {
      throw new BadRequestException(
          name + ": " + clip(e.getMessage()), "give " + name + "=1Gbit/s");
    }
  }

  static HttpRoutes.Reply reply(int status, ObjectNode body) {
    try {
      return new HttpRoutes.Reply(
          status,
          JSON,
          MAPPER.writeValueAsBytes(body),
          Map.of("Cache-Control", "no-store", "X-Content-Type-Options", "nosniff"));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }

  static String clip(String s) {
    String t = s.replaceAll("\\p{Cntrl}", "?");
    return t.length() > 80 ? t.substring(0, 80) + "..." : t;
  }
}
