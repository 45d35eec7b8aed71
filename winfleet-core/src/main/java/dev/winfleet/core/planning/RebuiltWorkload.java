package dev.winfleet.core.planning;

import dev.winfleet.core.image.ImageProfile;
import dev.winfleet.core.placement.SchedulingConstraints;
import java.util.List;
import java.util.Objects;

/**
 * A workload as it would be rebuilt for the transition (the second step): its images that the
 * target cannot run gain a platform for the target build, its windows-build selectors that pin an
 * upgraded build allow the target build too.
 *
 * @param profiles its images, rebuilt where needed
 * @param constraints its scheduling during the transition
 * @param selectorChanges the selector edits that go with the rebuild
 * @param imagesNeedingRebuild the references of its images the target cannot run
 * @param imagesUnknownOnTarget the references of its images whose fit to the target cannot be
 *     judged (unknown OS, or Windows of unknown build): placement gives them the benefit of the
 *     doubt, the explanation must say so
 */
record RebuiltWorkload(
    List<ImageProfile> profiles,
    SchedulingConstraints constraints,
    List<SelectorChange> selectorChanges,
    List<String> imagesNeedingRebuild,
    List<String> imagesUnknownOnTarget) {

  RebuiltWorkload {
    profiles = List.copyOf(profiles);
    Objects.requireNonNull(constraints, "constraints");
    selectorChanges = List.copyOf(selectorChanges);
    imagesNeedingRebuild = List.copyOf(imagesNeedingRebuild);
    imagesUnknownOnTarget = List.copyOf(imagesUnknownOnTarget);
  }
}
