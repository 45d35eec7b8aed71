package dev.winfleet.core.planning;

import dev.winfleet.core.planning.BlockedBy.Kind;
import dev.winfleet.core.planning.PlacedWorkload.Mode;
import dev.winfleet.core.version.OsVersion;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The planner's verdict on one workload (the last step): its status and what blocks it, from
 * placement alone and from room before and after.
 *
 * @param mode as it is or rebuilt, as packed after the upgrade
 * @param placement from placement alone: {@code OK} (lands as it is), {@code REBUILD} (only
 *     rebuilt) or {@code BREAKS}
 * @param landedBefore whether it landed and ran somewhere before the upgrade
 * @param wanted the pods it wants after the upgrade
 * @param withoutRoom its pods without room after the upgrade
 * @param withoutRoomBefore its pods without room before the upgrade
 * @param before the builds it runs on today, as it is
 * @param after the builds it runs on after the upgrade, as it is
 * @param blockedBy what stands in its way; null for {@code OK}
 */
record JudgedWorkload(
    PlacedWorkload placed,
    Mode mode,
    UpgradeStatus placement,
    UpgradeStatus status,
    boolean landedBefore,
    int wanted,
    int withoutRoom,
    int withoutRoomBefore,
    SortedSet<OsVersion> before,
    SortedSet<OsVersion> after,
    BlockedBy blockedBy) {

  JudgedWorkload {
    Objects.requireNonNull(placed, "placed");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(status, "status");
    before = Collections.unmodifiableSortedSet(new TreeSet<>(before));
    after = Collections.unmodifiableSortedSet(new TreeSet<>(after));
    if ((status == UpgradeStatus.OK) != (blockedBy == null)) {
      throw new IllegalArgumentException("a workload is blocked exactly when it is not ok");
    }
  }

  /**
   * Judges a workload. One that could not run before either is {@code already-broken} (the upgrade
   * is not the cause); one whose images run on the target but whose windows-build selector must
   * follow is {@code reschedule}; one whose images must change is {@code rebuild}; one left with no
   * node, or with fewer pods placed than before, {@code breaks}.
   */
  static JudgedWorkload judge(
      PlacedWorkload placed,
      Mode mode,
      UpgradeStatus placement,
      boolean landedBefore,
      int wanted,
      int withoutRoom,
      int withoutRoomBefore,
      SortedSet<OsVersion> before,
      SortedSet<OsVersion> after,
      SortedSet<OsVersion> afterInMode) {
    Workload w = placed.workload();
    RebuiltWorkload rebuilt = placed.rebuilt();
    UpgradeStatus status;
    BlockedBy blockedBy;
    if (!landedBefore && !w.daemonSet() && placement != UpgradeStatus.OK) {
      status = UpgradeStatus.ALREADY_BROKEN; // even if a rebuild would place it after
      blockedBy = BlockedBy.of(Kind.NO_NODE_BEFORE);
    } else if (placement == UpgradeStatus.BREAKS) {
      status = UpgradeStatus.BREAKS;
      blockedBy = BlockedBy.of(Kind.NO_NODE, names(before));
    } else if (withoutRoom > 0 && withoutRoomBefore >= withoutRoom) {
      status = UpgradeStatus.ALREADY_BROKEN;
      blockedBy = BlockedBy.of(landedBefore ? Kind.NO_CAPACITY_BEFORE : Kind.NO_NODE_BEFORE);
    } else if (withoutRoom > 0) {
      status = UpgradeStatus.BREAKS;
      blockedBy = BlockedBy.of(Kind.NO_CAPACITY, names(afterInMode));
    } else if (mode == Mode.REBUILT && rebuilt.imagesNeedingRebuild().isEmpty()) {
      status = UpgradeStatus.RESCHEDULE;
      blockedBy =
          BlockedBy.of(
              Kind.SCHEDULING,
              rebuilt.selectorChanges().stream().map(SelectorChange::from).distinct().toList());
    } else if (mode == Mode.REBUILT) {
      status = UpgradeStatus.REBUILD;
      blockedBy =
          placement == UpgradeStatus.OK && !w.daemonSet()
              // It still lands as it is, but the nodes left have no room for all of it.
              ? BlockedBy.of(Kind.NO_CAPACITY, names(after))
              : BlockedBy.of(Kind.IMAGE_NOT_REBUILT, rebuilt.imagesNeedingRebuild());
    } else {
      status = UpgradeStatus.OK;
      blockedBy = null;
    }
    return new JudgedWorkload(
        placed,
        mode,
        placement,
        status,
        landedBefore,
        wanted,
        withoutRoom,
        withoutRoomBefore,
        before,
        after,
        blockedBy);
  }

  private static List<String> names(SortedSet<OsVersion> builds) {
    return builds.stream().map(OsVersion::toString).toList();
  }

  /** Left out of the waves: it breaks or was broken anyway, so no drain waits for it. */
  boolean excluded() {
    return status == UpgradeStatus.BREAKS || status == UpgradeStatus.ALREADY_BROKEN;
  }

  Workload workload() {
    return placed.workload();
  }

  /**
   * Its pods without room, as the outcome reports them: without a node to run on at all, its
   * replicas lack a node, not room (0).
   */
  int replicasWithoutRoom() {
    return placement == UpgradeStatus.BREAKS || !landedBefore && status != UpgradeStatus.OK
        ? 0
        : withoutRoom;
  }
}
