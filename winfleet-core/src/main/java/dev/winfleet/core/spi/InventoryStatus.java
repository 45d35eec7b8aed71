package dev.winfleet.core.spi;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The state of the fleet inventory the policy decides against.
 *
 * @param synced true once the inventory has a complete view (informers synced, file read): the
 *     server reports ready only then
 * @param lastUpdated when the inventory last changed or was confirmed current; null before the
 *     first sync
 * @param nodes node counts by OS and build
 */
public record InventoryStatus(boolean synced, Instant lastUpdated, List<NodeGroup> nodes) {

  private static final InventoryStatus NOT_SYNCED = new InventoryStatus(false, null, List.of());

  public InventoryStatus {
    nodes = List.copyOf(nodes);
  }

  public static InventoryStatus notSynced() {
    return NOT_SYNCED;
  }

  public static InventoryStatus synced(Instant lastUpdated, List<NodeGroup> nodes) {
    return new InventoryStatus(true, lastUpdated, nodes);
  }

  public Optional<Instant> lastUpdatedAt() {
    return Optional.ofNullable(lastUpdated);
  }
}
