package dev.winfleet.core.placement;

import dev.winfleet.core.fleet.FleetNode;
import dev.winfleet.core.fleet.Taint;
import java.util.List;
import java.util.Objects;

/**
 * How one node stands for one pod.
 *
 * @param labelsMatch the nodeSelector and required affinity (with the RuntimeClass's) allow it
 * @param untoleratedTaints its NoSchedule/NoExecute taints the pod does not tolerate
 * @param imagesNotRunnable the pod's images this node cannot run with process isolation
 * @param imagesUnknown the pod's images whose fit to this node cannot be judged (unknown OS/build)
 */
public record NodeVerdict(
    FleetNode node,
    boolean labelsMatch,
    List<Taint> untoleratedTaints,
    List<String> imagesNotRunnable,
    List<String> imagesUnknown) {

  public NodeVerdict {
    Objects.requireNonNull(node, "node");
    untoleratedTaints = List.copyOf(untoleratedTaints);
    imagesNotRunnable = List.copyOf(imagesNotRunnable);
    imagesUnknown = List.copyOf(imagesUnknown);
  }

  /** The scheduler could put the pod here. */
  public boolean canLand() {
    return labelsMatch && untoleratedTaints.isEmpty();
  }

  /** No image is known not to run here (unknown ones are given the benefit of the doubt). */
  public boolean runsAllImages() {
    return imagesNotRunnable.isEmpty();
  }
}
