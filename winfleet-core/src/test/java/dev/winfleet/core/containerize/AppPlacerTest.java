package dev.winfleet.core.containerize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.winfleet.core.catalog.WindowsCatalog;
import dev.winfleet.core.compat.OsFamily;
import dev.winfleet.core.fleet.FleetNode;
import dev.winfleet.core.fleet.Taint;
import dev.winfleet.core.fleet.TaintEffect;
import dev.winfleet.core.fleet.Toleration;
import dev.winfleet.core.fleet.WindowsNodeTaints;
import dev.winfleet.core.placement.NodeSelectorRequirement;
import dev.winfleet.core.version.OsVersion;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An app's placement goes through the webhook's planner. Expectations from Microsoft's "Windows
 * container version compatibility" (process isolation: Windows Server 2025 hosts run Windows Server
 * 2022 images; Windows Server 2022 and 2019 hosts only images of their own build) and the
 * Kubernetes docs' "Guide for running Windows containers" (node.kubernetes.io/windows-build label,
 * os=windows:NoSchedule taint).
 */
class AppPlacerTest {

  private final AppPlacer placer = AppPlacer.builtIn();
  private final TargetChooser chooser = TargetChooser.builtIn();

  private static final ImageChoice ASPNET_2022 =
      new ImageChoice(
          "mcr.microsoft.com/dotnet/framework/aspnet",
          "4.8.1-windowsservercore-ltsc2022",
          20348,
          "");
  private static final ImageChoice ASPNET_2025 =
      new ImageChoice(
          "mcr.microsoft.com/dotnet/framework/aspnet",
          "4.8.1-windowsservercore-ltsc2025",
          26100,
          "");
  private static final ImageChoice ASPNET_2019 =
      new ImageChoice(
          "mcr.microsoft.com/dotnet/framework/aspnet", "4.8-windowsservercore-ltsc2019", 17763, "");

  private static FleetNode windows(String name, int build, Taint... taints) {
    return FleetNode.of(
        name, Map.of(), List.of(taints), OsFamily.WINDOWS, OsVersion.ofBuild(build));
  }

  private static Taint noSchedule(String key, String value) {
    return new Taint(key, value, TaintEffect.NO_SCHEDULE);
  }

  private AppPlacement place(List<FleetNode> fleet, ImageChoice runtime) {
    return placer.place(chooser.fromFleet(fleet), "app:1.0.0", runtime);
  }

  @Test
  void aServer2022ImageGoesToServer2022And2025NodesAndLeavesOnly2019Out() {
    AppPlacement p =
        place(
            List.of(windows("w19", 17763), windows("w22", 20348), windows("w25", 26100)),
            ASPNET_2022);

    assertThat(p.builds()).containsExactly(OsVersion.ofBuild(20348), OsVersion.ofBuild(26100));
    assertThat(p.nodeSelector()).containsExactly(Map.entry("kubernetes.io/os", "windows"));
    assertThat(p.buildRequirement())
        .contains(
            new NodeSelectorRequirement(
                "node.kubernetes.io/windows-build",
                NodeSelectorRequirement.Operator.IN,
                List.of("10.0.20348", "10.0.26100")));
    assertThat(p.warnings())
        .singleElement()
        .satisfies(
            w ->
                assertThat(w)
                    .startsWith("node(s) w19 run Windows Server 2019")
                    .contains("--target 10.0.17763")
                    .doesNotContain("w22", "w25"));
  }

  @Test
  void aServer2025ImageIsPinnedToServer2025Nodes() {
    AppPlacement p = place(List.of(windows("w22", 20348), windows("w25", 26100)), ASPNET_2025);

    assertThat(p.nodeSelector())
        .containsEntry("kubernetes.io/os", "windows")
        .containsEntry("node.kubernetes.io/windows-build", "10.0.26100");
    assertThat(p.buildRequirement()).isEmpty();
    assertThat(p.warnings())
        .singleElement()
        .satisfies(w -> assertThat(w).startsWith("node(s) w22"));
  }

  @Test
  void aServer2019ImageRunsOnlyOnServer2019Nodes() {
    AppPlacement p = place(List.of(windows("w19", 17763), windows("w22", 20348)), ASPNET_2019);

    assertThat(p.nodeSelector()).containsEntry("node.kubernetes.io/windows-build", "10.0.17763");
    assertThat(p.warnings())
        .singleElement()
        .satisfies(w -> assertThat(w).startsWith("node(s) w22"));
  }

  @Test
  void onlyTaintsThatMarkWindowsNodesAreTolerated() {
    AppPlacement p =
        place(
            List.of(
                windows("a", 20348, noSchedule("os", "windows"), noSchedule("gpu", "true")),
                windows("b", 20348, noSchedule("node.kubernetes.io/os", "windows")),
                windows("c", 20348, noSchedule("node.kubernetes.io/unschedulable", "")),
                FleetNode.of("l", Map.of(), List.of(), OsFamily.LINUX, null)),
            ASPNET_2022);

    assertThat(p.tolerations())
        .containsExactlyInAnyOrder(
            new Toleration("os", Toleration.Operator.EQUAL, "windows", TaintEffect.NO_SCHEDULE),
            new Toleration(
                "node.kubernetes.io/os",
                Toleration.Operator.EQUAL,
                "windows",
                TaintEffect.NO_SCHEDULE));
    assertThat(p.warnings()).anyMatch(w -> w.contains("gpu=true:NoSchedule on a"));
    assertThat(p.warnings()).noneMatch(w -> w.contains("unschedulable"));
  }

  @Test
  void untaintedNodesNeedNoToleration() {
    assertThat(place(List.of(windows("a", 26100)), ASPNET_2025).tolerations()).isEmpty();
  }

  @Test
  void anExplicitTargetToleratesEveryKnownWindowsTaint() {
    TargetPlatform target =
        chooser.fromTarget("ltsc2022", WindowsCatalog.builtIn().parseVersion("ltsc2022"));
    AppPlacement p = placer.place(target, "app:1.0.0", ASPNET_2022);

    assertThat(p.nodeSelector()).containsEntry("node.kubernetes.io/windows-build", "10.0.20348");
    assertThat(p.tolerations())
        .containsExactlyElementsOf(WindowsNodeTaints.builtIn().tolerations());
    assertThat(p.warnings()).isEmpty();
  }
}
