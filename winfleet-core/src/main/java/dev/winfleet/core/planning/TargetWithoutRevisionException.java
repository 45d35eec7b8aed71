package dev.winfleet.core.planning;

import dev.winfleet.core.version.OsVersion;

/**
 * A patch rollout to a version without its monthly revision: the plan needs the month. Each front
 * end says where the revisions are listed (the command line: {@code winfleet releases}).
 */
public final class TargetWithoutRevisionException extends PlanningException {

  private static final long serialVersionUID = 1L;

  private final transient OsVersion target;

  public TargetWithoutRevisionException(OsVersion target) {
    super(
        "the target "
            + target
            + " has no revision; give the full version of the month to roll out, e.g. "
            + target.buildString()
            + ".<revision>");
    this.target = target;
  }

  /** The version given, without revision. */
  public OsVersion target() {
    return target;
  }
}
