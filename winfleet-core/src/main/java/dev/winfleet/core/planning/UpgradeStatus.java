package dev.winfleet.core.planning;

/**
 * What an upgrade does to one workload, least to most severe: the order of the constants is the
 * order front ends sort by (worst first is the reverse).
 */
public enum UpgradeStatus {
  /** Still placeable as it is, with room for every replica. */
  OK("ok"),
  /**
   * Could not run before the upgrade either (no node it can land on runs it, or replicas without
   * room that the upgrade does not add to): the upgrade is not the cause, {@code winfleet check}
   * says what is.
   */
  ALREADY_BROKEN("already-broken"),
  /** Its images run on the target; only a windows-build selector (or toleration) must follow. */
  RESCHEDULE("reschedule"),
  /** Placeable again once its images are rebuilt on the target release's base (and selectors). */
  REBUILD("rebuild"),
  /** Runs today, but no node is left for it, or replicas lose their room, even after a rebuild. */
  BREAKS("breaks");

  private final String wireName;

  UpgradeStatus(String wireName) {
    this.wireName = wireName;
  }

  /**
   * As the JSON contract spells it: {@code ok}, {@code already-broken}, {@code reschedule}, {@code
   * rebuild}, {@code breaks}.
   */
  public String wireName() {
    return wireName;
  }
}
