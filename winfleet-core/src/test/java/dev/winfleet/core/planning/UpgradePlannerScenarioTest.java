package dev.winfleet.core.planning;

import static dev.winfleet.core.planning.PlanningFixtures.linux;
import static dev.winfleet.core.planning.PlanningFixtures.windows;
import static dev.winfleet.core.planning.PlanningFixtures.workload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.winfleet.core.catalog.WindowsCatalog;
import dev.winfleet.core.catalog.WindowsRelease;
import dev.winfleet.core.fleet.Fleet;
import dev.winfleet.core.fleet.FleetNode;
import dev.winfleet.core.image.ImageMetadataSource;
import dev.winfleet.core.planning.BlockedBy.Kind;
import dev.winfleet.core.version.OsVersion;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Upgrades of small fleets whose right answers are worked out by hand in the comments. Pods go to
 * the node with the most room left in its scarcer resource (ties: fleet order); DaemonSets first,
 * then workloads that stay as they are, then rebuilt ones, fewest candidate nodes first.
 */
class UpgradePlannerScenarioTest {

  private static final WindowsRelease WS2022 =
      WindowsCatalog.builtIn().findRelease("ltsc2022").orElseThrow();
  private static final UpgradePlanner PLANNER =
      UpgradePlanner.builtIn(ImageMetadataSource.tagHints());

  /*
   * win19-a, win19-b: Windows Server 2019, 4 CPU, 8 GiB; win22-a: Windows Server 2022, 4 CPU,
   * 8 GiB; lin-a: Linux. Upgrade both 2019 nodes to Windows Server 2022.
   *
   * agent (DaemonSet, nanoserver:ltsc2022, 2 CPU): before only on win22-a; after on all three: ok.
   * iis (iis:...-ltsc2019, pinned to windows-build 10.0.17763, 2 x 1 CPU): no 17763 node left, so
   *   rebuild on iis:windowsservercore-ltsc2022 and pin 10.0.20348.
   * batch (nanoserver:1809, 2 x 3 CPU): before, win19-a and win19-b have 4 CPU free (agent is not
   *   there) and take one each. After, the agent takes 2 CPU on every node; api (ok, packed
   *   before the rebuilt ones) takes 1 CPU on win19-a, iis 1 CPU on win19-b and win22-a: every
   *   node has 1 or 2 CPU left, so neither 3-CPU replica fits: breaks, 2 of 2 without room.
   * api (aspnet:4.8-...-ltsc2022, 1 x 1 CPU): runs on 2022 before and after: ok.
   * web (nginx on Linux): ok, untouched.
   *
   * Waves (batch, which breaks, is left out): start with api on win22-a, iis on win19-a and
   * win19-b. Draining win19-a moves iis to win19-b (3 CPU free); draining win19-b as well would
   * need room for 2 iis pods on win22-a, which has 1 CPU left: not in the same wave. Wave 1:
   * win19-a; wave 2: win19-b (its 2 iis pods go to the upgraded win19-a).
   */
  private static final Fleet FLEET =
      new Fleet(
          List.of(
              windows("win19-a", "10.0.17763.6414", 4, 8, Map.of()),
              windows("win19-b", "10.0.17763.6414", 4, 8, Map.of()),
              windows("win22-a", "10.0.20348.2762", 4, 8, Map.of()),
              linux("lin-a", 4, 8)),
          List.of());

  static final String WORKLOADS =
      workload(
              "DaemonSet",
              "agent",
              "mcr.microsoft.com/windows/nanoserver:ltsc2022",
              null,
              "2",
              "1Gi",
              "{kubernetes.io/os: windows}")
          + workload(
              "Deployment",
              "iis",
              "mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2019",
              2,
              "1",
              "1Gi",
              "{kubernetes.io/os: windows, node.kubernetes.io/windows-build: 10.0.17763}")
          + workload(
              "Deployment",
              "batch",
              "mcr.microsoft.com/windows/nanoserver:1809",
              2,
              "3",
              "1Gi",
              "{kubernetes.io/os: windows}")
          + workload(
              "Deployment",
              "api",
              "mcr.microsoft.com/dotnet/framework/aspnet:4.8-windowsservercore-ltsc2022",
              1,
              "1",
              "1Gi",
              "{kubernetes.io/os: windows}")
          + workload(
              "Deployment", "web", "nginx:1.27", 1, "500m", "512Mi", "{kubernetes.io/os: linux}");

  static UpgradePlan plan(List<String> nodes, String workloads, String budgets) {
    return PLANNER.plan(
        new UpgradeRequest(
            FLEET,
            PlanningFixtures.workloads(workloads),
            PlanningFixtures.budgets(budgets),
            nodes,
            WS2022,
            0));
  }

