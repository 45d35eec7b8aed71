package dev.winfleet.core.planning;

import static dev.winfleet.core.planning.PlanningFixtures.linux;
import static dev.winfleet.core.planning.PlanningFixtures.windows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.winfleet.core.catalog.WindowsCatalog;
import dev.winfleet.core.compat.ImagePlatform;
import dev.winfleet.core.fleet.Fleet;
import dev.winfleet.core.fleet.NodeImage;
import dev.winfleet.core.manifest.Values;
import dev.winfleet.core.planning.ImageLayers.Layer;
import dev.winfleet.core.planning.ImageLayers.PlatformLayers;
import dev.winfleet.core.planning.PrepullPlan.NodePull;
import dev.winfleet.core.planning.PrepullPlan.Wave;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A pre-pull worked out by hand (1 MB = 10^6 bytes). Node bandwidth 1 Gbit/s = 125 MB/s, registry 2
 * Gbit/s = 250 MB/s: two nodes can pull from the registry at full speed at once.
 *
 * <pre>
 * servercore:ltsc2022  (20348)  base22 1000 MB, update22 200 MB
 * aspnet:4.8-...-2022  (20348)  base22 1000 MB, update22 200 MB, fx 300 MB, aspnet 100 MB
 * nanoserver:1809      (17763)  nano19 100 MB, a foreign layer from its URL
 *
 * win22-a, win22-b: both 2022 images; base22 and update22 shared: 1600 MB, 12.8 s each
 * win22-c: already holds servercore:ltsc2022 (status.images): fx + aspnet = 400 MB, 3.2 s;
 *          1200 MB already there
 * win19-a: nanoserver:1809 only: 100 MB foreign, 0 from the registry, 0.8 s
 * lin-a:   runs none of them: not in the plan
 *
 * Waves (largest first, two registry nodes at a time):
 *   1: win22-a, win22-b  3200 MB from the registry; max(12.8 s, 3200/250 = 12.8 s) = 12.8 s
 *      registry load min(250, 2 x 125) = 250 MB/s
 *   2: win22-c, win19-a  400 MB (+100 MB foreign, not from the registry); max(3.2, 1.6) = 3.2 s
 *      registry load 125 MB/s (win19-a loads only the foreign URL)
 *   done at 16.0 s, peak 250 MB/s = 2 Gbit/s
 * Every node now: 3600 MB / 250 MB/s = 14.4 s (slowest node alone 12.8 s); three nodes ask
 *   3 x 125 = 375 MB/s = 3 Gbit/s of a 2 Gbit/s registry.
 * Pulling each image whole: 2800 MB on each 2022 node, 100 MB on win19-a = 8500 MB.
 * </pre>
 */
class PrepullPlannerScenarioTest {

  static final long MB = 1_000_000L;
  static final String SERVERCORE = "mcr.microsoft.com/windows/servercore:ltsc2022";
  static final String ASPNET =
      "mcr.microsoft.com/dotnet/framework/aspnet:4.8-windowsservercore-ltsc2022";
  static final String NANO = "mcr.microsoft.com/windows/nanoserver:1809";

  static Layer layer(String name, long mb) {
    return new Layer("sha256:" + name, mb * MB, false, List.of());
  }

  static final List<ImageLayers> IMAGES =
      List.of(
          image(SERVERCORE, "20348", layer("base22", 1000), layer("update22", 200)),
          image(
              ASPNET,
              "20348",
              layer("base22", 1000),
              layer("update22", 200),
              layer("fx", 300),
              layer("aspnet", 100)),
          image(
              NANO,
              "17763",
              new Layer(
                  "sha256:nano19",
                  100 * MB,
                  true,
                  List.of("https://go.microsoft.com/fwlink/?linkid=0"))));

