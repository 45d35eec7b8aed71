package dev.winfleet.core.planning;

import static dev.winfleet.core.planning.PlanningFixtures.linux;
import static dev.winfleet.core.planning.PlanningFixtures.windows;
import static dev.winfleet.core.planning.PlanningFixtures.workload;
import static dev.winfleet.core.planning.PlanningFixtures.workloads;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.winfleet.core.catalog.WindowsCatalog;
import dev.winfleet.core.fleet.Fleet;
import dev.winfleet.core.fleet.FleetNode;
import dev.winfleet.core.image.ImageMetadataSource;
import dev.winfleet.core.version.OsVersion;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * A May 2025 rollout (10.0.26100.4061, KB5058411) on Windows Server 2025 nodes still on January's
 * update (10.0.26100.2894): the case of Windows-Containers#591 and runner-images#11582.
 */
class PatchPlannerTest {

  static final String AGENTPOOL = "kubernetes.azure.com/agentpool";
  static final OsVersion MAY = WindowsCatalog.builtIn().parseVersion("10.0.26100.4061");

  static final Fleet FLEET =
      new Fleet(
          List.of(
              windows("main-1", "10.0.26100.2894", 4, 16, Map.of(AGENTPOOL, "main")),
              windows("main-2", "10.0.26100.2894", 4, 16, Map.of(AGENTPOOL, "main")),
              windows("canary-1", "10.0.26100.2894", 4, 16, Map.of(AGENTPOOL, "canary")),
              windows("fresh-1", "10.0.26100.4061", 4, 16, Map.of(AGENTPOOL, "fresh")),
              windows("ws22-1", "10.0.20348.3692", 4, 16, Map.of(AGENTPOOL, "ws22")),
              linux("lin-1", 4, 16)),
          List.of());

  static final String BUILD = "{node.kubernetes.io/windows-build: \"10.0.26100\"}";

  static final List<Workload> WORKLOADS =
      workloads(
          workload(
                  "Deployment",
                  "web",
                  "mcr.microsoft.com/windows/servercore:10.0.26100.2894",
                  2,
                  "1",
                  "1Gi",
                  BUILD)
              + workload(
                  "Deployment",
                  "fresh-only",
                  "mcr.microsoft.com/windows/servercore:10.0.26100.2894",
                  1,
                  "1",
                  "1Gi",
                  "{" + AGENTPOOL + ": fresh}")
              + workload(
                  "Deployment",
                  "too-early",
                  "mcr.microsoft.com/windows/servercore:10.0.26100.3194",
                  1,
                  "1",
                  "1Gi",
                  BUILD)
              + workload(
                  "Deployment",
                  "ws22",
                  "mcr.microsoft.com/windows/servercore:ltsc2022",
                  1,
                  "1",
                  "1Gi",
                  "{node.kubernetes.io/windows-build: \"10.0.20348\"}"));

  private final PatchPlanner planner = PatchPlanner.builtIn(ImageMetadataSource.tagHints());

  @Test
  void patchesTheSmallestPoolFirstAndSkipsNodesAlreadyThere() {
    PatchPlan plan = planner.plan(FLEET, WORKLOADS, MAY, 0);
    assertThat(plan.waves())
        .extracting(UpgradeWave::nodes)
        .containsExactly(List.of("canary-1"), List.of("main-1", "main-2"));
    assertThat(plan.update().orElseThrow().kb()).isEqualTo("KB5058411");
    assertThat(plan.waves().get(0).precondition())
        .contains("pool canary (" + AGENTPOOL + ")")
        .contains("install KB5058411 (10.0.26100.4061)");
    assertThat(plan.notes())
        .anyMatch(n -> n.contains("ws2025-2025-02"))
        .anyMatch(n -> n.contains("ws2025-2025-05"));
  }