  static WorkloadOutcome outcome(UpgradePlan plan, String display) {
    return plan.workloads().stream()
        .filter(w -> w.object().display().equals(display))
        .findFirst()
        .orElseThrow();
  }

  private static List<String> builds(java.util.SortedSet<OsVersion> builds) {
    return builds.stream().map(OsVersion::toString).toList();
  }

  @Test
  void daemonSetThatGainsNodesIsOk() {
    WorkloadOutcome agent =
        outcome(plan(List.of("win19-a", "win19-b"), WORKLOADS, ""), "DaemonSet/agent");
    assertThat(agent.status()).isEqualTo(UpgradeStatus.OK);
    assertThat(builds(agent.before())).containsExactly("10.0.20348");
    assertThat(builds(agent.after())).containsExactly("10.0.20348");
  }

  @Test
  void pinnedWorkloadOnlyFitsAfterARebuild() {
    WorkloadOutcome iis =
        outcome(plan(List.of("win19-a", "win19-b"), WORKLOADS, ""), "Deployment/iis");
    assertThat(iis.status()).isEqualTo(UpgradeStatus.REBUILD);
    assertThat(builds(iis.before())).containsExactly("10.0.17763");
    assertThat(iis.after()).isEmpty();
    assertThat(iis.suggestedImages())
        .containsExactly(
            Map.entry(
                "mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2019",
                "mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022"));
    assertThat(iis.selectorChanges())
        .containsExactly(
            new SelectorChange(
                "nodeSelector node.kubernetes.io/windows-build", "10.0.17763", "10.0.20348"));
    assertThat(iis.blockedBy())
        .isEqualTo(
            BlockedBy.of(
                Kind.IMAGE_NOT_REBUILT,
                "mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2019"));
  }

  @Test
  void workloadWithoutRoomAfterTheUpgradeBreaks() {
    UpgradePlan plan = plan(List.of("win19-a", "win19-b"), WORKLOADS, "");
    WorkloadOutcome batch = outcome(plan, "Deployment/batch");
    assertThat(batch.status()).isEqualTo(UpgradeStatus.BREAKS);
    assertThat(batch.replicas()).isEqualTo(2);
    assertThat(batch.replicasWithoutRoom()).isEqualTo(2);
    // Rebuilt, it may run on every Windows node after the upgrade: all of them 10.0.20348.
    assertThat(batch.blockedBy()).isEqualTo(BlockedBy.of(Kind.NO_CAPACITY, "10.0.20348"));
    assertThat(batch.suggestedImages())
        .containsEntry(
            "mcr.microsoft.com/windows/nanoserver:1809",
            "mcr.microsoft.com/windows/nanoserver:ltsc2022");
    assertThat(plan.anyBreaks()).isTrue();
  }

  @Test
  void untouchedWorkloadsAreOk() {
    UpgradePlan plan = plan(List.of("win19-a", "win19-b"), WORKLOADS, "");
    assertThat(outcome(plan, "Deployment/api").status()).isEqualTo(UpgradeStatus.OK);
    assertThat(outcome(plan, "Deployment/api").blockedBy()).isNull();
    WorkloadOutcome web = outcome(plan, "Deployment/web");
    assertThat(web.status()).isEqualTo(UpgradeStatus.OK);
    assertThat(web.before()).isEmpty();
    assertThat(web.blockedBy()).isNull();
  }

  @Test
  void wavesKeepEveryWorkloadPlaceable() {
    UpgradePlan plan = plan(List.of("win19-a", "win19-b"), WORKLOADS, "");
    assertThat(plan.waves())
        .extracting(UpgradeWave::nodes)
        .containsExactly(List.of("win19-a"), List.of("win19-b"));
    assertThat(plan.waves()).extracting(UpgradeWave::blockedBy).containsOnlyNulls();
  }

  @Test
  void workloadOnNodesThatStayIsOk() {
    // Upgrade only win19-a: batch still has win19-b, where one replica fits (4 CPU, agent not
    // there) but not two: 2 x 3 CPU > 4. Rebuilt (17763 and 20348) it may also use win19-a and
    // win22-a, where the agent leaves 2 CPU: still no room for the second 3-CPU replica. iis
    // (1 CPU each) stays ok on win19-b.
    UpgradePlan plan = plan(List.of("win19-a"), WORKLOADS, "");
    WorkloadOutcome iis = outcome(plan, "Deployment/iis");
    assertThat(iis.status()).isEqualTo(UpgradeStatus.OK);
    assertThat(builds(iis.after())).containsExactly("10.0.17763");
    assertThat(iis.blockedBy()).isNull();
    assertThat(plan.upgraded()).containsExactly("win19-a");
  }

