package dev.winfleet.kube.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.winfleet.core.fleet.Fleet;
import dev.winfleet.core.rules.Finding;
import dev.winfleet.core.rules.RulesEngine;
import dev.winfleet.core.rules.Severity;
import dev.winfleet.core.spi.FleetView;
import dev.winfleet.kube.FleetMapper;
import dev.winfleet.server.api.PolicySettings;
import dev.winfleet.server.policy.PlacementPolicy;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The audit judges like the webhook: no guess about an image's OS is reported as an error. */
class AuditStoreTest {

  private static AuditStore store() {
    Fleet fleet =
        FleetMapper.builtIn()
            .fleet(
                List.of(
                    AuditControllerTest.windows("win22-1", "10.0.20348.2762"),
                    AuditControllerTest.linux("lin-1")),
                List.of());
    // No registry: tag hints only, as 'serve --no-registry' (or an unreachable registry).
    PlacementPolicy policy =
        new PlacementPolicy(
            FleetView.of(fleet, Instant.now()), null, PolicySettings.defaults(), Clock.systemUTC());
    return new AuditStore(
        RulesEngine.builtIn(), (o, ns) -> policy.environment(o, ns, false), Clock.systemUTC());
  }

  private static List<Finding> judge(AuditStore store, HasMetadata o, AuditedKind kind) {
    ObjectKey key = new ObjectKey(kind, o.getMetadata().getNamespace(), o.getMetadata().getName());
    store.judge(key, o);
    return store.namespace(key.namespace()).get(0).findings();
  }

  @Test
  void theAzureDiskCsiWindowsNodePluginIsNotReportedAsBrokenOnAGuess() throws Exception {
    HasMetadata csi;
    try (InputStream in = getClass().getResourceAsStream("/real/csi-azuredisk-node-windows.yaml")) {
      csi = Serialization.unmarshal(in);
    }
    List<Finding> findings = judge(store(), csi, AuditedKind.DAEMON_SET);

    // The rules engine speaks at the strength of its evidence (issue 12): the sidecars' tags say
    // nothing of their OS, so nothing here may be an error, and what placement says of them is at
    // most info that rests on no fact. The one error is a fact of this test's fleet: its Windows
    // node is tainted os=windows:NoSchedule, and the DaemonSet tolerates only AKS's
    // node.kubernetes.io/os taint.
    assertThat(findings)
        .filteredOn(f -> f.severity() == Severity.ERROR)
        .extracting(Finding::rule)
        .containsOnly("windows-toleration-missing");
    assertThat(findings)
        .filteredOn(f -> f.rule().equals("no-compatible-node"))
        .allSatisfy(
            f -> {
              assertThat(f.severity()).isEqualTo(Severity.INFO);
              assertThat(f.evidence().isFact()).isFalse();
            });
  }

  @Test
  void anImageWhoseTagNamesItsReleaseIsStillAnErrorWhereNoNodeRunsIt() {
    HasMetadata pod =
        AuditControllerTest.pod(
            "web", "old", "mcr.microsoft.com/windows/nanoserver:ltsc2019", null, null);
    List<Finding> findings = judge(store(), pod, AuditedKind.POD);
    assertThat(findings)
        .filteredOn(f -> f.rule().equals("no-compatible-node"))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.severity()).isEqualTo(Severity.ERROR);
              assertThat(f.message()).doesNotContain("Unverified");
            });
  }
}
