package dev.winfleet.core.placement;

import static org.assertj.core.api.Assertions.assertThat;

import dev.winfleet.core.catalog.WindowsCatalog;
import dev.winfleet.core.compat.OsFamily;
import dev.winfleet.core.fleet.Fleet;
import dev.winfleet.core.fleet.FleetNode;
import dev.winfleet.core.fleet.Taint;
import dev.winfleet.core.fleet.TaintEffect;
import dev.winfleet.core.image.ImageMetadataSource;
import dev.winfleet.core.image.ImageProfile;
import dev.winfleet.core.manifest.ManifestReader;
import dev.winfleet.core.manifest.Values;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * {@link PlacementEngine#windowsTarget} (which skips work per node: nodes grouped once per fleet by
 * platform and taint list, no per-node walk for pods that pin nothing, each taint list judged once)
 * gives exactly what judging every node on its own gives, for random fleets (hostname labels
 * present or not, shared and distinct taints, cordoned nodes) and random pods (hostname selectors,
 * affinity pins by label or name, other affinity, tolerations).
 */
class WindowsTargetPropertiesTest {

  private static final PlacementEngine ENGINE = PlacementEngine.builtIn();
  private static final List<Taint> TAINTS =
      List.of(
          new Taint("os", "windows", TaintEffect.NO_SCHEDULE),
          new Taint("gpu", "", TaintEffect.PREFER_NO_SCHEDULE),
          new Taint("dedicated", "ci", TaintEffect.NO_EXECUTE),
          new Taint("pool", "a", TaintEffect.NO_SCHEDULE));

  @Provide
  Arbitrary<FleetNode> nodes() {
    Arbitrary<Integer> index = Arbitraries.integers().between(0, 5);
    Arbitrary<OsFamily> os = Arbitraries.of(OsFamily.WINDOWS, OsFamily.WINDOWS, OsFamily.LINUX);
    Arbitrary<String> build =
        Arbitraries.of("10.0.17763.6414", "10.0.20348.2762", "10.0.20348.3091", "");
    Arbitrary<String> arch = Arbitraries.of("amd64", "amd64", "", "AMD64", "arm64");
    Arbitrary<Integer> hostLabel = Arbitraries.integers().between(0, 2); // none, own, other
    Arbitrary<List<Taint>> taints = Arbitraries.of(TAINTS).list().ofMaxSize(3).uniqueElements();
    Arbitrary<Boolean> cordoned = Arbitraries.of(false, false, true);
    return Combinators.combine(index, os, build, hostLabel, taints, cordoned, arch)
        .as(
            (i, family, b, h, t, c, a) -> {
              String name = "n" + i;
              Map<String, String> labels = new LinkedHashMap<>();
              labels.put("kubernetes.io/os", family == OsFamily.WINDOWS ? "windows" : "linux");
              if (h > 0) {
                labels.put(SchedulingConstraints.HOSTNAME_LABEL, h == 1 ? name : "n" + (i + 1));
              }
              return new FleetNode(
                  name,
                  labels,
                  t,
                  family,
                  a,
                  family == OsFamily.WINDOWS && !b.isEmpty()
                      ? WindowsCatalog.builtIn().parseVersion(b)
                      : null,
                  "",
                  "",
                  "",
                  -1,
                  -1,
                  List.of(),
                  c);
            });
  }

  @Provide
  Arbitrary<String> pods() {
    Arbitrary<String> selector =
        Arbitraries.of(
            "",
            "  nodeSelector: {kubernetes.io/hostname: n1}\n",
            "  nodeSelector: {kubernetes.io/os: windows}\n");
    Arbitrary<String> affinity =
        Arbitraries.of(
            "",
            affinity(
                "{matchExpressions: [{key: kubernetes.io/hostname, operator: In, values: [n2,"
                    + " n3]}]}"),
            affinity("{matchFields: [{key: metadata.name, operator: In, values: [n0]}]}"),
            affinity(
                "{matchExpressions: [{key: kubernetes.io/os, operator: In, values: [windows]}]}"),
            affinity(
                "{matchFields: [{key: metadata.name, operator: NotIn, values: [n4]}]}, "
                    + "{matchExpressions: [{key: kubernetes.io/hostname, operator: In, values:"
                    + " [n5]}]}"));
    Arbitrary<String> tolerations =
        Arbitraries.of(
            "",
            "  tolerations: [{key: os, operator: Exists}]\n",
            "  tolerations: [{operator: Exists}]\n",
            "  tolerations: [{key: dedicated, value: ci, effect: NoExecute}]\n");
    return Combinators.combine(selector, affinity, tolerations).as((s, a, t) -> s + a + t);
  }

  private static String affinity(String terms) {
    return "  affinity: {nodeAffinity: {requiredDuringSchedulingIgnoredDuringExecution: "
        + "{nodeSelectorTerms: ["
        + terms
        + "]}}}\n";
  }