  /*
   * Three Windows Server 2019 nodes (4 CPU each) and web: aspnet:4.8 on ltsc2019, 3 x 1 CPU, one
   * pod per node at the start. All three upgraded.
   *
   * Without a budget: draining win19-a moves its pod to win19-b; win19-b can join (its 2 pods go
   * to win19-c, 3 CPU free); win19-c cannot (no open node left). Waves: [a, b], [c].
   * With maxUnavailable 1: a wave may evict one pod at most. Wave 1: win19-a alone (its pod to
   * win19-b); win19-b (2 pods) and win19-c (1 pod) would each exceed it. Wave 2: win19-b alone
   * (a node drained alone lets its pods go one by one); win19-c would add another. Wave 3: c.
   */
  private static final Fleet THREE =
      new Fleet(
          List.of(
              windows("win19-a", "10.0.17763.6414", 4, 8, Map.of()),
              windows("win19-b", "10.0.17763.6414", 4, 8, Map.of()),
              windows("win19-c", "10.0.17763.6414", 4, 8, Map.of())),
          List.of());

  private static final String WEB =
      workload(
          "Deployment",
          "web",
          "mcr.microsoft.com/dotnet/framework/aspnet:4.8-windowsservercore-ltsc2019",
          3,
          "1",
          "1Gi",
          "{kubernetes.io/os: windows}");

  static UpgradePlan three(String budgets) {
    return PLANNER.plan(
        new UpgradeRequest(
            THREE,
            PlanningFixtures.workloads(WEB),
            PlanningFixtures.budgets(budgets),
            List.of("win19-c", "win19-a", "win19-b"),
            WS2022,
            0));
  }

  static final String PDB =
      "---\napiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: web}\n"
          + "spec:\n  %s\n  selector: {matchLabels: {app: web}}\n";

  @Test
  void withoutBudgetNodesDrainTogetherWhileThereIsRoom() {
    UpgradePlan plan = three("");
    assertThat(plan.waves())
        .extracting(UpgradeWave::nodes)
        .containsExactly(List.of("win19-a", "win19-b"), List.of("win19-c"));
    WorkloadOutcome web = plan.workloads().get(0);
    assertThat(web.status()).isEqualTo(UpgradeStatus.REBUILD);
    assertThat(web.suggestedImages())
        .containsEntry(
            "mcr.microsoft.com/dotnet/framework/aspnet:4.8-windowsservercore-ltsc2019",
            "mcr.microsoft.com/dotnet/framework/aspnet:4.8-windowsservercore-ltsc2022");
    assertThat(web.blockedBy())
        .isEqualTo(
            BlockedBy.of(
                Kind.IMAGE_NOT_REBUILT,
                "mcr.microsoft.com/dotnet/framework/aspnet:4.8-windowsservercore-ltsc2019"));
  }

  @Test
  void disruptionBudgetConstrainsWaves() {
    UpgradePlan plan = three(String.format(PDB, "maxUnavailable: 1"));
    assertThat(plan.waves())
        .extracting(UpgradeWave::nodes)
        .containsExactly(List.of("win19-a"), List.of("win19-b"), List.of("win19-c"));
    assertThat(plan.waves()).noneMatch(UpgradeWave::blocked);
  }

  @Test
  void budgetThatAllowsNoDisruptionBlocksTheDrain() {
    UpgradePlan plan = three(String.format(PDB, "minAvailable: 3"));
    assertThat(plan.waves()).allMatch(UpgradeWave::blocked);
    assertThat(plan.waves())
        .extracting(UpgradeWave::blockedBy)
        .containsExactly(
            BlockedBy.of(Kind.PDB, "PodDisruptionBudget/web", "win19-a"),
            BlockedBy.of(Kind.PDB, "PodDisruptionBudget/web", "win19-b"),
            BlockedBy.of(Kind.PDB, "PodDisruptionBudget/web", "win19-c"));
  }

  /*
   * A DaemonSet on nanoserver:1809 runs on both 2019 nodes; after the upgrade its pods there would
   * stop (a 10.0.17763 image does not run on 10.0.20348 with process isolation): rebuild, blocked
   * by the image.
   */
  @Test
  void daemonSetWhoseImageStopsOnTheTargetIsBlockedByItsImage() {
    String agent =
        workload(
            "DaemonSet",
            "logs",
            "mcr.microsoft.com/windows/nanoserver:1809",
            null,
            "100m",
            "128Mi",
            "{kubernetes.io/os: windows}");
    WorkloadOutcome logs =
        outcome(plan(List.of("win19-a", "win19-b"), agent, ""), "DaemonSet/logs");
    assertThat(logs.status()).isEqualTo(UpgradeStatus.REBUILD);
    assertThat(logs.blockedBy())
        .isEqualTo(
            BlockedBy.of(Kind.IMAGE_NOT_REBUILT, "mcr.microsoft.com/windows/nanoserver:1809"));
    assertThat(logs.reason())
        .startsWith(
            "its pods on the upgraded nodes stop: mcr.microsoft.com/windows/nanoserver:1809 does"
                + " not run on Windows Server 2022 (10.0.20348)");
  }

