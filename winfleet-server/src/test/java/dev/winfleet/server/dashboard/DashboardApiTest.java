package dev.winfleet.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.winfleet.core.compat.CompatibilityEngine;
import dev.winfleet.core.fleet.FleetNode;
import dev.winfleet.server.Endpoint;
import dev.winfleet.server.HttpRoutes;
import dev.winfleet.server.RecentVerdicts;
import dev.winfleet.server.Verdict;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DashboardApiTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final DashboardModel model = DashboardFixture.model();
  private final DashboardApi api =
      new DashboardApi(() -> model, PlacementUpgradeSimulator.builtIn());
  private final RecentVerdicts verdicts = new RecentVerdicts(10);

  private HttpRoutes.Reply get(String path, String... params) {
    Map<String, List<String>> query = new LinkedHashMap<>();
    for (int i = 0; i < params.length; i += 2) {
      query.computeIfAbsent(params[i], k -> new ArrayList<>()).add(params[i + 1]);
    }
    return api.handle(new HttpRoutes.Request(path, query, verdicts));
  }

  private static JsonNode json(HttpRoutes.Reply reply) {
    try {
      return JSON.readTree(reply.body());
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private JsonNode ok(String path, String... params) {
    HttpRoutes.Reply reply = get(path, params);
    assertThat(reply.status()).as(new String(reply.body())).isEqualTo(200);
    assertThat(reply.contentType()).startsWith("application/json");
    return json(reply);
  }

  @Test
  void fleetGroupsNodesByOsBuildKubeletAndRuntime() {
    JsonNode fleet = ok("/api/fleet");
    assertThat(fleet.at("/summary/nodes").asInt()).isEqualTo(4);
    assertThat(fleet.at("/summary/windows").asInt()).isEqualTo(3);
    assertThat(fleet.at("/summary/windowsBuilds").toString())
        .isEqualTo("[\"10.0.17763\",\"10.0.20348\"]");
    JsonNode groups = fleet.get("groups");
    assertThat(groups).hasSize(3);
    JsonNode ws2019 = groups.get(1);
    assertThat(ws2019.get("os").asText()).isEqualTo("windows");
    assertThat(ws2019.get("build").asText()).isEqualTo("10.0.17763");
    assertThat(ws2019.get("release").asText()).isEqualTo("Windows Server 2019");
    assertThat(ws2019.get("kubelet").asText()).isEqualTo("v1.31.2");
    assertThat(ws2019.get("runtime").asText()).isEqualTo("containerd://1.7.20");
    assertThat(ws2019.get("nodes")).hasSize(2);
    JsonNode node = ws2019.get("nodes").get(0);
    assertThat(node.get("name").asText()).isEqualTo("win19-a");
    assertThat(node.get("taints").toString()).isEqualTo("[\"os=windows:NoSchedule\"]");
    assertThat(node.get("cpu").asText()).isEqualTo("4");
    assertThat(node.get("memory").asText()).isEqualTo("16.0 GiB");
    assertThat(fleet.get("upgradeTargets").findValuesAsText("id"))
        .contains("ltsc2019", "ltsc2022", "ltsc2025")
        .doesNotContain("1709");
  }

  @Test
  void matrixHasTheFleetsBuildsAsColumnsAndEveryImageInUseAsRows() {
    JsonNode matrix = ok("/api/matrix");
    assertThat(matrix.get("columns").findValuesAsText("label"))
        .containsExactly(
            "Linux", "Windows Server 2019 (10.0.17763)", "Windows Server 2022 (10.0.20348)");
    assertThat(matrix.get("rows").findValuesAsText("image"))
        .containsExactly(
            "mcr.microsoft.com/windows/servercore:ltsc2019",
            "mcr.microsoft.com/windows/servercore:ltsc2022",
            "docker.io/library/nginx:1.27",
            "microsoft/iis:windowsservercore-1709");
    JsonNode ltsc2019 = matrix.get("rows").get(0);
    assertThat(ltsc2019.get("cells").findValuesAsText("mode"))
        .containsExactly("none", "process", "hyperv-only");
    assertThat(ltsc2019.get("workloads").toString()).isEqualTo("[\"legacy/Deployment/app2019\"]");
    JsonNode hyperv = ltsc2019.get("cells").get(2);
    assertThat(hyperv.get("reason").asText())
        .contains("Process isolation:")
        .contains("Hyper-V isolation:");
    assertThat(matrix.get("rows").get(3).get("cells").findValuesAsText("mode"))
        .containsExactly("none", "hyperv-only", "hyperv-only");
  }

  @Test
  void everyProcessCellAgreesWithThePlacementEnginesAnswer() {
    CompatibilityEngine engine = CompatibilityEngine.builtIn();
    ImageBuildMatrix matrix = model.matrix();
    for (ImageBuildMatrix.Row row : matrix.rows()) {
      for (int i = 0; i < matrix.columns().size(); i++) {
        ImageBuildMatrix.Column column = matrix.columns().get(i);
        boolean runs = row.profile().runsOn(column.host(), engine).orElse(false);
        assertThat(row.cells().get(i).mode() == ImageBuildMatrix.Mode.PROCESS)
            .as(row.image() + " on " + column.label())
            .isEqualTo(runs);
      }
    }
  }

  @Test
  void workloadsCarryTheRulesEnginesFindings() {
    JsonNode all = ok("/api/workloads");
    assertThat(all.at("/counts/workloads").asInt()).isEqualTo(4);
    assertThat(all.get("workloads").findValuesAsText("id"))
        .containsExactly(
            "legacy/Deployment/app2019",
            "web/Deployment/pinned2022",
            "web/Deployment/nginx",
            "default/Pod/old-iis");
    assertThat(all.at("/facets/namespaces").toString())
        .isEqualTo("[\"default\",\"legacy\",\"web\"]");
    assertThat(all.at("/facets/rules").findValuesAsText("id"))
        .contains("windows-build-unpinned", "deprecated-os-label", "no-compatible-node");
    JsonNode finding = all.get("workloads").get(0).get("findings").get(0);
    assertThat(finding.fieldNames())
        .toIterable()
        .contains("rule", "severity", "file", "line", "container", "path", "message", "fix");
  }

  @Test
  void filtersBySeverityRuleAndNamespaceChangeTheRows() {
    JsonNode errors = ok("/api/workloads", "severity", "error");
    assertThat(errors.get("workloads").findValuesAsText("id"))
        .containsExactly("default/Pod/old-iis");
    assertThat(errors.get("workloads").findValuesAsText("severity")).containsOnly("error");
    assertThat(errors.at("/counts/warning").asInt()).isZero();

    JsonNode unpinned = ok("/api/workloads", "rule", "windows-build-unpinned");
    assertThat(unpinned.get("workloads").findValuesAsText("id"))
        .containsExactly("legacy/Deployment/app2019");

    JsonNode web = ok("/api/workloads", "namespace", "web");
    assertThat(web.get("workloads").findValuesAsText("namespace")).containsOnly("web");
    assertThat(web.at("/counts/workloads").asInt()).isEqualTo(2);
    assertThat(web.at("/facets/namespaces")).hasSize(3);

    JsonNode none = ok("/api/workloads", "namespace", "nowhere");
    assertThat(none.get("workloads")).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({
    "/api/workloads, severity, fatal, severity: 'fatal' is not a severity",
    "/api/workloads, rule, no-such-rule, rule: 'no-such-rule' is not a winfleet rule",
    "/api/workloads, namespace, Bad_NS, namespace: 'Bad_NS' is not a Kubernetes namespace name",
    "/api/verdicts, limit, 0, limit: '0' is not a number from 1 to 200",
    "/api/verdicts, limit, many, limit: 'many' is not a number from 1 to 200",
  })
  void badFiltersAre400sNamingTheParameterAndTheFix(
      String path, String param, String value, String error) {
    HttpRoutes.Reply reply = get(path, param, value);
    assertThat(reply.status()).isEqualTo(400);
    JsonNode body = json(reply);
    assertThat(body.get("error").asText()).isEqualTo(error);
    assertThat(body.get("fix").asText()).contains(param + "=");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "|ltsc2022|nodes: missing",
        "nope|ltsc2022|nodes: no node named 'nope' in the fleet",
        "lin-a|ltsc2022|nodes: 'lin-a' is not a Windows node",
        "win19-a||to: missing",
        "win19-a|ltsc2099|to: 'ltsc2099' is not a Windows release winfleet knows",
        "win19-a|win11-22h2|to: Windows 11, version 22H2 is not a Windows Server release",
      })
  void badSimulationParametersAre400s(String nodes, String to, String error) {
    List<String> params = new ArrayList<>();
    if (nodes != null) {
      params.addAll(List.of("nodes", nodes));
    }
    if (to != null) {
      params.addAll(List.of("to", to));
    }
    HttpRoutes.Reply reply = get("/api/simulate", params.toArray(String[]::new));
    assertThat(reply.status()).isEqualTo(400);
    JsonNode body = json(reply);
    assertThat(body.get("error").asText()).startsWith(error);
    assertThat(body.get("fix").asText()).isNotBlank();
  }

  @Test
  void simulationAnswersWithOutcomesPerWorkload() {
    JsonNode s = ok("/api/simulate", "nodes", "win19-a,win19-b", "to", "ltsc2022");
    assertThat(s.at("/target/name").asText()).isEqualTo("Windows Server 2022");
    assertThat(s.at("/target/build").asText()).isEqualTo("10.0.20348");
    assertThat(s.get("nodes").findValuesAsText("name")).containsExactly("win19-a", "win19-b");
    assertThat(s.at("/summary/breaks").asInt()).isEqualTo(1);
    JsonNode first = s.get("workloads").get(0);
    assertThat(first.get("workload").asText()).isEqualTo("legacy/Deployment/app2019");
    assertThat(first.get("outcome").asText()).isEqualTo("breaks");
    assertThat(first.get("newFindings").findValuesAsText("rule")).contains("no-compatible-node");
    assertThat(first.fieldNames())
        .toIterable()
        .contains("before", "after", "buildsBefore", "buildsAfter", "reason", "goneFindings");
  }

  @Test
  void verdictsAreNewestFirstAndLimited() {
    for (int i = 0; i < 3; i++) {
      verdicts.add(
          new RecentVerdicts.Entry(
              Instant.parse("2025-01-01T00:00:0" + i + "Z"),
              Endpoint.VALIDATE,
              "uid-" + i,
              "Pod",
              "web",
              "p" + i,
              i == 2 ? Verdict.DENIED : Verdict.ALLOWED,
              i == 2 ? "no node runs it" : ""));
    }
    JsonNode all = ok("/api/verdicts");
    assertThat(all.get("verdicts").findValuesAsText("name")).containsExactly("p2", "p1", "p0");
    assertThat(all.get("verdicts").get(0).get("verdict").asText()).isEqualTo("denied");
    assertThat(all.get("verdicts").get(0).get("message").asText()).isEqualTo("no node runs it");
    assertThat(all.get("total").asInt()).isEqualTo(3);
    assertThat(ok("/api/verdicts", "limit", "1").get("verdicts")).hasSize(1);
  }

  @Test
  void unknownEndpointsAre404sListingTheRealOnes() {
    HttpRoutes.Reply reply = get("/api/nodes");
    assertThat(reply.status()).isEqualTo(404);
    assertThat(json(reply).get("fix").asText()).contains("/api/fleet", "/api/simulate");
  }

  @Test
  void theModelKeepsTheLineOfEachWorkload() {
    assertThat(model.workloads()).extracting(Workload::line).doesNotContain(0);
    assertThat(model.fleet().nodes()).extracting(FleetNode::name).contains("win19-a");
  }
}
