package dev.winfleet.core.containerize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.winfleet.core.catalog.WindowsCatalog;
import dev.winfleet.core.compat.OsFamily;
import dev.winfleet.core.fleet.FleetNode;
import dev.winfleet.core.fleet.Taint;
import dev.winfleet.core.fleet.TaintEffect;
import dev.winfleet.core.fleet.Toleration;
import dev.winfleet.core.version.OsVersion;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TargetChooserTest {

  private final TargetChooser chooser = TargetChooser.builtIn();

  private static FleetNode windows(String name, int build, Taint... taints) {
    return FleetNode.of(
        name, Map.of(), List.of(taints), OsFamily.WINDOWS, OsVersion.ofBuild(build));
  }

  private static Taint taint(String key, String value) {
    return new Taint(key, value, TaintEffect.NO_SCHEDULE);
  }

  private static final Taint OS = taint("os", "windows");

  @Test
  void theBuildMostNodesRunWinsAndTheOthersAreNamed() {
    TargetPlatform t =
        chooser.fromFleet(List.of(windows("a", 17763), windows("b", 17763), windows("c", 20348)));

    assertThat(t.hostBuild()).isEqualTo(OsVersion.ofBuild(17763));
    assertThat(t.warnings()).anyMatch(w -> w.contains("c") && w.contains("--target 10.0.20348"));
  }

  @Test
  void aTieGoesToTheNewestBuild() {
    TargetPlatform t = chooser.fromFleet(List.of(windows("a", 17763), windows("b", 20348)));

    assertThat(t.hostBuild()).isEqualTo(OsVersion.ofBuild(20348));
    assertThat(t.reasons()).anyMatch(r -> r.contains("tie"));
  }

  @Test
  void onlyTheWindowsTaintIsTolerated() {
    TargetPlatform t =
        chooser.fromFleet(
            List.of(
                windows("a", 20348, OS, taint("gpu", "true")),
                windows("b", 20348, taint("node.kubernetes.io/unschedulable", "")),
                FleetNode.of("l", Map.of(), List.of(), OsFamily.LINUX, null)));

    assertThat(t.tolerations())
        .containsExactly(
            new Toleration("os", Toleration.Operator.EQUAL, "windows", TaintEffect.NO_SCHEDULE));
    assertThat(t.warnings()).anyMatch(w -> w.contains("gpu=true:NoSchedule on a"));
  }

  @Test
  void untaintedNodesNeedNoToleration() {
    assertThat(chooser.fromFleet(List.of(windows("a", 26100))).tolerations()).isEmpty();
  }

  @Test
  void aFleetWithoutWindowsNodesIsAUsageError() {
    assertThatThrownBy(
            () ->
                chooser.fromFleet(
                    List.of(FleetNode.of("l", Map.of(), List.of(), OsFamily.LINUX, null))))
        .isInstanceOfSatisfying(ContainerizeException.class, e -> assertThat(e.usage()).isTrue());
  }

  @Test
  void anExplicitTargetToleratesTheUsualWindowsTaintAndDropsTheRevision() {
    TargetPlatform t =
        chooser.fromTarget(
            "10.0.20348.2227", WindowsCatalog.builtIn().parseVersion("10.0.20348.2227"));

    assertThat(t.hostBuild().toString()).isEqualTo("10.0.20348");
    assertThat(t.tolerations()).containsExactly(TargetChooser.OS_WINDOWS);
  }

  @Test
  void aNonWindows10VersionIsRejected() {
    assertThatThrownBy(
            () -> chooser.fromTarget("6.3.9600", WindowsCatalog.builtIn().parseVersion("6.3.9600")))
        .isInstanceOf(ContainerizeException.class)
        .hasMessageContaining("10.0");
  }
}