  @Property(tries = 500)
  void sameTargetAsJudgingEveryNodeOnItsOwn(
      @ForAll("pods") String pod,
      @ForAll List<@From("nodes") FleetNode> nodes,
      @ForAll boolean ltsc2022) {
    SchedulingConstraints constraints = constraints(pod);
    Fleet fleet = new Fleet(nodes, List.of());
    List<ImageProfile> images = List.of(nanoserver(ltsc2022 ? "ltsc2022" : "ltsc2019"));

    assertSameAsEveryNodeOnItsOwn(
        ENGINE.windowsTarget(images, fleet, constraints), fleet, images, constraints);
  }

  /**
   * The engine remembers the last fleet's node groups and, per fleet, which nodes a combination of
   * platform verdicts selects: several pods and image sets asked in turn about one fleet, with
   * another fleet asked about in between, get what judging every node on its own gives.
   */
  @Property(tries = 300)
  void sameTargetsForManyPodsAndImagesAgainstOneFleet(
      @ForAll @Size(min = 1, max = 4) List<@From("pods") String> pods,
      @ForAll List<@From("nodes") FleetNode> nodes,
      @ForAll List<@From("nodes") FleetNode> otherNodes) {
    Fleet fleet = new Fleet(nodes, List.of());
    Fleet other = new Fleet(otherNodes, List.of());
    List<List<ImageProfile>> imageSets =
        List.of(
            List.of(nanoserver("ltsc2022")),
            List.of(nanoserver("ltsc2019")),
            List.of(nanoserver("ltsc2019"), nanoserver("ltsc2022")),
            List.of(nanoserver("ltsc2022"), nanoserver("ltsc2022-amd64")));
    PlacementEngine engine = PlacementEngine.builtIn();
    for (int round = 0; round < 2; round++) {
      for (String pod : pods) {
        SchedulingConstraints constraints = constraints(pod);
        for (List<ImageProfile> images : imageSets) {
          assertSameAsEveryNodeOnItsOwn(
              engine.windowsTarget(images, fleet, constraints), fleet, images, constraints);
        }
      }
      SchedulingConstraints first = constraints(pods.get(0));
      assertSameAsEveryNodeOnItsOwn(
          engine.windowsTarget(imageSets.get(0), other, first), other, imageSets.get(0), first);
    }
  }

  private static ImageProfile nanoserver(String tag) {
    return ImageMetadataSource.tagHints().describe("mcr.microsoft.com/windows/nanoserver:" + tag);
  }

  private static void assertSameAsEveryNodeOnItsOwn(
      WindowsTarget target,
      Fleet fleet,
      List<ImageProfile> images,
      SchedulingConstraints constraints) {
    var builds = new TreeSet<dev.winfleet.core.version.OsVersion>();
    List<FleetNode> expectedNodes = new ArrayList<>();
    Set<Taint> taints = new LinkedHashSet<>();
    for (FleetNode node : fleet.nodes()) {
      if (!node.isWindows()
          || node.windowsVersion() == null
          || pinnedAwayFromJudgedInFull(constraints, node)
          || !images.stream()
              .allMatch(
                  i ->
                      i.runsOn(node.hostPlatform().orElseThrow(), ENGINE.compatibility())
                          .orElse(false))) {
        continue;
      }
      builds.add(node.windowsVersion().withoutRevision());
      expectedNodes.add(node);
      taints.addAll(constraints.untoleratedTaints(node));
    }
    assertThat(target.builds()).containsExactlyElementsOf(builds);
    assertThat(target.nodes()).containsExactlyElementsOf(expectedNodes);
    assertThat(target.taints()).containsExactlyElementsOf(taints);
  }

  /** The pin check with the node's labels always completed by its name, for every pod. */
  private static boolean pinnedAwayFromJudgedInFull(SchedulingConstraints c, FleetNode node) {
    Map<String, String> labels = new LinkedHashMap<>(node.labels());
    labels.putIfAbsent(SchedulingConstraints.HOSTNAME_LABEL, node.name());
    String host = c.nodeSelector().get(SchedulingConstraints.HOSTNAME_LABEL);
    if (host != null && !host.equals(labels.get(SchedulingConstraints.HOSTNAME_LABEL))) {
      return true;
    }
    if (!c.affinityRequired() || c.requiredTerms().isEmpty()) {
      return false;
    }
    boolean allowed = false;
    for (NodeSelectorTerm t : c.requiredTerms()) {
      List<NodeSelectorRequirement> byHost =
          t.matchExpressions().stream()
              .filter(r -> r.key().equals(SchedulingConstraints.HOSTNAME_LABEL))
              .toList();
      List<NodeSelectorRequirement> byName =
          t.matchFields().stream().filter(r -> r.key().equals("metadata.name")).toList();
      if (byHost.isEmpty() && byName.isEmpty()) {
        if (!(t.matchExpressions().isEmpty() && t.matchFields().isEmpty())) {
          return false;
        }
        continue;
      }
      allowed |= new NodeSelectorTerm(byHost, byName).matches(labels, node.name());
    }
    return !allowed;
  }

  private static SchedulingConstraints constraints(String spec) {
    return SchedulingConstraints.fromPodSpec(
        Values.map(
            ManifestReader.defaults()
                .read(
                    "p.yaml",
                    "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n"
                        + "  containers: [{name: c, image: x}]\n"
                        + spec)
                .objects()
                .get(0)
                .tree()
                .get("spec")));
  }
}
