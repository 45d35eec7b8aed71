package dev.winfleet.cli;

import dev.winfleet.core.fleet.Fleet;
import dev.winfleet.core.spi.AuditView;
import dev.winfleet.core.spi.FleetInventory;
import dev.winfleet.core.spi.MetricsSection;
import dev.winfleet.server.api.AdmissionPolicy;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What {@code winfleet serve} runs behind its HTTP server: the policy, the inventory it decides
 * against, the live audit (or {@link AuditView#NONE}), the metrics it adds to {@code /metrics}, and
 * whatever must be closed at shutdown (report writer, informers, clients).
 *
 * @param fleet the fleet the policy decides against now
 */
record WebhookBackend(
    AdmissionPolicy policy,
    FleetInventory inventory,
    AutoCloseable resources,
    AuditView audit,
    List<MetricsSection> metrics,
    Supplier<Fleet> fleet) {
  WebhookBackend {
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(inventory, "inventory");
    resources = resources == null ? () -> {} : resources;
    audit = audit == null ? AuditView.NONE : audit;
    metrics = List.copyOf(metrics);
    fleet = fleet == null ? Fleet::empty : fleet;
  }

  WebhookBackend(AdmissionPolicy policy, FleetInventory inventory, AutoCloseable resources) {
    this(policy, inventory, resources, AuditView.NONE, List.of(), null);
  }
}
