package dev.winfleet.cli;

import dev.winfleet.server.api.AdmissionPolicy;
import dev.winfleet.server.api.FleetInventory;
import java.util.Objects;

/**
 * What {@code winfleet serve} runs behind its HTTP server: the policy, the inventory it decides
 * against, and whatever must be closed at shutdown (informers, clients).
 */
record WebhookBackend(AdmissionPolicy policy, FleetInventory inventory, AutoCloseable resources) {
  WebhookBackend {
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(inventory, "inventory");
    resources = resources == null ? () -> {} : resources;
  }
}
