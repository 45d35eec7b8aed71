package dev.winfleet.core.planning;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The sentences of the upgrade plan, one per kind of {@link BlockedBy} (and for workloads that stay
 * ok), on the hand-worked plans of {@link UpgradeStatusScenarioTest} and {@link
 * UpgradePlannerScenarioTest}. Those tests assert the structured values; {@link UpgradeExplanation}
 * renders these from them, and this is the one test that pins the words.
 */
class UpgradeExplanationTest {

  private static final UpgradePlan STATUS = UpgradeStatusScenarioTest.PLAN;
  private static final UpgradePlan FOUR =
      UpgradePlannerScenarioTest.plan(
          List.of("win19-a", "win19-b"), UpgradePlannerScenarioTest.WORKLOADS, "");

  private static String reason(String name) {
    return UpgradeStatusScenarioTest.outcome(name).reason();
  }

  private static String reason(UpgradePlan plan, String display) {
    return UpgradePlannerScenarioTest.outcome(plan, display).reason();
  }

  @Test
  void okNamesWhereItRuns() {
    assertThat(reason("api")).isEqualTo("its images run on Windows Server 2025 (10.0.26100)");
    assertThat(reason(FOUR, "Deployment/web"))
        .isEqualTo("it runs on Linux (or nodes the upgrade does not touch)");
    UpgradePlan one =
        UpgradePlannerScenarioTest.plan(
            List.of("win19-a"), UpgradePlannerScenarioTest.WORKLOADS, "");
    assertThat(reason(one, "Deployment/iis"))
        .isEqualTo(
            "nodes of 10.0.17763 that are not upgraded still run it, with room for all 2"
                + " replicas");
  }

  /*
   * A private image known by no tag scheme (and no saved inspection): its OS and build are not
   * known. Placement gives it the benefit of the doubt, so the workload stays ok, but the sentence
   * must not state as a fact that it runs on the target.
   */
  @Test
  void okForAnImageOfUnknownBuildSaysItIsAnAssumption() {
    UpgradePlan plan =
        UpgradePlannerScenarioTest.plan(
            List.of("win19-a", "win19-b"),
            PlanningFixtures.workload(
                "Deployment",
                "orders",
                "contoso.azurecr.io/orders/app:1.4.2",
                1,
                "500m",
                "512Mi",
                "{kubernetes.io/os: windows}"),
            "");
    WorkloadOutcome orders = UpgradePlannerScenarioTest.outcome(plan, "Deployment/orders");
    assertThat(orders.status()).isEqualTo(UpgradeStatus.OK);
    assertThat(orders.reason())
        .isEqualTo(
            "its images are assumed to run on Windows Server 2022 (10.0.20348); the OS or"
                + " Windows build of contoso.azurecr.io/orders/app:1.4.2 is not known ('winfleet"
                + " inspect' reads it from the registry)");
  }

  @Test
  void imageNotRebuiltNamesTheImagesAndTheTagToRebuildOn() {
    assertThat(reason("legacy"))
        .isEqualTo(
            "no node left runs"
                + " mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2019"
                + " (10.0.17763); rebuild on the Windows Server 2025 base image"
                + " (mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2025)");
    assertThat(reason(FOUR, "Deployment/iis"))
        .isEqualTo(
            "no node left runs"
                + " mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2019"
                + " (10.0.17763); rebuild on the Windows Server 2022 base image"
                + " (mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022); set"
                + " nodeSelector node.kubernetes.io/windows-build to 10.0.20348");
  }

  @Test
  void tagSchemeCautionsFollowTheReason() {
    assertThat(reason(UpgradePlannerScenarioTest.three(""), "Deployment/web"))
        .contains("4.8 images for ltsc2022 are no longer updated");
  }

  @Test
  void schedulingNamesTheSelectorToChange() {
    assertThat(reason("pinned"))
        .isEqualTo(
            "its images run on Windows Server 2025 (10.0.26100) but its windows-build selector"
                + " keeps it on 10.0.20348; set nodeSelector node.kubernetes.io/windows-build to"
                + " 10.0.26100; no image changes");
  }

  @Test
  void noCapacityGivesTheCountsAndTheRequest() {
    assertThat(reason(FOUR, "Deployment/batch"))
        .isEqualTo(
            "2 of 2 replicas have no room after the upgrade, even rebuilt for 10.0.20348 (each"
                + " asks 3 CPU, 1Gi memory); add nodes or lower the requests");
  }

  @Test
  void alreadyBrokenSaysTheUpgradeIsNotTheCause() {
    assertThat(reason("orphan"))
        .isEqualTo(
            "no node runs it even before the upgrade, so the upgrade is not the cause;"
                + " 'winfleet check' says why");
    assertThat(reason("huge"))
        .isEqualTo(
            "1 of 1 replica had no room before the upgrade either (each asks 8 CPU, 1Gi"
                + " memory); the upgrade does not make it worse");
  }

  @Test
  void reasonsNeverShowAnEmptyParenthesis() {
    assertThat(STATUS.workloads()).allSatisfy(w -> assertThat(w.reason()).doesNotContain("()"));
    assertThat(FOUR.workloads()).allSatisfy(w -> assertThat(w.reason()).doesNotContain("()"));
  }

  @Test
  void theFirstWaveSaysWhatToRollOutFirst() {
    assertThat(STATUS.waves().get(0).precondition())
        .isEqualTo(
            "rebuild first: Deployment/legacy (each image as one tag listing 10.0.17763,"
                + " 10.0.20348 and 10.0.26100, windows-build selectors allowing both); let the"
                + " windows-build selectors of Deployment/pinned allow 10.0.26100 too (their"
                + " images stay); then cordon and drain these nodes (kubectl drain"
                + " --ignore-daemonsets) and upgrade them to Windows Server 2025");
    assertThat(FOUR.waves().get(1).precondition())
        .isEqualTo(
            "wave 1 upgraded and Ready; then cordon and drain these nodes (kubectl drain"
                + " --ignore-daemonsets) and upgrade them to Windows Server 2022");
  }

  @Test
  void aBlockedWaveSaysWhichBudgetAndWhatToDo() {
    UpgradePlan plan =
        UpgradePlannerScenarioTest.three(
            String.format(UpgradePlannerScenarioTest.PDB, "minAvailable: 3"));
    assertThat(plan.waves().get(0).precondition())
        .endsWith(
            "; BLOCKED: PodDisruptionBudget/web (minAvailable 3 of 3 pods) allows 0"
                + " disruption(s) at a time and draining win19-a evicts 1; scale up or relax the"
                + " budget first");
  }
}
