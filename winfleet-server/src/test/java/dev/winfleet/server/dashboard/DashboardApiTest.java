package dev.winfleet.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.winfleet.core.compat.CompatibilityEngine;
import dev.winfleet.core.fleet.FleetNode;
import dev.winfleet.core.fleet.ImageBuildMatrix;
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
  private final DashboardApi api = new DashboardApi(() -> model, UpgradeSimulator.builtIn());
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
  void auditSaysItIsOffWithoutACluster() {
    JsonNode audit = ok("/api/audit");
    assertThat(audit.path("enabled").asBoolean()).isFalse();
    assertThat(audit.path("lastEvaluation").isNull()).isTrue();
    assertThat(audit.path("objects").size()).isZero();
  }

  @Test
  void auditListsEachObjectWithItsFindingsAndWhenItWasJudged() {
    Workload w = model.workloads().get(0);
    Instant judged = Instant.parse("2026-12-01T10:00:00Z");
    dev.winfleet.core.spi.AuditView view =
        new dev.winfleet.core.spi.AuditView() {
          @Override
          public Status status() {
            return new Status(true, true, false, judged, 1, w.findings().size());
          }

          @Override
          public List<Audited> objects() {
            return List.of(new Audited(w.object(), w.findings(), judged));
          }
        };
    DashboardApi live = new DashboardApi(() -> model, UpgradeSimulator.builtIn(), view);
    JsonNode audit = json(live.handle(new HttpRoutes.Request("/api/audit", Map.of(), verdicts)));
    assertThat(audit.path("enabled").asBoolean()).isTrue();
    assertThat(audit.path("leader").asBoolean()).isFalse();
    assertThat(audit.path("lastEvaluation").asText()).isEqualTo("2026-12-01T10:00:00Z");
    assertThat(audit.at("/objects/0/name").asText()).isEqualTo(w.ref().name());
    assertThat(audit.at("/objects/0/evaluated").asText()).isEqualTo("2026-12-01T10:00:00Z");
    assertThat(audit.at("/objects/0/findings").size()).isEqualTo(w.findings().size());
    assertThat(audit.path("findingCount").asInt()).isEqualTo(w.findings().size());
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
    // 10.0.17763.6414 is the October 2024 update.
    assertThat(node.get("update").asText()).isEqualTo("2024-10-08 KB5044277");
    assertThat(node.get("patchAgeMonths").asInt()).isPositive();
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

  /*
   * Where each workload runs today, as the placement engine says: app2019 (servercore:ltsc2019,
   * tolerates the taint) on the two 2019 nodes only (process isolation needs the host's build);
   * pinned2022 on win22-a; nginx (Linux image) on lin-a, the only Linux node (the Windows nodes'
   * taint keeps it off them anyway); old-iis (a 1709 image without toleration) nowhere.
   */
  @Test
  void workloadsSayWhichNodesRunThemAndWhenTheDataIsFrom() {
    JsonNode all = ok("/api/workloads");
    Map<String, String> runsOn = new LinkedHashMap<>();
    for (JsonNode w : all.get("workloads")) {
      runsOn.put(w.get("id").asText(), w.get("runsOn").toString());
    }
    assertThat(runsOn)
        .containsExactly(
            Map.entry("legacy/Deployment/app2019", "[\"win19-a\",\"win19-b\"]"),
            Map.entry("web/Deployment/pinned2022", "[\"win22-a\"]"),
            Map.entry("web/Deployment/nginx", "[\"lin-a\"]"),
            Map.entry("default/Pod/old-iis", "[]"));
    String asOf = model.asOf().toString();
    assertThat(all.get("asOf").asText()).isEqualTo(asOf);
    assertThat(ok("/api/fleet").get("asOf").asText()).isEqualTo(asOf);
    assertThat(ok("/api/matrix").get("asOf").asText()).isEqualTo(asOf);
  }

  /*
   * Pre-pull, with layer sizes made up for the test (round numbers, not Microsoft's): the model
   * knows servercore:ltsc2019 only, one Windows 10.0.17763 platform of two layers, 1,000,000,000
   * and 100,000,000 bytes. It runs on win19-a and win19-b (the build's own platform); neither
   * holds a layer yet. At 1Gbit/s a node takes 1.1e9 / 1.25e8 = 8.8 s; the registry's 2Gbit/s
   * (2.5e8 B/s) feeds both at once: one wave, 0 to 8.8 s, 2.5e8 B/s. The other images in use
   * have no layer information: listed as missing, with the fix.
   */
  @Test
  void prepullPlansTheImagesWithKnownLayersAndListsTheOthers() {
    DashboardModel withLayers =
        model.withImageLayers(
            List.of(
                new dev.winfleet.core.planning.ImageLayers(
                    "mcr.microsoft.com/windows/servercore:ltsc2019",
                    null,
                    List.of(
                        new dev.winfleet.core.planning.ImageLayers.PlatformLayers(
                            new dev.winfleet.core.compat.ImagePlatform(
                                dev.winfleet.core.compat.OsFamily.WINDOWS,
                                "amd64",
                                dev.winfleet.core.version.OsVersion.parseNumeric("10.0.17763.6414")
                                    .orElseThrow(),
                                List.of()),
                            null,
                            List.of(
                                new dev.winfleet.core.planning.ImageLayers.Layer(
                                    "sha256:" + "a".repeat(64), 1_000_000_000L, false, List.of()),
                                new dev.winfleet.core.planning.ImageLayers.Layer(
                                    "sha256:" + "b".repeat(64),
                                    100_000_000L,
                                    false,
                                    List.of())))))));
    DashboardApi prepull = new DashboardApi(() -> withLayers, UpgradeSimulator.builtIn());
    Map<String, List<String>> query = new LinkedHashMap<>();
    query.put("nodeBandwidth", List.of("1Gbit/s"));
    query.put("registryBandwidth", List.of("2Gbit/s"));
    HttpRoutes.Reply reply =
        prepull.handle(new HttpRoutes.Request("/api/prepull", query, verdicts));
    assertThat(reply.status()).as(new String(reply.body())).isEqualTo(200);
    JsonNode p = json(reply);
    assertThat(p.get("images").toString())
        .isEqualTo("[\"mcr.microsoft.com/windows/servercore:ltsc2019\"]");
    assertThat(p.get("missing").toString())
        .isEqualTo(
            "[\"mcr.microsoft.com/windows/servercore:ltsc2022\",\"docker.io/library/nginx:1.27\","
                + "\"microsoft/iis:windowsservercore-1709\"]");
    assertThat(p.get("fix").asText()).contains("winfleet inspect --json --layers");
    assertThat(p.at("/limits/nodeBytesPerSecond").asDouble()).isEqualTo(1.25e8);
    assertThat(p.at("/limits/registryBytesPerSecond").asDouble()).isEqualTo(2.5e8);
    assertThat(p.get("waves")).hasSize(1);
    JsonNode wave = p.get("waves").get(0);
    assertThat(wave.get("nodes").toString()).isEqualTo("[\"win19-a\",\"win19-b\"]");
    assertThat(wave.get("startSeconds").asDouble()).isZero();
    assertThat(wave.get("endSeconds").asDouble())
        .isCloseTo(8.8, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(wave.get("registryBytesPerSecond").asDouble()).isEqualTo(2.5e8);
    assertThat(p.get("registryBytes").asLong()).isEqualTo(2_200_000_000L);
  }

  @Test
  void prepullWithoutLayersSaysSoAndBadRatesAre400s() {
    JsonNode none = ok("/api/prepull", "nodeBandwidth", "1Gbit/s", "registryBandwidth", "10Gbit/s");
    assertThat(none.get("images")).isEmpty();
    assertThat(none.get("missing")).hasSize(4);
    assertThat(none.has("waves")).isFalse();
    HttpRoutes.Reply bad =
        get("/api/prepull", "nodeBandwidth", "fast", "registryBandwidth", "1Gbit/s");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(json(bad).get("error").asText())
        .startsWith("nodeBandwidth: 'fast' is not a bandwidth");
    assertThat(get("/api/prepull", "nodeBandwidth", "1Gbit/s").status()).isEqualTo(400);
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
        ",|ltsc2022|nodes: no node names in ','",
        "win22-a|ltsc2019|nodes: node win22-a runs Windows Server 2022",
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

  /*
   * The fixture's fleet: win19-a (4 CPU, 16Gi) and win19-b, Windows Server 2019; win22-a, Windows
   * Server 2022; lin-a, Linux; the Windows nodes tainted os=windows:NoSchedule. Upgrading both
   * 2019 nodes to Windows Server 2022:
   *
   * - legacy/app2019 (servercore:ltsc2019, selects Windows, tolerates the taint) runs on 17763
   *   only (a 2019 image does not run on 2022 with process isolation); no 17763 node is left, so
   *   it needs a rebuild on servercore:ltsc2022, after which it runs on all three nodes.
   * - web/pinned2022 (ltsc2022 image, pinned to 10.0.20348): on 20348 before and after: ok.
   * - web/nginx: Linux, untouched: ok, no Windows builds either side.
   * - default/old-iis (1709 image, no toleration): lands on no node before either: already
   *   broken (the upgrade is not the cause), with no image suggested.
   *
   * Waves: app2019's one replica sits on win19-a; its budget (minAvailable 1 of 1) allows no
   * disruption. win19-b runs none of its pods, so it goes first, after the rebuild; then no node
   * is left that can go, and win19-a forms a blocked wave naming the budget.
   */
  @Test
  void simulationIsThePlannersAnswerPerWorkloadWithWaves() {
    JsonNode s = ok("/api/simulate", "nodes", "win19-a,win19-b", "to", "ltsc2022");
    assertThat(s.at("/target/name").asText()).isEqualTo("Windows Server 2022");
    assertThat(s.at("/target/build").asText()).isEqualTo("10.0.20348");
    assertThat(s.get("nodes").findValuesAsText("name")).containsExactly("win19-a", "win19-b");
    assertThat(s.get("nodes").get(0).get("from").asText()).isEqualTo("10.0.17763.6414");
    assertThat(s.get("nodes").get(0).get("to").asText()).isEqualTo("10.0.20348");
    assertThat(s.get("summary").toString())
        .isEqualTo(
            "{\"ok\":2,\"already-broken\":1,\"reschedule\":0,\"rebuild\":1,\"breaks\":0,"
                + "\"waves\":2,\"blockedWaves\":1}");

    // Worst first: breaks, rebuild, reschedule, already broken, then ok in input order.
    assertThat(s.get("workloads").findValuesAsText("id"))
        .containsExactly(
            "legacy/Deployment/app2019",
            "default/Pod/old-iis",
            "web/Deployment/pinned2022",
            "web/Deployment/nginx");

    JsonNode oldIis = s.get("workloads").get(1);
    assertThat(oldIis.get("status").asText()).isEqualTo("already-broken");
    assertThat(oldIis.get("before")).isEmpty();
    assertThat(oldIis.get("suggestedImages")).isEmpty();
    assertThat(oldIis.get("reason").asText()).startsWith("no node runs it even before the upgrade");

    JsonNode app = s.get("workloads").get(0);
    assertThat(app.get("object").asText()).isEqualTo("Deployment/app2019");
    assertThat(app.get("namespace").asText()).isEqualTo("legacy");
    assertThat(app.get("file").asText()).isEqualTo("workloads.yaml");
    assertThat(app.get("status").asText()).isEqualTo("rebuild");
    assertThat(app.get("before").toString()).isEqualTo("[\"10.0.17763\"]");
    assertThat(app.get("after")).isEmpty();
    assertThat(app.get("replicas").asInt()).isEqualTo(1);
    assertThat(app.get("replicasWithoutRoom").asInt()).isZero();
    assertThat(app.at("/suggestedImages/mcr.microsoft.com~1windows~1servercore:ltsc2019").asText())
        .isEqualTo("mcr.microsoft.com/windows/servercore:ltsc2022");
    assertThat(app.get("selectorChanges")).isEmpty();
    assertThat(app.get("reason").asText())
        .contains("rebuild on the Windows Server 2022 base image");
    // The rules engine on the fleet the plan calls "after", images unchanged.
    assertThat(app.get("newFindings").findValuesAsText("rule")).contains("no-compatible-node");
    assertThat(app.get("goneFindings").findValuesAsText("rule")).contains("windows-build-unpinned");

    JsonNode pinned = s.get("workloads").get(2);
    assertThat(pinned.get("status").asText()).isEqualTo("ok");
    assertThat(pinned.get("before").toString()).isEqualTo("[\"10.0.20348\"]");
    assertThat(pinned.get("after").toString()).isEqualTo("[\"10.0.20348\"]");
    assertThat(pinned.get("suggestedImages")).isEmpty();

    JsonNode nginx = s.get("workloads").get(3);
    assertThat(nginx.get("status").asText()).isEqualTo("ok");
    assertThat(nginx.get("before")).isEmpty();
    assertThat(nginx.get("after")).isEmpty();

    JsonNode waves = s.get("waves");
    assertThat(waves).hasSize(2);
    assertThat(waves.get(0).get("wave").asInt()).isEqualTo(1);
    assertThat(waves.get(0).get("nodes").toString()).isEqualTo("[\"win19-b\"]");
    assertThat(waves.get(0).get("blocked").asBoolean()).isFalse();
    assertThat(waves.get(0).get("precondition").asText())
        .startsWith("rebuild first: Deployment/app2019");
    assertThat(waves.get(1).get("nodes").toString()).isEqualTo("[\"win19-a\"]");
    assertThat(waves.get(1).get("blocked").asBoolean()).isTrue();
    assertThat(waves.get(1).get("precondition").asText())
        .contains("legacy/PodDisruptionBudget/app2019 (minAvailable 1 of 1 pods)")
        .contains("allows 0 disruption(s)");
    assertThat(s.get("notes").toString()).contains("no allocatable CPU or memory");
  }

  @Test
  void aWorkloadPinnedToTheUpgradedBuildNeedsItsSelectorChanged() {
    // pinned2022 runs servercore:ltsc2022, which Windows Server 2025 runs too: only its
    // windows-build selector keeps it off the upgraded node.
    JsonNode s = ok("/api/simulate", "nodes", "win22-a", "to", "ltsc2025");
    JsonNode pinned =
        s.get("workloads")
            .get(s.get("workloads").findValuesAsText("id").indexOf("web/Deployment/pinned2022"));
    assertThat(pinned.get("status").asText()).isEqualTo("reschedule");
    assertThat(pinned.get("suggestedImages")).isEmpty();
    assertThat(pinned.get("selectorChanges").toString())
        .isEqualTo(
            "[{\"where\":\"nodeSelector node.kubernetes.io/windows-build\",\"from\":\"10.0.20348\","
                + "\"to\":\"10.0.26100\"}]");
    assertThat(s.get("nodes").get(0).get("from").asText()).isEqualTo("10.0.20348.2762");
  }

  @Test
  void upgradingOneOfTwoNodesKeepsTheWorkloadOnTheOther() {
    JsonNode s = ok("/api/simulate", "nodes", "win19-a", "to", "ltsc2022");
    JsonNode app =
        s.get("workloads")
            .get(s.get("workloads").findValuesAsText("id").indexOf("legacy/Deployment/app2019"));
    assertThat(app.get("status").asText()).isEqualTo("ok");
    assertThat(app.get("after").toString()).isEqualTo("[\"10.0.17763\"]");
  }

  @Test
  void aNodeAlreadyOnTheTargetIsANoteNotAnError() {
    JsonNode s = ok("/api/simulate", "nodes", "win22-a", "to", "ltsc2022");
    assertThat(s.get("nodes")).isEmpty();
    assertThat(s.get("waves")).isEmpty();
    assertThat(s.get("notes").toString())
        .contains("node win22-a already runs Windows Server 2022; left as it is");
  }

  @Test
  void theModelCarriesThePodDisruptionBudgetsToThePlanner() {
    assertThat(model.budgets())
        .singleElement()
        .satisfies(
            b -> {
              assertThat(b.object().display()).isEqualTo("PodDisruptionBudget/app2019");
              assertThat(b.minAvailable()).isEqualTo("1");
            });
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

  /** A November 2024 image on the fleet's October 2024 Windows Server 2022 node. */
  @Test
  void matrixListsTheNodesAnImageIsAheadOf() {
    String workload =
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: nov, namespace: web}
        spec:
          selector: {matchLabels: {app: nov}}
          template:
            metadata: {labels: {app: nov}}
            spec:
              containers:
                - {name: c, image: "mcr.microsoft.com/windows/servercore:10.0.20348.2849"}
        """;
    DashboardModel model =
        DashboardModel.build(
            DashboardFixture.fleet(),
            List.of(
                dev.winfleet.core.manifest.ManifestReader.defaults().read("nov.yaml", workload)),
            dev.winfleet.core.image.ImageMetadataSource.tagHints(),
            dev.winfleet.core.rules.RulesEngine.builtIn());
    JsonNode row = DashboardJson.matrix(model).get("rows").get(0);
    assertThat(row.get("image").asText())
        .isEqualTo("mcr.microsoft.com/windows/servercore:10.0.20348.2849");
    assertThat(row.at("/aheadOf/0/nodeVersion").asText()).isEqualTo("10.0.20348.2762");
    assertThat(row.at("/aheadOf/0/months").asInt()).isEqualTo(1);
    assertThat(row.at("/aheadOf/0/incident").asText()).isEmpty();
  }
}
