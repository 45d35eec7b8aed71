package dev.winfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.winfleet.core.catalog.WindowsCatalog;
import dev.winfleet.core.planning.BlockedBy;
import dev.winfleet.core.planning.UpgradeStatus;
import dev.winfleet.core.planning.UpgradeWave;
import dev.winfleet.core.planning.WorkloadOutcome;
import dev.winfleet.core.rules.RulesEngine;
import dev.winfleet.core.version.OsVersion;
import dev.winfleet.server.dashboard.DashboardModel;
import dev.winfleet.server.dashboard.UpgradeRequest;
import dev.winfleet.server.dashboard.UpgradeSimulation;
import dev.winfleet.server.dashboard.UpgradeSimulator;
import java.util.List;
import java.util.SortedSet;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's upgrade simulation on the demo's own fleet and workloads: the planner's answers,
 * worked out by hand from the bundled files.
 *
 * <p>The fleet: win2019-1 and win2019-2 (Windows Server 2019, 4 CPU, 16 GiB), win2022-1..3 (Windows
 * Server 2022, 8 CPU, 32 GiB), win2025-1 (Windows Server 2025), all tainted os=windows:NoSchedule;
 * three Linux nodes.
 */
class DemoUpgradeSimulationTest {

  private static final DashboardModel MODEL =
      DashboardModel.build(
          DemoData.fleet(), DemoData.workloads(), DemoData.images(), RulesEngine.builtIn());

  private static UpgradeSimulation simulate(String nodes, String to) {
    return UpgradeSimulator.builtIn()
        .simulate(MODEL, UpgradeRequest.parse(nodes, to, MODEL.fleet(), WindowsCatalog.builtIn()));
  }

  private static List<String> builds(SortedSet<OsVersion> builds) {
    return builds.stream().map(OsVersion::toString).toList();
  }

  /*
   * Both 2019 nodes to Windows Server 2022.
   *
   * web/catalog: aspnet:4.8-windowsservercore-ltsc2019, selects Windows and tolerates the taint;
   * the image runs only on 17763 (process isolation), so both replicas sit on the 2019 nodes. With
   * none left, it needs the ltsc2022 tag of the same repository: rebuild.
   * web/orders-api: ltsc2022 image pinned to 10.0.20348; the upgrade does not touch its nodes: ok.
   * default/win-server (seed 002): servercore:1809-amd64 with no toleration for the Windows
   * taint: it lands on no node even today: already broken (the upgrade is not the cause), and the
   * reason says so; no image is suggested for it.
   * Waves: catalog's budget (minAvailable 1 of 2) allows one disruption; its replicas are spread
   * one per 2019 node, so the nodes go one at a time, rebuilding catalog first.
   */
  @Test
  void upgradingThe2019NodesRebuildsTheCatalogAndDrainsNodeByNode() {
    UpgradeSimulation s = simulate("win2019-1,win2019-2", "ltsc2022");

    WorkloadOutcome catalog = s.workload("web/Deployment/catalog").outcome();
    assertThat(catalog.status()).isEqualTo(UpgradeStatus.REBUILD);
    assertThat(builds(catalog.before())).containsExactly("10.0.17763");
    assertThat(catalog.after()).isEmpty();
    assertThat(catalog.suggestedImages())
        .containsExactly(
            java.util.Map.entry(
                "mcr.microsoft.com/dotnet/framework/aspnet:4.8-windowsservercore-ltsc2019",
                "mcr.microsoft.com/dotnet/framework/aspnet:4.8-windowsservercore-ltsc2022"));
    assertThat(catalog.replicas()).isEqualTo(2);
    assertThat(catalog.replicasWithoutRoom()).isZero();

    WorkloadOutcome orders = s.workload("web/Deployment/orders-api").outcome();
    assertThat(orders.status()).isEqualTo(UpgradeStatus.OK);
    assertThat(builds(orders.before())).containsExactly("10.0.20348");
    assertThat(builds(orders.after())).containsExactly("10.0.20348");

    WorkloadOutcome winServer = s.workload("default/Deployment/win-server").outcome();
    assertThat(winServer.status()).isEqualTo(UpgradeStatus.ALREADY_BROKEN);
    assertThat(winServer.before()).isEmpty();
    assertThat(winServer.suggestedImages()).isEmpty();
    assertThat(winServer.blockedBy()).isEqualTo(BlockedBy.of(BlockedBy.Kind.NO_NODE_BEFORE));
    assertThat(s.plan().anyBreaks()).isFalse();

    assertThat(s.plan().waves())
        .extracting(UpgradeWave::nodes)
        .containsExactly(List.of("win2019-1"), List.of("win2019-2"));
    assertThat(s.plan().waves()).noneMatch(UpgradeWave::blocked);
    assertThat(s.plan().waves().get(0).precondition())
        .startsWith("rebuild first: Deployment/catalog");
  }

  /*
   * The three 2022 nodes to Windows Server 2025. orders-api's ltsc2022 image runs on 2025 too, but
   * its selector pins 10.0.20348: a reschedule (the selector follows, the image stays). Its budget
   * (maxUnavailable 0) allows no disruption and its 3 replicas sit on the 2022 nodes, so every
   * wave is blocked and says which budget to relax.
   */
  @Test
  void aBudgetThatAllowsNoDisruptionBlocksEveryWave() {
    UpgradeSimulation s = simulate("win2022-1,win2022-2,win2022-3", "ltsc2025");

    WorkloadOutcome orders = s.workload("web/Deployment/orders-api").outcome();
    assertThat(orders.status()).isEqualTo(UpgradeStatus.RESCHEDULE);
    assertThat(orders.suggestedImages()).isEmpty();
    assertThat(orders.blockedBy()).isEqualTo(BlockedBy.of(BlockedBy.Kind.SCHEDULING, "10.0.20348"));

    // Seed 003's pod: microsoft/iis:windowsservercore-1709 runs nowhere today; no made-up tag.
    WorkloadOutcome iis = s.workload("default/Pod/iis").outcome();
    assertThat(iis.status()).isEqualTo(UpgradeStatus.ALREADY_BROKEN);
    assertThat(iis.suggestedImages()).isEmpty();
    assertThat(orders.selectorChanges())
        .singleElement()
        .hasToString("nodeSelector node.kubernetes.io/windows-build: 10.0.20348 -> 10.0.26100");

    assertThat(s.plan().waves()).hasSize(3).allMatch(UpgradeWave::blocked);
    assertThat(s.plan().waves())
        .extracting(UpgradeWave::blockedBy)
        .allSatisfy(
            b -> {
              assertThat(b.kind()).isEqualTo(BlockedBy.Kind.PDB);
              assertThat(b.subjects()).first().isEqualTo("web/PodDisruptionBudget/orders-api");
            });
  }
}
