package dev.winfleet.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.winfleet.core.fleet.Fleet;
import dev.winfleet.core.image.ImageMetadataSource;
import dev.winfleet.core.manifest.ManifestObject;
import dev.winfleet.core.manifest.ManifestReader;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The engine remembers each placement it decided in an environment ({@link PlacementMemo}); a pod
 * placed from that memory gets exactly the placement, and so exactly the findings, that deciding it
 * afresh gives. One engine per fleet judges every random pod (so later pods hit the placements of
 * earlier, different pods with the same constraints and images); a new engine, whose memory is
 * empty, judges the same pod as the reference.
 */
class PlacementMemoPropertiesTest extends RuleTestSupport {

  private static final List<Fleet> FLEETS = List.of(NO_FLEET, MIXED, TAINTED, UNTAINTED);
  private static final RulesEngine SHARED = RulesEngine.builtIn();
  // Versions given (as --kubernetes-version does) and assumed (as a plain `winfleet check` does,
  // where the Windows release support rules speak).
  private static final List<CheckEnvironment> ENVIRONMENTS =
      FLEETS.stream()
          .flatMap(
              f ->
                  java.util.stream.Stream.of(
                      new CheckEnvironment(
                          f,
                          ImageMetadataSource.tagHints().cached(),
                          CheckEnvironment.defaultVersions(f),
                          RuleSelection.ALL),
                      CheckEnvironment.of(
                          f, ImageMetadataSource.tagHints().cached(), RuleSelection.ALL)))
          .toList();

  @Provide
  Arbitrary<String> pods() {
    Arbitrary<String> kind = Arbitraries.of("Pod", "Deployment", "DaemonSet");
    Arbitrary<String> selector =
        Arbitraries.of(
            "",
            "nodeSelector: {kubernetes.io/os: windows}",
            "nodeSelector: {kubernetes.io/os: linux}",
            "nodeSelector: {kubernetes.io/os: windows, node.kubernetes.io/windows-build:"
                + " 10.0.17763}",
            "nodeSelector: {kubernetes.io/os: windows, node.kubernetes.io/windows-build:"
                + " 10.0.20348}",
            "nodeSelector: {kubernetes.io/os: windows, pool: gpu}",
            "affinity: {nodeAffinity: {requiredDuringSchedulingIgnoredDuringExecution:"
                + " {nodeSelectorTerms: [{matchExpressions: [{key: kubernetes.io/os, operator:"
                + " In, values: [windows]}]}]}}}",
            "affinity: {nodeAffinity: {requiredDuringSchedulingIgnoredDuringExecution:"
                + " {nodeSelectorTerms: [{matchExpressions: [{key: team, operator: In, values:"
                + " [a]}]}]}}}",
            // The same shape as the Windows one above, another value: keys that hash alike.
            "affinity: {nodeAffinity: {requiredDuringSchedulingIgnoredDuringExecution:"
                + " {nodeSelectorTerms: [{matchExpressions: [{key: kubernetes.io/os, operator:"
                + " In, values: [linux]}]}]}}}",
            "nodeName: win19-a");
    Arbitrary<String> tolerations =
        Arbitraries.of(
            "",
            "tolerations: [{key: os, operator: Equal, value: windows, effect: NoSchedule}]",
            "tolerations: [{key: os, operator: Equal, value: linux, effect: NoSchedule}]", // alike
            "tolerations: [{operator: Exists}]",
            "tolerations: [{key: os, operator: Exists}]");
    Arbitrary<String> image =
        Arbitraries.of(
            "mcr.microsoft.com/windows/servercore:ltsc2019",
            "mcr.microsoft.com/windows/servercore:ltsc2022",
            "mcr.microsoft.com/windows/nanoserver:ltsc2022",
            "mcr.microsoft.com/dotnet/framework/aspnet:4.8-windowsservercore-ltsc2019",
            "mcr.microsoft.com/windows/servercore:10.0.20348.2762",
            "nginx:1.27",
            "example.com/team/app:1.0",
            "mcr.microsoft.com/oss/kubernetes/pause:3.9");
    Arbitrary<List<String>> images = image.list().ofMinSize(1).ofMaxSize(3);
    Arbitrary<Boolean> hostProcess = Arbitraries.of(false, false, false, true);
    return Combinators.combine(kind, selector, tolerations, images, hostProcess)
        .as(PlacementMemoPropertiesTest::manifest);
  }

  private static String manifest(
      String kind, String selector, String tolerations, List<String> images, boolean hostProcess) {
    StringBuilder spec = new StringBuilder();
    String indent = kind.equals("Pod") ? "  " : "      ";
    for (String line : List.of(selector, tolerations)) {
      if (!line.isEmpty()) {
        spec.append(indent).append(line).append('\n');
      }
    }
    if (hostProcess) {
      spec.append(indent)
          .append("securityContext: {windowsOptions: {hostProcess: true}}\n")
          .append(indent)
          .append("hostNetwork: true\n");
    }
    spec.append(indent).append("containers:\n");
    for (int i = 0; i < images.size(); i++) {
      spec.append(indent)
          .append("  - {name: c")
          .append(i)
          .append(", image: \"")
          .append(images.get(i))
          .append("\"}\n");
    }
    String head = "apiVersion: v1\nkind: " + kind + "\nmetadata: {name: p, namespace: ns}\n";
    if (kind.equals("Pod")) {
      return head + "spec:\n" + spec;
    }
    return head.replace("apiVersion: v1", "apiVersion: apps/v1")
        + "spec:\n  selector: {matchLabels: {app: p}}\n  template:\n"
        + "    metadata: {labels: {app: p}}\n    spec:\n"
        + spec;
  }

  @Property(tries = 200)
  void aRememberedPlacementIsTheOneDecidedAfresh(@ForAll("pods") String manifest) {
    ManifestObject object = ManifestReader.defaults().read("pod.yaml", manifest).objects().get(0);
    RulesEngine fresh = RulesEngine.builtIn();
    for (CheckEnvironment env : ENVIRONMENTS) {
      PodContext remembered = SHARED.podContext(object, env).orElseThrow();
      PodContext decided = fresh.podContext(object, env).orElseThrow();
      assertThat(remembered.placement()).as(manifest).isEqualTo(decided.placement());
      assertThat(SHARED.check(object, env)).as(manifest).isEqualTo(fresh.check(object, env));
    }
  }
}
