package dev.winfleet.core.spi;

/**
 * Where the server learns whether the fleet view is ready and what it holds: a static fleet file,
 * or the live cluster through informers. Called on every {@code /readyz} and {@code /metrics}
 * request, so {@link #status()} must be cheap and non-blocking (return a snapshot).
 */
@FunctionalInterface
public interface FleetInventory {

  InventoryStatus status();

  /** An inventory that is always synced with the given status. */
  static FleetInventory fixed(InventoryStatus status) {
    return () -> status;
  }
}
