package dev.winfleet.kube.audit;

import dev.winfleet.core.report.PolicyReports;
import dev.winfleet.core.rules.RulesEngine;
import dev.winfleet.kube.LiveFleet;
import dev.winfleet.server.api.PolicySettings;
import dev.winfleet.server.policy.PlacementPolicy;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** One replica of the audit, wired as {@code winfleet serve} wires it, with short timings. */
final class AuditHarness implements AutoCloseable {

  final LiveFleet fleet;
  final AuditController audit;
  final ReportWriter writer;

  AuditHarness(KubernetesClient client, String identity, PolicyReports.Limits limits) {
    Clock clock = Clock.systemUTC();
    fleet = LiveFleet.start(client, clock);
    PlacementPolicy policy = new PlacementPolicy(fleet, null, PolicySettings.defaults(), clock);
    AuditStore store =
        new AuditStore(RulesEngine.builtIn(), (o, ns) -> policy.environment(o, ns, false), clock);
    audit = AuditController.start(client, store, fleet::synced, 2);
    fleet.onFleetChange(f -> audit.fleetChanged());
    writer =
        ReportWriter.start(
            client,
            audit,
            RulesEngine.builtIn().catalog(),
            // Production's lease and renewal deadline: a leader loses its term only when it
            // cannot renew for 10 s. With 3 s and 2 s a pause under load ended terms and moved
            // leadership in the middle of the two-replica test. Handing over on close() does not
            // wait for the lease to run out (the leader releases it); retries stay short.
            new ReportWriter.Settings(
                "winfleet",
                "winfleet-audit",
                identity,
                Duration.ofMillis(100),
                Duration.ofSeconds(15),
                Duration.ofSeconds(10),
                Duration.ofMillis(400),
                limits),
            clock);
  }

  AuditHarness(KubernetesClient client, String identity) {
    this(client, identity, PolicyReports.Limits.DEFAULT);
  }

  static void await(String what, BooleanSupplier condition) throws InterruptedException {
    for (int i = 0; i < 300; i++) {
      try {
        if (condition.getAsBoolean()) {
          return;
        }
      } catch (RuntimeException e) {
        // not there yet (e.g. a report not written)
      }
      Thread.sleep(50);
    }
    throw new AssertionError("not within 15 s: " + what);
  }

  @Override
  public void close() {
    writer.close();
    audit.close();
    fleet.close();
  }
}
