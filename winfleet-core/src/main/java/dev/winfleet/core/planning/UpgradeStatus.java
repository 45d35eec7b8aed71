package dev.winfleet.core.planning;

/** What an upgrade does to one workload. */
public enum UpgradeStatus {
  /** Still placeable as it is, with room for every replica. */
  OK("ok"),
  /** Placeable again once its images are rebuilt on the target release's base (and selectors). */
  REBUILD("rebuild"),
  /** No node left for it, or replicas without room even after a rebuild. */
  BREAKS("breaks");

  private final String wireName;

  UpgradeStatus(String wireName) {
    this.wireName = wireName;
  }

  /** As the JSON contract spells it: {@code ok}, {@code rebuild}, {@code breaks}. */
  public String wireName() {
    return wireName;
  }
}