  /*
   * Three 4-CPU nodes, one 3-CPU pod on each: once rebuilt the workload fits after the upgrade
   * (three nodes again), but no node can be drained while the others have 1 CPU free. Every wave
   * is blocked by the drain: the first drained node takes the pending pod back once upgraded, and
   * the next node's pod again has nowhere to go.
   */
  @Test
  void drainWithoutRoomBlocksEveryWave() {
    String big =
        workload(
            "Deployment",
            "big",
            "mcr.microsoft.com/dotnet/framework/aspnet:4.8-windowsservercore-ltsc2019",
            3,
            "3",
            "1Gi",
            "{kubernetes.io/os: windows}");
    UpgradePlan plan =
        PLANNER.plan(
            new UpgradeRequest(
                THREE,
                PlanningFixtures.workloads(big),
                List.of(),
                List.of("win19-a", "win19-b", "win19-c"),
                WS2022,
                0));
    assertThat(plan.workloads().get(0).status()).isEqualTo(UpgradeStatus.REBUILD);
    assertThat(plan.waves())
        .extracting(UpgradeWave::blockedBy)
        .containsExactly(
            BlockedBy.of(Kind.DRAIN_NO_CAPACITY, "win19-a", "Deployment/big"),
            BlockedBy.of(Kind.DRAIN_NO_CAPACITY, "win19-b", "Deployment/big"),
            BlockedBy.of(Kind.DRAIN_NO_CAPACITY, "win19-c", "Deployment/big"));
  }

  @Test
  void maxPerWaveLimitsWaves() {
    UpgradePlan plan =
        PLANNER.plan(
            new UpgradeRequest(
                THREE,
                PlanningFixtures.workloads(WEB),
                List.of(),
                List.of("win19-a", "win19-b", "win19-c"),
                WS2022,
                1));
    assertThat(plan.waves()).hasSize(3);
  }

  @Test
  void refusesUnknownLinuxAndNewerNodes() {
    Fleet fleet =
        new Fleet(
            List.of(
                windows("win25-a", "10.0.26100.1", 4, 8, Map.of()),
                windows("win22-a", "10.0.20348.1", 4, 8, Map.of()),
                linux("lin-a", 4, 8)),
            List.of());
    assertThatThrownBy(
            () ->
                PLANNER.plan(
                    new UpgradeRequest(fleet, List.of(), List.of(), List.of("nope"), WS2022, 0)))
        .isInstanceOf(PlanningException.class)
        .hasMessageContaining("no node named 'nope'");
    assertThatThrownBy(
            () ->
                PLANNER.plan(
                    new UpgradeRequest(fleet, List.of(), List.of(), List.of("lin-a"), WS2022, 0)))
        .hasMessageContaining("lin-a is not a Windows node");
    assertThatThrownBy(
            () ->
                PLANNER.plan(
                    new UpgradeRequest(fleet, List.of(), List.of(), List.of("win25-a"), WS2022, 0)))
        .hasMessageContaining("newer than Windows Server 2022");
    UpgradePlan same =
        PLANNER.plan(
            new UpgradeRequest(fleet, List.of(), List.of(), List.of("win22-a"), WS2022, 0));
    assertThat(same.upgraded()).isEmpty();
    assertThat(same.notes())
        .containsExactly("node win22-a already runs Windows Server 2022; left as it is");
  }

  @Test
  void theFleetAfterHasTheUpgradedNodesOnTheTargetBuildAndTheOthersAsTheyWere() {
    UpgradePlan plan = plan(List.of("win19-a", "win22-a"), WORKLOADS, "");
    Fleet after = UpgradePlanner.fleetAfter(FLEET, plan);

    FleetNode upgraded = after.nodes().get(0);
    FleetNode before = FLEET.nodes().get(0);
    assertThat(upgraded.name()).isEqualTo("win19-a");
    assertThat(upgraded.windowsVersion())
        .isEqualTo(WindowsCatalog.builtIn().parseVersion("10.0.20348"));
    assertThat(upgraded.labels())
        .containsEntry("node.kubernetes.io/windows-build", "10.0.20348")
        .containsEntry("kubernetes.io/os", "windows");
    assertThat(upgraded.taints()).isEqualTo(before.taints());
    assertThat(upgraded.allocatableCpuMillis()).isEqualTo(before.allocatableCpuMillis());
    assertThat(upgraded.images()).isEmpty();
    // win22-a already runs the target (the plan leaves it alone), the others are not named.
    assertThat(after.nodes().subList(1, 4)).isEqualTo(FLEET.nodes().subList(1, 4));
  }
}
