package dev.winfleet.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.winfleet.core.fleet.Fleet;
import dev.winfleet.core.fleet.FleetObjects;
import dev.winfleet.core.image.ImageMetadataSource;
import dev.winfleet.core.manifest.FieldPath;
import dev.winfleet.core.manifest.ManifestFile;
import dev.winfleet.core.manifest.ManifestObject;
import dev.winfleet.core.manifest.ManifestReader;
import dev.winfleet.core.manifest.ObjectRef;
import dev.winfleet.core.manifest.YamlFormat;
import dev.winfleet.core.rules.CheckEnvironment;
import dev.winfleet.core.rules.Finding;
import dev.winfleet.core.rules.RuleSelection;
import dev.winfleet.core.rules.RulesEngine;
import dev.winfleet.core.rules.Severity;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PolicyReportsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
  private static final RulesEngine ENGINE = RulesEngine.builtIn();

  private static final String FLEET =
      """
      apiVersion: v1
      kind: Node
      metadata:
        name: win22-1
        labels: {kubernetes.io/os: windows, kubernetes.io/arch: amd64,
                 node.kubernetes.io/windows-build: 10.0.20348}
      status:
        nodeInfo: {operatingSystem: windows, architecture: amd64,
                   kernelVersion: 10.0.20348.2762, kubeletVersion: v1.30.4}
      """;

  private static final String WORKLOAD =
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: iis, namespace: web, uid: 5b1c-0001}
      spec:
        template:
          spec:
            nodeSelector: {kubernetes.io/os: windows}
            containers:
            - name: iis
              image: mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2019
      """;

  private static Fleet fleet() {
    ManifestFile f = ManifestReader.defaults().read("fleet.yaml", FLEET);
    return FleetObjects.fromObjects(f.objects());
  }

  private static List<PolicyReports.Entry> entries() {
    ManifestObject o = ManifestReader.defaults().read("web.yaml", WORKLOAD).objects().get(0);
    CheckEnvironment env =
        CheckEnvironment.of(fleet(), ImageMetadataSource.tagHints(), RuleSelection.ALL);
    List<PolicyReports.Entry> out = new ArrayList<>();
    for (Finding f : ENGINE.check(o, env)) {
      out.add(new PolicyReports.Entry(f, ReportedObject.of(o)));
    }
    return out;
  }

  /** The v1alpha2 schema of a vendored CRD, strict about unknown fields as pruning would be. */
  private static Schema schema(String file) throws Exception {
    try (InputStream in = PolicyReportsTest.class.getResourceAsStream("/policyreport/" + file)) {
      JsonNode crd = YamlFormat.mapper().readTree(in);
      JsonNode v1alpha2 = null;
      for (JsonNode v : crd.path("spec").path("versions")) {
        if (v.path("name").asText().equals("v1alpha2")) {
          v1alpha2 = v.path("schema").path("openAPIV3Schema");
        }
      }
      assertThat(v1alpha2).as("v1alpha2 in " + file).isNotNull();
      JsonNode strict = v1alpha2.deepCopy();
      closeObjects(strict);
      return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4).getSchema(strict);
    }
  }

  /**
   * Closes every object schema ({@code additionalProperties: false} where the CRD leaves it open),
   * walking the schema's structure: the keys of a {@code properties} map are field names (the
   * report's results have a field named "properties"), its values are schemas.
   */
  private static void closeObjects(JsonNode schema) {
    if (!schema.isObject()) {
      return;
    }
    ObjectNode o = (ObjectNode) schema;
    JsonNode fields = o.get("properties");
    if (fields != null && fields.isObject()) {
      if (!o.has("additionalProperties")) {
        o.put("additionalProperties", false);
      }
      fields.elements().forEachRemaining(PolicyReportsTest::closeObjects);
    }
    for (String key : List.of("items", "additionalProperties")) {
      JsonNode sub = o.get(key);
      if (sub != null && sub.isObject()) {
        closeObjects(sub);
      }
    }
    for (String key : List.of("allOf", "anyOf", "oneOf")) {
      JsonNode subs = o.get(key);
      if (subs != null && subs.isArray()) {
        subs.forEach(PolicyReportsTest::closeObjects);
      }
    }
  }

  private static List<Error> validate(Schema schema, Object report) {
    return schema.validate(JSON.valueToTree(report));
  }

  @Test
  void anErrorFindingBecomesAFailResultThatTheUpstreamSchemaAccepts() throws Exception {
    List<PolicyReports.Entry> entries = entries();
    assertThat(entries).extracting(e -> e.finding().rule()).contains("no-compatible-node");
    List<Map<String, Object>> reports =
        PolicyReports.namespaced(
            "web",
            PolicyReports.results(entries, ENGINE.catalog(), NOW),
            PolicyReports.Limits.DEFAULT,
            NOW);

    assertThat(reports).hasSize(1);
    JsonNode report = JSON.valueToTree(reports.get(0));
    assertThat(report.path("apiVersion").asText()).isEqualTo("wgpolicyk8s.io/v1alpha2");
    assertThat(report.path("metadata").path("name").asText()).isEqualTo("winfleet");
    assertThat(report.path("metadata").path("namespace").asText()).isEqualTo("web");
    JsonNode first = report.path("results").get(0);
    assertThat(first.path("policy").asText()).isEqualTo("no-compatible-node");
    assertThat(first.path("result").asText()).isEqualTo("fail");
    assertThat(first.path("severity").asText()).isEqualTo("high");
    assertThat(first.path("source").asText()).isEqualTo("winfleet");
    assertThat(first.path("resources").get(0).path("uid").asText()).isEqualTo("5b1c-0001");
    assertThat(first.path("resources").get(0).path("apiVersion").asText()).isEqualTo("apps/v1");
    assertThat(first.path("properties").path("fix").asText()).isNotBlank();
    assertThat(first.path("timestamp").path("seconds").asLong()).isEqualTo(NOW.getEpochSecond());
    assertThat(report.path("summary").path("fail").asInt())
        .isEqualTo(
            (int) entries.stream().filter(e -> e.finding().severity() == Severity.ERROR).count());
    assertThat(validate(schema("wgpolicyk8s.io_policyreports.yaml"), reports.get(0))).isEmpty();
  }

  @Test
  void theClusterReportValidatesAgainstTheClusterPolicyReportSchema() throws Exception {
    Finding fileProblem =
        new Finding(
            "yaml-syntax",
            Severity.ERROR,
            "broken.yaml",
            3,
            1,
            null,
            null,
            FieldPath.root(),
            "broken",
            "fix it");
    List<Map<String, Object>> reports =
        PolicyReports.cluster(
            PolicyReports.results(
                List.of(new PolicyReports.Entry(fileProblem, null)), ENGINE.catalog(), NOW),
            PolicyReports.Limits.DEFAULT,
            NOW);
    assertThat(reports).hasSize(1);
    assertThat(reports.get(0)).containsEntry("kind", "ClusterPolicyReport");
    assertThat(validate(schema("wgpolicyk8s.io_clusterpolicyreports.yaml"), reports.get(0)))
        .isEmpty();
  }

  @Test
  void theSchemaCheckCatchesAFieldTheApiServerWouldDrop() throws Exception {
    Map<String, Object> report =
        PolicyReports.namespaced("web", List.of(), PolicyReports.Limits.DEFAULT, NOW).get(0);
    Map<String, Object> bad = new java.util.LinkedHashMap<>(report);
    bad.put("findings", List.of());
    assertThat(validate(schema("wgpolicyk8s.io_policyreports.yaml"), bad)).isNotEmpty();
  }

  @Test
  void manyResultsAreSplitIntoPartsThatEachStayUnderTheLimitAndAreCountedInTheirSummaries()
      throws Exception {
    PolicyReports.Limits limits = new PolicyReports.Limits(64 * 1024, 3);
    List<PolicyReports.Entry> many = new ArrayList<>();
    for (int i = 0; i < 5_000; i++) {
      Finding f =
          new Finding(
              "no-compatible-node",
              Severity.ERROR,
              null,
              0,
              0,
              new ObjectRef("Deployment", "app-" + i, "web"),
              "app",
              FieldPath.of("spec", "template", "spec", "containers"),
              "No node can run app-" + i + " ".repeat(100),
              "Rebuild it.");
      many.add(new PolicyReports.Entry(f, ReportedObject.of(f.object())));
    }
    List<Map<String, Object>> results = PolicyReports.results(many, ENGINE.catalog(), NOW);
    List<Map<String, Object>> reports = PolicyReports.namespaced("web", results, limits, NOW);

    assertThat(reports).hasSize(3);
    Schema schema = schema("wgpolicyk8s.io_policyreports.yaml");
    int listed = 0;
    for (int p = 0; p < reports.size(); p++) {
      Map<String, Object> r = reports.get(p);
      assertThat(PolicyReports.jsonBytes(r)).isLessThanOrEqualTo(limits.maxBytes());
      assertThat(validate(schema, r)).isEmpty();
      JsonNode node = JSON.valueToTree(r);
      assertThat(node.path("metadata").path("name").asText())
          .isEqualTo(p == 0 ? "winfleet" : "winfleet-" + (p + 1));
      int fails = 0;
      for (JsonNode res : node.path("results")) {
        if (res.path("result").asText().equals("fail")) {
          fails++;
        }
      }
      assertThat(node.path("summary").path("fail").asInt()).isEqualTo(fails);
      listed += fails;
    }
    JsonNode last = JSON.valueToTree(reports.get(2)).path("results");
    JsonNode notice = last.get(last.size() - 1);
    assertThat(notice.path("result").asText()).isEqualTo("skip");
    assertThat(notice.path("message").asText()).startsWith((5_000 - listed) + " more results");
    assertThat(JSON.valueToTree(reports.get(2)).path("summary").path("skip").asInt()).isEqualTo(1);
  }

  @Test
  void resultsThatFitStayInOnePart() {
    List<Map<String, Object>> results = PolicyReports.results(entries(), ENGINE.catalog(), NOW);
    assertThat(PolicyReports.namespaced("web", results, PolicyReports.Limits.DEFAULT, NOW))
        .hasSize(1)
        .allSatisfy(r -> assertThat(r.get("results")).isEqualTo(results));
  }
}
