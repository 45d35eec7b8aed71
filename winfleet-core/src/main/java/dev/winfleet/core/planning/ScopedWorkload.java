package dev.winfleet.core.planning;

import dev.winfleet.core.image.ImageProfile;
import dev.winfleet.core.placement.SchedulingConstraints;
import java.util.List;
import java.util.Objects;

/**
 * A workload the upgrade covers, as placement sees it: the first step of the planner's picture of a
 * workload.
 *
 * @param index its position in the request
 * @param constraints its scheduling with its RuntimeClass merged in
 * @param profiles what is known about its images, in the order of {@link Workload#images()}
 */
record ScopedWorkload(
    int index, Workload workload, SchedulingConstraints constraints, List<ImageProfile> profiles) {

  ScopedWorkload {
    Objects.requireNonNull(workload, "workload");
    Objects.requireNonNull(constraints, "constraints");
    profiles = List.copyOf(profiles);
  }
}
