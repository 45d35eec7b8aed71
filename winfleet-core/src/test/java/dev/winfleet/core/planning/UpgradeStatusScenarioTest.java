package dev.winfleet.core.planning;

import static dev.winfleet.core.planning.PlanningFixtures.linux;
import static dev.winfleet.core.planning.PlanningFixtures.windows;
import static dev.winfleet.core.planning.PlanningFixtures.workload;
import static org.assertj.core.api.Assertions.assertThat;

import dev.winfleet.core.catalog.WindowsCatalog;
import dev.winfleet.core.catalog.WindowsRelease;
import dev.winfleet.core.fleet.Fleet;
import dev.winfleet.core.image.ImageMetadataSource;
import dev.winfleet.core.planning.BlockedBy.Kind;
import dev.winfleet.core.version.OsVersion;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * One workload per status, on a fleet small enough to work out by hand.
 *
 * <p>win19-a (Windows Server 2019), win22-a (2022), win25-a (2025), 4 CPU and 8 GiB each, and a
 * Linux node; win19-a and win22-a are upgraded to Windows Server 2025 (10.0.26100). Images are
 * known by their tags. Process isolation needs the host's build, except that Windows Server 2025
 * also runs Windows Server 2022 images (learn.microsoft.com, "Windows container version
 * compatibility").
 *
 * <ul>
 *   <li>api (nanoserver:ltsc2025, 1 CPU): runs on win25-a before; after, on all three: ok.
 *   <li>legacy (servercore/iis:windowsservercore-ltsc2019, 1 CPU): runs only on win19-a; after, no
 *       2019 node is left and a 2019 image does not run on 2025: rebuild, on the IIS image MCR
 *       publishes for ltsc2025.
 *   <li>pinned (nanoserver:ltsc2022, windows-build 10.0.20348, 1 CPU): runs on win22-a; after, its
 *       image still runs on 2025 but its nodeSelector names no node: reschedule (the selector
 *       follows, the image stays).
 *   <li>orphan (nanoserver:ltsc2022, windows-build 10.0.14393): no node has that build, before or
 *       after: already broken, the upgrade is not the cause.
 *   <li>huge (nanoserver:ltsc2025, 8 CPU): lands on 2025 nodes, but no node has 8 CPU, before or
 *       after: already broken (1 of 1 replica without room both times).
 *   <li>pod (servercore/iis:windowsservercore-ltsc2019 from Docker Hub's microsoft/iis: the old tag
 *       1709 names 10.0.16299, which no node runs): already broken, and no image suggested.
 * </ul>
 *
 * Waves: drained in name order, win19-a's legacy pod goes to win25-a (the rebuilt image lists 17763
 * and 26100, not 20348) and win22-a's pinned pod to win25-a too (its selector allows 20348 and
 * 26100 during the upgrade): win25-a then runs api, legacy and pinned, 3 of its 4 CPU. One wave,
 * both nodes.
 */
class UpgradeStatusScenarioTest {

  private static final WindowsRelease WS2025 =
      WindowsCatalog.builtIn().findRelease("ltsc2025").orElseThrow();
  private static final UpgradePlanner PLANNER =
      UpgradePlanner.builtIn(ImageMetadataSource.tagHints());

  private static final Fleet FLEET =
      new Fleet(
          List.of(
              windows("win19-a", "10.0.17763.6414", 4, 8, Map.of()),
              windows("win22-a", "10.0.20348.2762", 4, 8, Map.of()),
              windows("win25-a", "10.0.26100.2605", 4, 8, Map.of()),
              linux("lin-a", 4, 8)),
          List.of());

  private static final String WINDOWS = "{kubernetes.io/os: windows}";

  private static final String WORKLOADS =
      workload(
              "Deployment",
              "api",
              "mcr.microsoft.com/windows/nanoserver:ltsc2025",
              1,
              "1",
              "1Gi",
              WINDOWS)
          + workload(
              "Deployment",
              "legacy",
              "mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2019",
              1,
              "1",
              "1Gi",
              WINDOWS)
          + workload(
              "Deployment",
              "pinned",
              "mcr.microsoft.com/windows/nanoserver:ltsc2022",
              1,
              "1",
              "1Gi",
              "{kubernetes.io/os: windows, node.kubernetes.io/windows-build: 10.0.20348}")
          + workload(
              "Deployment",
              "orphan",
              "mcr.microsoft.com/windows/nanoserver:ltsc2022",
              1,
              "1",
              "1Gi",
              "{kubernetes.io/os: windows, node.kubernetes.io/windows-build: 10.0.14393}")
          + workload(
              "Deployment",
              "huge",
              "mcr.microsoft.com/windows/nanoserver:ltsc2025",
              1,
              "8",
              "1Gi",
              WINDOWS)
          + workload(
              "Deployment", "pod", "microsoft/iis:windowsservercore-1709", 1, "1", "1Gi", WINDOWS);

