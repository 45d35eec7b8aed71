package dev.winfleet.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.winfleet.core.catalog.WindowsCatalog;
import dev.winfleet.core.fleet.FleetNode;
import dev.winfleet.core.fleet.FleetObjects;
import dev.winfleet.core.rules.Finding;
import dev.winfleet.server.dashboard.UpgradeSimulation.Outcome;
import dev.winfleet.server.dashboard.UpgradeSimulation.WorkloadChange;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlacementUpgradeSimulatorTest {

  private final DashboardModel model = DashboardFixture.model();
  private final WindowsCatalog catalog = WindowsCatalog.builtIn();

  private UpgradeSimulation simulate(String nodes, String to) {
    return PlacementUpgradeSimulator.builtIn()
        .simulate(model, UpgradeRequest.parse(nodes, to, model.fleet(), catalog));
  }

  private static WorkloadChange change(UpgradeSimulation s, String id) {
    return s.workloads().stream().filter(w -> w.workload().equals(id)).findFirst().orElseThrow();
  }

  @Test
  void upgradingEveryWindowsServer2019NodeBreaksTheWorkloadOnA2019Image() {
    UpgradeSimulation s = simulate("win19-a,win19-b", "ltsc2022");

    WorkloadChange app = change(s, "legacy/Deployment/app2019");
    assertThat(app.outcome()).isEqualTo(Outcome.BREAKS);
    assertThat(app.before()).containsExactly("win19-a", "win19-b");
    assertThat(app.after()).isEmpty();
    assertThat(app.buildsBefore()).containsExactly("10.0.17763");
    assertThat(app.reason()).contains("mcr.microsoft.com/windows/servercore:ltsc2019");
    assertThat(app.newFindings()).extracting(Finding::rule).contains("no-compatible-node");
    assertThat(s.workloads().get(0).outcome()).isEqualTo(Outcome.BREAKS);
  }

  @Test
  void upgradingOneOfTwoNodesLeavesTheWorkloadFewerNodes() {
    WorkloadChange app = change(simulate("win19-a", "ltsc2022"), "legacy/Deployment/app2019");
    assertThat(app.outcome()).isEqualTo(Outcome.FEWER_NODES);
    assertThat(app.after()).containsExactly("win19-b");
    assertThat(app.reason()).contains("Loses win19-a");
  }

  @Test
  void aWorkloadPinnedByTheBuildLabelGainsTheNodesThatNowCarryIt() {
    WorkloadChange pinned =
        change(simulate("win19-a,win19-b", "ltsc2022"), "web/Deployment/pinned2022");
    assertThat(pinned.outcome()).isEqualTo(Outcome.MORE_NODES);
    assertThat(pinned.after()).containsExactlyInAnyOrder("win19-a", "win19-b", "win22-a");
  }

  @Test
  void aWorkloadPinnedByTheBuildLabelBreaksWhenItsNodesMoveOn() {
    UpgradeSimulation s = simulate("win22-a", "ltsc2025");
    WorkloadChange pinned = change(s, "web/Deployment/pinned2022");
    assertThat(pinned.outcome()).isEqualTo(Outcome.BREAKS);
    assertThat(pinned.reason()).contains("selectors no longer match");
    assertThat(s.nodes())
        .singleElement()
        .satisfies(
            n -> {
              assertThat(n.from()).isEqualTo("10.0.20348.2762");
              assertThat(n.to()).isEqualTo("10.0.26100");
            });
  }

  @Test
  void linuxWorkloadsAreUnaffected() {
    WorkloadChange nginx = change(simulate("win19-a", "ltsc2022"), "web/Deployment/nginx");
    assertThat(nginx.outcome()).isEqualTo(Outcome.UNCHANGED);
    assertThat(nginx.before()).containsExactly("lin-a");
    assertThat(nginx.reason()).contains("unaffected");
  }

  @Test
  void aWorkloadNoNodeRunsStaysBrokenAndSaysWhy() {
    WorkloadChange old = change(simulate("win19-a", "ltsc2022"), "default/Pod/old-iis");
    assertThat(old.outcome()).isEqualTo(Outcome.STILL_BROKEN);
    assertThat(old.reason()).contains("can land on no node now");
  }

  @Test
  void warnsWhenTheKubeletsDoNotSupportTheTargetRelease() {
    // Kubernetes 1.31 (the fixture's kubelets) lists Windows Server 2019 and 2022, not 2025.
    assertThat(simulate("win22-a", "ltsc2025").warnings())
        .singleElement()
        .asString()
        .contains("Kubernetes 1.31")
        .contains("Windows Server 2025");
    assertThat(simulate("win19-a", "ltsc2022").warnings()).isEmpty();
  }

  @Test
  void theUpgradedNodeCarriesTheNewBuildLabelAndVersion() {
    FleetNode node =
        model.fleet().nodes().stream().filter(n -> n.name().equals("win19-a")).findFirst().get();
    FleetNode after =
        PlacementUpgradeSimulator.upgraded(node, catalog.findRelease("ltsc2025").orElseThrow());
    assertThat(after.labels()).containsEntry(FleetObjects.WINDOWS_BUILD_LABEL, "10.0.26100");
    assertThat(after.windowsVersion().build()).isEqualTo(26100);
    assertThat(after.taints()).isEqualTo(node.taints());
    assertThat(after.kubeletVersion()).isEqualTo(node.kubeletVersion());
  }

  @Test
  void refusesNodesThatAreNotInTheRequestFleet() {
    UpgradeRequest request =
        new UpgradeRequest(List.of("nope"), catalog.findRelease("ltsc2022").orElseThrow());
    assertThatThrownBy(() -> PlacementUpgradeSimulator.builtIn().simulate(model, request))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