  static ImageLayers image(String ref, String build, Layer... layers) {
    return new ImageLayers(
        ref,
        "sha256:index-" + ref.hashCode(),
        List.of(
            new PlatformLayers(
                // The nodes' own revisions (October 2024): a real image carries a real revision,
                // and a made-up one such as .1 falls under the February 2020 baseline (KB4542617).
                ImagePlatform.windows(
                    WindowsCatalog.builtIn()
                        .parseVersion(
                            "10.0." + build + (build.equals("17763") ? ".6414" : ".2762"))),
                "sha256:manifest-" + ref.hashCode(),
                List.of(layers))));
  }

  static final Fleet FLEET =
      new Fleet(
          List.of(
              windows("win22-a", "10.0.20348.2762", 4, 8, Map.of()),
              windows("win22-b", "10.0.20348.2762", 4, 8, Map.of()),
              windows(
                  "win22-c",
                  "10.0.20348.2762",
                  4,
                  8,
                  Map.of(),
                  List.of(new NodeImage(List.of(SERVERCORE), 3_900_000_000L))),
              windows("win19-a", "10.0.17763.6414", 4, 8, Map.of()),
              linux("lin-a", 4, 8)),
          List.of());

  static PrepullPlan plan() {
    return PrepullPlanner.builtIn()
        .plan(
            new PrepullRequest(
                FLEET,
                List.of(SERVERCORE, ASPNET, NANO),
                IMAGES,
                Bandwidth.parse("1Gbit/s"),
                Bandwidth.parse("2Gbit/s"),
                0));
  }

