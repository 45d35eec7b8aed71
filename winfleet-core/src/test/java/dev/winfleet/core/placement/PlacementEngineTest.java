package dev.winfleet.core.placement;

import static org.assertj.core.api.Assertions.assertThat;

import dev.winfleet.core.catalog.WindowsCatalog;
import dev.winfleet.core.compat.OsFamily;
import dev.winfleet.core.fleet.Fleet;
import dev.winfleet.core.fleet.FleetNode;
import dev.winfleet.core.fleet.RuntimeClassSpec;
import dev.winfleet.core.fleet.Taint;
import dev.winfleet.core.fleet.TaintEffect;
import dev.winfleet.core.fleet.Toleration;
import dev.winfleet.core.image.ImageMetadataSource;
import dev.winfleet.core.image.ImageProfile;
import dev.winfleet.core.manifest.ManifestReader;
import dev.winfleet.core.manifest.Values;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PlacementEngineTest {

  private static final Taint OS_WINDOWS = new Taint("os", "windows", TaintEffect.NO_SCHEDULE);

  private static final FleetNode WIN19 =
      FleetNode.of(
          "win19",
          Map.of(
              "kubernetes.io/os",
              "windows",
              "node.kubernetes.io/windows-build",
              "10.0.17763",
              "pool",
              "legacy",
              "cores",
              "8"),
          List.of(OS_WINDOWS),
          OsFamily.WINDOWS,
          WindowsCatalog.builtIn().parseVersion("10.0.17763.6414"));
  private static final FleetNode WIN22 =
      FleetNode.of(
          "win22",
          Map.of(
              "kubernetes.io/os",
              "windows",
              "node.kubernetes.io/windows-build",
              "10.0.20348",
              "cores",
              "16"),
          List.of(OS_WINDOWS, new Taint("gpu", "", TaintEffect.PREFER_NO_SCHEDULE)),
          OsFamily.WINDOWS,
          WindowsCatalog.builtIn().parseVersion("10.0.20348.2762"));
  private static final FleetNode LINUX =
      FleetNode.of(
          "lin",
          Map.of("kubernetes.io/os", "linux"),
          List.of(new Taint("dedicated", "infra", TaintEffect.NO_EXECUTE)),
          OsFamily.LINUX,
          null);
  private static final Fleet FLEET =
      new Fleet(
          List.of(WIN19, WIN22, LINUX),
          List.of(
              new RuntimeClassSpec(
                  "win2019",
                  "runhcs-wcow-process",
                  Map.of("node.kubernetes.io/windows-build", "10.0.17763"),
                  List.of(Toleration.forTaint(OS_WINDOWS)))));

  private static SchedulingConstraints pod(String yaml) {
    return SchedulingConstraints.fromPodSpec(
        Values.map(
            ManifestReader.defaults()
                .read("p.yaml", "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n" + yaml)
                .objects()
                .get(0)
                .tree()
                .get("spec")));
  }

  private static List<String> landing(SchedulingConstraints c) {
    return FLEET.nodes().stream().filter(c::canLandOn).map(FleetNode::name).toList();
  }

  @Test
  void untoleratedNoScheduleAndNoExecuteTaintsKeepPodsOffPreferNoScheduleDoesNot() {
    assertThat(landing(SchedulingConstraints.none())).isEmpty();
    assertThat(
            landing(
                pod(
                    "  tolerations: [{key: os, operator: Equal, value: windows, effect: NoSchedule}]\n")))
        .containsExactly("win19", "win22");
    assertThat(
            landing(
                pod(
                    "  tolerations: [{key: dedicated, operator: Equal, value: infra, effect: NoSchedule}]\n")))
        .as("a NoSchedule toleration does not tolerate a NoExecute taint")
        .isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "Exists with empty key tolerates everything | [{operator: Exists}] | win19,win22,lin",
        "Exists with key and no effect tolerates every effect of that key | [{key: os, operator: Exists}] | win19,win22",
        "missing operator means Equal | [{key: os, value: windows}] | win19,win22",
        "Equal with another value tolerates nothing | [{key: os, value: Windows, effect: NoSchedule}] | ''",
        "effect must match when given | [{key: os, value: windows, effect: NoExecute}] | ''",
        "Equal with empty key is invalid and tolerates nothing | [{operator: Equal, value: windows}] | ''",
        "unknown operator is ignored | [{key: os, operator: Matches, value: windows}] | ''"
      })
  void tolerationsFollowTheScheduler(String name, String tolerations, String expected) {
    List<String> want = expected.isEmpty() ? List.of() : List.of(expected.split(","));
    assertThat(landing(pod("  tolerations: " + tolerations + "\n")))
        .containsExactlyElementsOf(want);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "In | {key: node.kubernetes.io/windows-build, operator: In, values: [10.0.20348]} | win22",
        "NotIn matches nodes without the label | {key: pool, operator: NotIn, values: [legacy]} | win22,lin",
        "Exists | {key: pool, operator: Exists} | win19",
        "DoesNotExist | {key: pool, operator: DoesNotExist} | win22,lin",
        "Gt | {key: cores, operator: Gt, values: ['8']} | win22",
        "Lt | {key: cores, operator: Lt, values: ['16']} | win19",
        "Gt with a non-number label matches nothing | {key: kubernetes.io/os, operator: Gt, values: ['1']} | ''"
      })
  void requiredNodeAffinityOperators(String name, String expression, String expected) {
    SchedulingConstraints c =
        pod(
            "  tolerations: [{operator: Exists}]\n"
                + "  affinity:\n    nodeAffinity:\n      requiredDuringSchedulingIgnoredDuringExecution:\n"
                + "        nodeSelectorTerms:\n          - matchExpressions: ["
                + expression
                + "]\n");
    List<String> want = expected.isEmpty() ? List.of() : List.of(expected.split(","));
    assertThat(landing(c)).containsExactlyElementsOf(want);
  }

  @Test
  void nodeSelectorTermsAreOredAndEmptyTermsMatchNothing() {
    SchedulingConstraints c =
        pod(
            "  tolerations: [{operator: Exists}]\n"
                + "  affinity:\n    nodeAffinity:\n      requiredDuringSchedulingIgnoredDuringExecution:\n"
                + "        nodeSelectorTerms:\n"
                + "          - {}\n"
                + "          - matchExpressions: [{key: kubernetes.io/os, operator: In, values: [linux]}]\n"
                + "          - matchFields: [{key: metadata.name, operator: In, values: [win19]}]\n");
    assertThat(landing(c)).containsExactly("win19", "lin");
  }

  @Test
  void runtimeClassAddsItsNodeSelectorAndTolerations() {
    SchedulingConstraints own =
        pod("  runtimeClassName: win2019\n  nodeSelector: {kubernetes.io/os: windows}\n");
    assertThat(landing(own)).isEmpty();
    SchedulingConstraints merged =
        own.withRuntimeClass(FLEET.runtimeClass("win2019").orElseThrow());
    assertThat(landing(merged)).containsExactly("win19");
    assertThat(merged.requiredOs()).isEqualTo(OsFamily.WINDOWS);
  }

  @Test
  void conflictingRuntimeClassSelectorMatchesNoNode() {
    SchedulingConstraints own =
        pod(
            "  runtimeClassName: win2019\n  nodeSelector: {node.kubernetes.io/windows-build: 10.0.20348}\n");
    assertThat(landing(own.withRuntimeClass(FLEET.runtimeClass("win2019").orElseThrow())))
        .isEmpty();
  }

  @Test
  void allowedOsReadsOnlyTheOsLabels() {
    assertThat(pod("  nodeSelector: {kubernetes.io/os: windows, pool: a}\n").allowedOs())
        .containsExactly(OsFamily.WINDOWS);
    assertThat(pod("  nodeSelector: {beta.kubernetes.io/os: linux}\n").requiredOs())
        .isEqualTo(OsFamily.LINUX);
    assertThat(pod("  nodeSelector: {pool: a}\n").allowedOs())
        .containsExactlyInAnyOrder(OsFamily.values());
    assertThat(
            pod("  affinity:\n    nodeAffinity:\n      requiredDuringSchedulingIgnoredDuringExecution:\n"
                    + "        nodeSelectorTerms:\n          - matchExpressions: [{key: kubernetes.io/os, operator: NotIn, values: [linux]}]\n")
                .requiredOs())
        .isEqualTo(OsFamily.WINDOWS);
  }

  @Test
  void placementTellsWhichBuildsRunAllImagesAndWhichTolerationsAreNeeded() {
    List<ImageProfile> images =
        List.of(
            ImageMetadataSource.tagHints()
                .describe("mcr.microsoft.com/windows/servercore:ltsc2019"));
    PlacementDecision d =
        PlacementEngine.builtIn()
            .place(pod("  nodeSelector: {kubernetes.io/os: windows}\n"), images, FLEET);
    assertThat(d.labelMatches()).extracting(FleetNode::name).containsExactly("win19", "win22");
    assertThat(d.landingNodes()).isEmpty();
    assertThat(d.tolerationsNeeded(FleetNode::isWindows))
        .containsExactly(
            new Toleration("os", Toleration.Operator.EQUAL, "windows", TaintEffect.NO_SCHEDULE));

    PlacementDecision tolerated =
        PlacementEngine.builtIn()
            .place(
                pod(
                    "  nodeSelector: {kubernetes.io/os: windows}\n  tolerations: [{key: os, operator: Exists}]\n"),
                images,
                FLEET);
    assertThat(tolerated.runnableNodes()).extracting(FleetNode::name).containsExactly("win19");
    assertThat(tolerated.landingNodesThatCannotRun())
        .extracting(FleetNode::name)
        .containsExactly("win22");
    assertThat(tolerated.windowsBuildsRunningAll())
        .containsExactly(WindowsCatalog.builtIn().parseVersion("10.0.17763"));
  }

  @Test
  void windowsTargetGivesTheWebhookSelectorsAndTaintsAsValues() {
    ImageProfile nano2022 =
        ImageMetadataSource.tagHints().describe("mcr.microsoft.com/windows/nanoserver:ltsc2022");
    WindowsTarget one =
        PlacementEngine.builtIn()
            .windowsTarget(List.of(nano2022), FLEET, SchedulingConstraints.none());
    assertThat(one.builds()).containsExactly(WindowsCatalog.builtIn().parseVersion("10.0.20348"));
    assertThat(one.nodeSelector())
        .containsExactly(
            Map.entry("kubernetes.io/os", "windows"),
            Map.entry("node.kubernetes.io/windows-build", "10.0.20348"));
    assertThat(one.buildRequirement()).isEmpty();
    assertThat(one.taints()).containsExactly(OS_WINDOWS);

    ImageProfile hostProcess =
        ImageMetadataSource.tagHints()
            .describe(
                "mcr.microsoft.com/oss/kubernetes/windows-host-process-containers-base-image:v1.0.0");
    WindowsTarget both =
        PlacementEngine.builtIn()
            .windowsTarget(
                List.of(hostProcess), FLEET, pod("  tolerations: [{key: os, operator: Exists}]\n"));
    assertThat(both.builds()).hasSize(2);
    assertThat(both.nodeSelector()).containsOnlyKeys("kubernetes.io/os");
    assertThat(both.buildRequirement().orElseThrow().values())
        .containsExactly("10.0.17763", "10.0.20348");
    assertThat(both.taints()).isEmpty();
  }

  @Test
  void cordonedNodesAreUnschedulable() {
    FleetNode cordoned =
        new FleetNode(
            "c",
            Map.of(),
            List.of(),
            OsFamily.LINUX,
            "amd64",
            null,
            "",
            "",
            "",
            -1,
            -1,
            List.of(),
            true);
    assertThat(SchedulingConstraints.none().canLandOn(cordoned)).isFalse();
    assertThat(pod("  tolerations: [{operator: Exists}]\n").canLandOn(cordoned)).isTrue();
  }
}
