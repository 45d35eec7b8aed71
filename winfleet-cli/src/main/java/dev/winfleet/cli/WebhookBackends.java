package dev.winfleet.cli;

import dev.winfleet.server.ExercisePolicy;
import dev.winfleet.server.api.AdmissionPolicy;
import dev.winfleet.server.api.FleetInventory;
import dev.winfleet.server.api.InventoryStatus;
import dev.winfleet.server.api.PolicySettings;
import java.time.Clock;
import java.util.List;

/**
 * Builds what {@code winfleet serve} runs: the one place where the rules engine, the fleet
 * inventory (a file or the live cluster) and the registry inspector meet the webhook server.
 */
final class WebhookBackends {

  /** Which policy to run; anything but REAL is for benchmarks and demos. */
  enum Mode {
    /** The rules engine and placement against the fleet. */
    REAL,
    /** Admits everything unchanged: the server stack alone, for benchmarks. */
    NOOP,
    /** {@link ExercisePolicy}: reads images and annotates, deciding nothing. */
    EXERCISE
  }

  private WebhookBackends() {}

  static WebhookBackend create(
      Mode mode, FleetSourceSpec fleet, PolicySettings settings, Clock clock) {
    return switch (mode) {
      case NOOP -> new WebhookBackend(AdmissionPolicy.allowAll(), syncedEmpty(clock), null);
      case EXERCISE -> new WebhookBackend(new ExercisePolicy(), syncedEmpty(clock), null);
      case REAL -> real(fleet, settings, clock);
    };
  }

  /**
   * The seam for the rules engine (issue 4) and the fleet inventory: build an {@link
   * AdmissionPolicy} from the checker's rules and placement with {@code settings}, and a {@link
   * FleetInventory} from {@code fleet} (a file, or informers on the cluster).
   */
  private static WebhookBackend real(FleetSourceSpec fleet, PolicySettings settings, Clock clock) {
    throw new UserException(
        "winfleet serve has no rules engine in this build yet: it is wired in when the manifest"
            + " checker lands. Until then only the hidden benchmark modes run"
            + " (--policy-mode=noop or --policy-mode=exercise).");
  }

  private static FleetInventory syncedEmpty(Clock clock) {
    InventoryStatus status = InventoryStatus.synced(clock.instant(), List.of());
    return FleetInventory.fixed(status);
  }
}