  static NodePull node(PrepullPlan plan, String name) {
    return plan.nodes().stream().filter(n -> n.node().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void sharedLayersArePulledOncePerNode() {
    NodePull a = node(plan(), "win22-a");
    assertThat(a.images()).containsExactly(SERVERCORE, ASPNET);
    assertThat(a.registryBytes()).isEqualTo(1600 * MB);
    assertThat(a.layers()).isEqualTo(4);
    assertThat(a.seconds()).isEqualTo(12.8);
  }

  @Test
  void layersOfImagesTheNodeHoldsAreSkipped() {
    NodePull c = node(plan(), "win22-c");
    assertThat(c.registryBytes()).isEqualTo(400 * MB);
    assertThat(c.skippedBytes()).isEqualTo(1200 * MB);
  }

  @Test
  void foreignLayersDoNotLoadTheRegistry() {
    NodePull w19 = node(plan(), "win19-a");
    assertThat(w19.images()).containsExactly(NANO);
    assertThat(w19.registryBytes()).isZero();
    assertThat(w19.foreignBytes()).isEqualTo(100 * MB);
  }

  @Test
  void onlyNodesThatCanRunAnImageGetIt() {
    PrepullPlan plan = plan();
    assertThat(plan.nodes()).extracting(NodePull::node).doesNotContain("lin-a");
    assertThat(plan.images())
        .containsExactly(
            new PrepullPlan.ImageTargets(SERVERCORE, 3),
            new PrepullPlan.ImageTargets(ASPNET, 3),
            new PrepullPlan.ImageTargets(NANO, 1));
  }

  @Test
  void wavesAreBoundedByRegistryAndNodeBandwidth() {
    PrepullPlan plan = plan();
    assertThat(plan.waves())
        .containsExactly(
            new Wave(1, List.of("win22-a", "win22-b"), 0, 12.8, 3200 * MB, 0, 250e6),
            new Wave(2, List.of("win19-a", "win22-c"), 12.8, 16.0, 400 * MB, 100 * MB, 125e6));
    assertThat(plan.completionSeconds()).isEqualTo(16.0);
    assertThat(plan.peakRegistryBytesPerSecond()).isEqualTo(250e6);
    assertThat(plan.registryBytes()).isEqualTo(3600 * MB);
    assertThat(plan.foreignBytes()).isEqualTo(100 * MB);
    assertThat(plan.bytesWithoutSharing()).isEqualTo(8500 * MB);
    assertThat(plan.bytesAlreadyPresent()).isEqualTo(1200 * MB);
  }

  @Test
  void comparesWithEveryNodePullingNow() {
    PrepullPlan.Naive naive = plan().naive();
    assertThat(naive.completionSeconds()).isEqualTo(14.4);
    assertThat(naive.demandBytesPerSecond()).isEqualTo(375e6);
    assertThat(naive.peakRegistryBytesPerSecond()).isEqualTo(250e6);
  }

  @Test
  void maxConcurrentNarrowsWaves() {
    PrepullPlan plan =
        PrepullPlanner.builtIn()
            .plan(
                new PrepullRequest(
                    FLEET,
                    List.of(SERVERCORE, ASPNET, NANO),
                    IMAGES,
                    Bandwidth.parse("1Gbit/s"),
                    Bandwidth.parse("2Gbit/s"),
                    1));
    assertThat(plan.waves()).extracting(w -> w.nodes().size()).containsExactly(1, 1, 1, 1);
    // 12.8 + 12.8 + 3.2 + 0.8
    assertThat(plan.completionSeconds()).isCloseTo(29.6, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void nodeHoldingAnImageByDigestSkipsItsLayers() {
    ImageLayers sc = IMAGES.get(0);
    Fleet fleet =
        new Fleet(
            List.of(
                windows(
                    "win22-d",
                    "10.0.20348.2762",
                    4,
                    8,
                    Map.of(),
                    List.of(
                        new NodeImage(
                            List.of("mcr.microsoft.com/windows/servercore@" + sc.digest()), 1)))),
            List.of());
    PrepullPlan plan =
        PrepullPlanner.builtIn()
            .plan(
                new PrepullRequest(
                    fleet,
                    List.of(ASPNET),
                    IMAGES,
                    Bandwidth.parse("1Gbit/s"),
                    Bandwidth.parse("2Gbit/s"),
                    0));
    assertThat(plan.nodes().get(0).registryBytes()).isEqualTo(400 * MB);
  }

  @Test
  void imageWithoutLayersIsAnError() {
    assertThatThrownBy(
            () ->
                PrepullPlanner.builtIn()
                    .plan(
                        new PrepullRequest(
                            FLEET,
                            List.of("registry.example.com/app:1.0"),
                            IMAGES,
                            Bandwidth.parse("1Gbit/s"),
                            Bandwidth.parse("2Gbit/s"),
                            0)))
        .isInstanceOf(PlanningException.class)
        .hasMessageContaining("no layer information for registry.example.com/app:1.0");
  }

  @Test
  void manifestsPinOneDaemonSetPerWaveAndBuildToItsNodes() {
    List<Map<String, Object>> objects = PrepullManifests.builtIn().objects(plan(), "prepull");
    assertThat(objects)
        .extracting(o -> Values.getString(o, "metadata", "name"))
        .containsExactly(
            "winfleet-prepull-w1-10-0-20348-amd64",
            "winfleet-prepull-w2-10-0-17763-amd64", // wave nodes in name order: win19-a first
            "winfleet-prepull-w2-10-0-20348-amd64");
    Map<String, Object> first = objects.get(0);
    Object spec = Values.get(first, "spec", "template", "spec");
    assertThat(Values.stringMap(Values.get(spec, "nodeSelector")))
        .containsEntry("kubernetes.io/os", "windows")
        .containsEntry("node.kubernetes.io/windows-build", "10.0.20348");
    assertThat(
            Values.list(
                    Values.get(
                        spec,
                        "affinity",
                        "nodeAffinity",
                        "requiredDuringSchedulingIgnoredDuringExecution",
                        "nodeSelectorTerms"))
                .toString())
        .contains("values=[win22-a, win22-b]");
    assertThat(Values.list(Values.get(spec, "initContainers")))
        .extracting(c -> Values.getString(c, "image"))
        .containsExactly(SERVERCORE, ASPNET);
    assertThat(Values.list(Values.get(spec, "tolerations")).toString()).contains("key=os");
  }
}