  @Test
  void eachWorkloadRollsAfterTheLastWaveThatPatchesANodeItCanLandOn() {
    PatchPlan plan = planner.plan(FLEET, WORKLOADS, MAY, 0);
    assertThat(plan.workloads())
        .extracting(o -> o.object().name() + " " + o.status().wireName() + " " + o.rollAfterWave())
        .containsExactly("web roll-after-wave 2", "fresh-only roll-now 0", "too-early ahead-now 2");
    assertThat(plan.anyAheadNow()).isTrue();
    OsVersion january = OsVersion.parseNumeric("10.0.26100.2894").orElseThrow();
    OsVersion image = OsVersion.parseNumeric("10.0.26100.3194").orElseThrow();
    PatchOutcome tooEarly = plan.workloads().get(2);
    assertThat(tooEarly.nodes()).containsExactly("main-1", "main-2", "canary-1");
    assertThat(tooEarly.ahead())
        .containsExactly(
            new PatchOutcome.Ahead("main-1", january, image),
            new PatchOutcome.Ahead("main-2", january, image),
            new PatchOutcome.Ahead("canary-1", january, image));
    assertThat(tooEarly.reason())
        .contains("canary-1 (10.0.26100.2894 < image 10.0.26100.3194)")
        .endsWith("; those nodes are patched by wave 2");
    PatchOutcome web = plan.workloads().get(0);
    assertThat(web.nodes()).containsExactly("main-1");
    assertThat(web.ahead()).isEmpty();
    assertThat(web.reason())
        .isEqualTo(
            "its images may move to 10.0.26100.4061 after wave 2, the last that patches a node it"
                + " can land on (main-1)");
    PatchOutcome freshOnly = plan.workloads().get(1);
    assertThat(freshOnly.nodes()).containsExactly("fresh-1");
    assertThat(freshOnly.reason())
        .isEqualTo("every node of build 10.0.26100 it can land on is at 10.0.26100.4061 or later");
  }

  @Test
  void maxPerWaveSplitsPools() {
    PatchPlan plan = planner.plan(FLEET, WORKLOADS, MAY, 1);
    assertThat(plan.waves())
        .extracting(UpgradeWave::nodes)
        .containsExactly(List.of("canary-1"), List.of("main-1"), List.of("main-2"));
    assertThat(plan.workloads().get(0).rollAfterWave()).isEqualTo(3);
  }

  @Test
  void needsARevision() {
    assertThatThrownBy(
            () ->
                planner.plan(
                    FLEET, WORKLOADS, WindowsCatalog.builtIn().parseVersion("10.0.26100"), 0))
        .isInstanceOf(PlanningException.class)
        .hasMessageContaining("has no revision");
  }

  /**
   * Whatever the order of the fleet's nodes and the wave size, no workload may roll before every
   * node of the build it can land on is patched: following the plan, an image never runs ahead of
   * its host.
   */
  @Property(tries = 50)
  void anImageNeverRollsBeforeItsNodes(
      @ForAll @IntRange(min = 0, max = 3) int maxPerWave,
      @ForAll @IntRange(min = 0, max = 5) int rotate) {
    List<FleetNode> nodes = new java.util.ArrayList<>(FLEET.nodes());
    java.util.Collections.rotate(nodes, rotate);
    PatchPlan plan = planner.plan(new Fleet(nodes, List.of()), WORKLOADS, MAY, maxPerWave);
    Map<String, Integer> waveOf = new java.util.HashMap<>();
    for (int i = 0; i < plan.waves().size(); i++) {
      for (String n : plan.waves().get(i).nodes()) {
        waveOf.put(n, i + 1);
      }
    }
    for (PatchOutcome o : plan.workloads()) {
      if (o.object().name().equals("web") || o.object().name().equals("too-early")) {
        for (String n : List.of("main-1", "main-2", "canary-1")) {
          assertThat(o.rollAfterWave()).isGreaterThanOrEqualTo(waveOf.get(n));
        }
      }
    }
  }
}
