package dev.winfleet.core.containerize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.winfleet.core.catalog.WindowsCatalog;
import dev.winfleet.core.compat.OsFamily;
import dev.winfleet.core.fleet.FleetNode;
import dev.winfleet.core.fleet.WindowsNodeTaints;
import dev.winfleet.core.version.OsVersion;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Which build's images serve the fleet. Expectations from Microsoft's "Windows container version
 * compatibility" (MicrosoftDocs/Virtualization-Documentation, version-compatibility.md): with
 * process isolation a Windows Server 2019 (17763) host runs only 17763 images, a Windows Server
 * 2022 (20348) host only 20348 images, and Windows Server 2025 (26100) and 23H2 (25398) hosts also
 * run Windows Server 2022 images.
 */
class TargetChooserTest {

  private final TargetChooser chooser = TargetChooser.builtIn();

  private static FleetNode windows(String name, int build) {
    return FleetNode.of(name, Map.of(), List.of(), OsFamily.WINDOWS, OsVersion.ofBuild(build));
  }

  @Test
  void theBuildWhoseImageRunsOnTheMostNodesWins() {
    TargetPlatform t =
        chooser.fromFleet(List.of(windows("a", 17763), windows("b", 17763), windows("c", 20348)));

    assertThat(t.hostBuild()).isEqualTo(OsVersion.ofBuild(17763));
    assertThat(t.nodes()).extracting(FleetNode::name).containsExactly("a", "b", "c");
    assertThat(t.reasons()).anyMatch(r -> r.contains("on 2 of the 3 Windows nodes"));
  }

  @Test
  void server2025NodesCountForAServer2022Image() {
    TargetPlatform t =
        chooser.fromFleet(List.of(windows("a", 20348), windows("b", 26100), windows("c", 26100)));

    // A 26100 image would run on b and c only; a 20348 image runs on all three.
    assertThat(t.hostBuild()).isEqualTo(OsVersion.ofBuild(20348));
    assertThat(t.reasons()).anyMatch(r -> r.contains("on 3 of the 3 Windows nodes"));
  }

  @Test
  void annualChannelNodesRunServer2022Images() {
    TargetPlatform t = chooser.fromFleet(List.of(windows("a", 25398), windows("b", 20348)));

    assertThat(t.hostBuild()).isEqualTo(OsVersion.ofBuild(20348));
  }

  @Test
  void aTieGoesToTheNewestBuild() {
    TargetPlatform t = chooser.fromFleet(List.of(windows("a", 17763), windows("b", 20348)));

    assertThat(t.hostBuild()).isEqualTo(OsVersion.ofBuild(20348));
    assertThat(t.reasons()).anyMatch(r -> r.contains("tie"));
  }

  @Test
  void windowsNodesWithoutABuildAreNamedAndLeftOut() {
    FleetNode unknown = FleetNode.of("u", Map.of(), List.of(), OsFamily.WINDOWS, null);
    TargetPlatform t = chooser.fromFleet(List.of(unknown, windows("a", 20348)));

    assertThat(t.nodes()).extracting(FleetNode::name).containsExactly("a");
    assertThat(t.warnings()).anyMatch(w -> w.startsWith("Windows node(s) u carry no"));
  }

  @Test
  void aFleetWithoutWindowsNodesIsAUsageError() {
    assertThatThrownBy(
            () ->
                chooser.fromFleet(
                    List.of(FleetNode.of("l", Map.of(), List.of(), OsFamily.LINUX, null))))
        .isInstanceOfSatisfying(
            ContainerizeException.class,
            e -> {
              assertThat(e.usage()).isTrue();
              // The core names the parameter in words; the command line renders its flag.
              assertThat(e.getMessage())
                  .endsWith("give the Windows build to build for (the target Windows build)");
              assertThat(e.render(p -> "--" + p.name().toLowerCase(java.util.Locale.ROOT)))
                  .endsWith("give the Windows build to build for (--target)");
            });
  }

  @Test
  void anExplicitTargetStandsInForNodesOfThatBuildWithEveryKnownWindowsTaint() {
    TargetPlatform t =
        chooser.fromTarget(
            "10.0.20348.2227", WindowsCatalog.builtIn().parseVersion("10.0.20348.2227"));

    assertThat(t.hostBuild().toString()).isEqualTo("10.0.20348");
    assertThat(t.nodes()).hasSize(1);
    assertThat(t.nodes().get(0).windowsVersion()).isEqualTo(OsVersion.ofBuild(20348));
    assertThat(t.nodes().get(0).taints())
        .containsExactlyElementsOf(WindowsNodeTaints.builtIn().taints());
  }

  @Test
  void aNonWindows10VersionIsRejected() {
    assertThatThrownBy(
            () -> chooser.fromTarget("6.3.9600", WindowsCatalog.builtIn().parseVersion("6.3.9600")))
        .isInstanceOfSatisfying(
            ContainerizeException.class,
            e -> {
              assertThat(e.getMessage())
                  .startsWith("the target Windows build 6.3.9600 is Windows 6.3.9600;")
                  .contains("10.0");
              assertThat(e.render(p -> "--" + p.name().toLowerCase(java.util.Locale.ROOT)))
                  .startsWith("--target 6.3.9600 is Windows");
            });
  }
}
