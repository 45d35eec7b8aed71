package dev.winfleet.core.planning;

import dev.winfleet.core.manifest.ObjectRef;
import dev.winfleet.core.version.OsVersion;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What the upgrade does to one workload.
 *
 * @param file where it came from; null when from no file
 * @param before the Windows builds (no revision) of the nodes it can land and run on today
 * @param after the same once the selected nodes run the target release, images unchanged
 * @param suggestedImages old reference to the reference for the target build, where the repository
 *     follows a known tag scheme
 * @param selectorChanges the scheduling changes that go with the new images
 * @param replicas the pods it wants (for a DaemonSet: the nodes it runs on after the upgrade)
 * @param replicasWithoutRoom pods that find no node with room for their CPU and memory requests in
 *     the final state (with the rebuild, for {@link UpgradeStatus#REBUILD}); 0 when no node can run
 *     it at all (then room is not the problem)
 * @param reason why, in a sentence a person can act on
 * @param blockedBy what stands in its way, as a value ({@code reason} says it in words); null for
 *     {@link UpgradeStatus#OK}
 */
public record WorkloadOutcome(
    ObjectRef object,
    String file,
    UpgradeStatus status,
    SortedSet<OsVersion> before,
    SortedSet<OsVersion> after,
    Map<String, String> suggestedImages,
    List<SelectorChange> selectorChanges,
    int replicas,
    int replicasWithoutRoom,
    String reason,
    BlockedBy blockedBy) {

  public WorkloadOutcome {
    Objects.requireNonNull(object, "object");
    Objects.requireNonNull(status, "status");
    before = Collections.unmodifiableSortedSet(new TreeSet<>(before));
    after = Collections.unmodifiableSortedSet(new TreeSet<>(after));
    suggestedImages = Collections.unmodifiableMap(new LinkedHashMap<>(suggestedImages));
    selectorChanges = List.copyOf(selectorChanges);
    Objects.requireNonNull(reason, "reason");
  }
}
