package dev.winfleet.core.spi;

import dev.winfleet.core.fleet.Fleet;

/**
 * A {@link FleetInventory} that also holds the fleet itself, for the policy to decide against: a
 * static file, or the live cluster through informers.
 *
 * <p>{@link #fleet()} returns an immutable snapshot and is called on every admission request, so it
 * must be cheap and non-blocking. A new snapshot is a new object: the policy rebuilds what it
 * derives from the fleet when the identity changes.
 */
public interface FleetView extends FleetInventory {

  /** The current snapshot; {@link Fleet#empty()} before the first sync. */
  Fleet fleet();

  /** A fleet that never changes, synced from the start. */
  static FleetView of(Fleet fleet, java.time.Instant loadedAt) {
    InventoryStatus status = InventoryStatus.synced(loadedAt, NodeGroups.of(fleet));
    return new FleetView() {
      @Override
      public Fleet fleet() {
        return fleet;
      }

      @Override
      public InventoryStatus status() {
        return status;
      }
    };
  }
}