  static final UpgradePlan PLAN =
      PLANNER.plan(
          new UpgradeRequest(
              FLEET,
              PlanningFixtures.workloads(WORKLOADS),
              List.of(),
              List.of("win19-a", "win22-a"),
              WS2025,
              0));

  static WorkloadOutcome outcome(String name) {
    return PLAN.workloads().stream()
        .filter(w -> w.object().display().equals("Deployment/" + name))
        .findFirst()
        .orElseThrow();
  }

  private static List<String> builds(java.util.SortedSet<OsVersion> builds) {
    return builds.stream().map(OsVersion::toString).toList();
  }

  @Test
  void workloadWhoseImageRunsOnTheTargetIsOk() {
    WorkloadOutcome api = outcome("api");
    assertThat(api.status()).isEqualTo(UpgradeStatus.OK);
    assertThat(builds(api.before())).containsExactly("10.0.26100");
    assertThat(builds(api.after())).containsExactly("10.0.26100");
    assertThat(api.suggestedImages()).isEmpty();
    assertThat(api.blockedBy()).isNull();
  }

  @Test
  void workloadWhoseImageMustChangeIsRebuildOnAPublishedTag() {
    WorkloadOutcome legacy = outcome("legacy");
    assertThat(legacy.status()).isEqualTo(UpgradeStatus.REBUILD);
    assertThat(builds(legacy.before())).containsExactly("10.0.17763");
    assertThat(legacy.after()).isEmpty();
    assertThat(legacy.suggestedImages())
        .containsExactly(
            Map.entry(
                "mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2019",
                "mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2025"));
    assertThat(legacy.selectorChanges()).isEmpty();
    assertThat(legacy.blockedBy())
        .isEqualTo(
            BlockedBy.of(
                Kind.IMAGE_NOT_REBUILT,
                "mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2019"));
  }

  @Test
  void workloadWhoseSelectorAloneMustFollowIsReschedule() {
    WorkloadOutcome pinned = outcome("pinned");
    assertThat(pinned.status()).isEqualTo(UpgradeStatus.RESCHEDULE);
    assertThat(builds(pinned.before())).containsExactly("10.0.20348");
    assertThat(pinned.after()).isEmpty();
    assertThat(pinned.suggestedImages()).isEmpty();
    assertThat(pinned.selectorChanges())
        .containsExactly(
            new SelectorChange(
                "nodeSelector node.kubernetes.io/windows-build", "10.0.20348", "10.0.26100"));
    assertThat(pinned.blockedBy()).isEqualTo(BlockedBy.of(Kind.SCHEDULING, "10.0.20348"));
  }

  @Test
  void workloadThatRanNowhereBeforeIsAlreadyBrokenWithoutSuggestions() {
    WorkloadOutcome orphan = outcome("orphan");
    assertThat(orphan.status()).isEqualTo(UpgradeStatus.ALREADY_BROKEN);
    assertThat(orphan.before()).isEmpty();
    assertThat(orphan.after()).isEmpty();
    assertThat(orphan.suggestedImages()).isEmpty();
    assertThat(orphan.replicasWithoutRoom()).as("no node, not no room").isZero();
    assertThat(orphan.blockedBy()).isEqualTo(BlockedBy.of(Kind.NO_NODE_BEFORE));

    WorkloadOutcome pod = outcome("pod");
    assertThat(pod.status()).isEqualTo(UpgradeStatus.ALREADY_BROKEN);
    assertThat(pod.suggestedImages()).isEmpty();
    assertThat(pod.blockedBy()).isEqualTo(BlockedBy.of(Kind.NO_NODE_BEFORE));
  }

  @Test
  void replicasWithoutRoomBeforeAndAfterAreAlreadyBroken() {
    WorkloadOutcome huge = outcome("huge");
    assertThat(huge.status()).isEqualTo(UpgradeStatus.ALREADY_BROKEN);
    assertThat(huge.replicasWithoutRoom()).isEqualTo(1);
    assertThat(huge.blockedBy()).isEqualTo(BlockedBy.of(Kind.NO_CAPACITY_BEFORE));
  }

  @Test
  void onlyWhatTheUpgradeBreaksCountsAsBreaking() {
    assertThat(PLAN.anyBreaks()).isFalse();
    assertThat(PLAN.count(UpgradeStatus.ALREADY_BROKEN)).isEqualTo(3);
  }

  @Test
  void selectorsFollowBeforeTheDrainAndBothNodesGoInOneWave() {
    assertThat(PLAN.waves())
        .extracting(UpgradeWave::nodes)
        .containsExactly(List.of("win19-a", "win22-a"));
    assertThat(PLAN.waves()).noneMatch(UpgradeWave::blocked);
  }
}
