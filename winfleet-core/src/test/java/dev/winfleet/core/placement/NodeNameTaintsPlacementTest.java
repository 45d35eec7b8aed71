package dev.winfleet.core.placement;

import static org.assertj.core.api.Assertions.assertThat;

import dev.winfleet.core.catalog.WindowsCatalog;
import dev.winfleet.core.compat.OsFamily;
import dev.winfleet.core.fleet.FleetNode;
import dev.winfleet.core.fleet.Taint;
import dev.winfleet.core.fleet.TaintEffect;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code spec.nodeName} bypasses the scheduler, which alone enforces NoSchedule; the kubelet admits
 * only pods that tolerate its node's NoExecute taints (sources in {@code
 * dev.winfleet.core.rules.NodeNameTaintsTest}). A hostname selector goes through the scheduler.
 */
class NodeNameTaintsPlacementTest {

  private static final Taint NO_SCHEDULE = new Taint("os", "windows", TaintEffect.NO_SCHEDULE);
  private static final Taint NO_EXECUTE = new Taint("maintenance", "", TaintEffect.NO_EXECUTE);

  private static final FleetNode WIN22 =
      FleetNode.of(
          "win22",
          Map.of("kubernetes.io/os", "windows", "node.kubernetes.io/windows-build", "10.0.20348"),
          List.of(NO_SCHEDULE, NO_EXECUTE),
          OsFamily.WINDOWS,
          WindowsCatalog.builtIn().parseVersion("10.0.20348.2762"));

  @Test
  void nodeNamePodIsHeldOnlyByNoExecuteTaints() {
    SchedulingConstraints c = SchedulingConstraints.fromPodSpec(Map.of("nodeName", "win22"));

    assertThat(c.untoleratedTaints(WIN22)).containsExactly(NO_EXECUTE);
  }

  @Test
  void nodeNameSurvivesRuntimeClassAndRestriction() {
    SchedulingConstraints c = SchedulingConstraints.fromPodSpec(Map.of("nodeName", "win22"));

    assertThat(c.withTolerations(List.of()).untoleratedTaints(WIN22)).containsExactly(NO_EXECUTE);
    assertThat(c.restrictedTo(java.util.Set.of("kubernetes.io/os")).untoleratedTaints(WIN22))
        .containsExactly(NO_EXECUTE);
  }

  @Test
  void hostnameSelectedPodIsHeldByBothEffects() {
    SchedulingConstraints c =
        SchedulingConstraints.fromPodSpec(
            Map.of("nodeSelector", Map.of("kubernetes.io/hostname", "win22")));

    assertThat(c.untoleratedTaints(WIN22)).containsExactly(NO_SCHEDULE, NO_EXECUTE);
  }
}
