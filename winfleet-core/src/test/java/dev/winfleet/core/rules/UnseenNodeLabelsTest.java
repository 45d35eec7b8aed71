package dev.winfleet.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.winfleet.core.fleet.Fleet;
import dev.winfleet.core.fleet.FleetObjects;
import dev.winfleet.core.manifest.ManifestReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A Windows pod pinned to a node pool by its own label ({@code agentpool: win22}, as AKS, EKS and
 * GKE node pools are often selected) and no {@code kubernetes.io/os} selector. Without the
 * cluster's nodes winfleet cannot see which nodes carry the label: it was an error ("on a Linux
 * node it can never start") on every such pod, and is now the docs' advice, a warning [GUIDE:
 * https://kubernetes.io/docs/concepts/windows/user-guide/#ensuring-os-specific-workloads-land-on-the-appropriate-container-host
 * recommends kubernetes.io/os]. With the nodes, the labels are judged: an error when a Linux node
 * carries them, nothing when only Windows nodes do. Seen in microsoft/Windows-Containers
 * helpful_tools/NetworkPolicy/yaml/hostsysprocess.yaml (nodeSelector vm: "0").
 */
class UnseenNodeLabelsTest extends RuleTestSupport {

  private static final String POOLED =
      edit(
          WINDOWS,
          "      nodeSelector:\n        kubernetes.io/os: windows\n        node.kubernetes.io/windows-build: \"10.0.20348\"\n",
          "      nodeSelector:\n        agentpool: win22\n");

  private static List<Finding> selectorMissing(String manifest, Fleet fleet) {
    return check(manifest, fleet, fleet.hasNodes() ? null : "1.35").stream()
        .filter(f -> f.rule().equals("windows-os-selector-missing"))
        .toList();
  }

  private static Fleet fleetWithPoolOn(String... nodes) {
    String text = resource("fleet-mixed.yaml");
    for (String node : nodes) {
      text =
          text.replace(
              "name: " + node + "\n      labels:\n",
              "name: " + node + "\n      labels:\n        agentpool: win22\n");
      text =
          text.replace(
              "name: " + node + "\n      labels: {kubernetes.io/os: linux}",
              "name: " + node + "\n      labels: {kubernetes.io/os: linux, agentpool: win22}");
    }
    return FleetObjects.fromObjects(ManifestReader.defaults().read("fleet", text).objects());
  }

  @Test
  void withoutTheNodesAPoolLabelIsAWarningThatSaysWhatWinfleetCannotSee() {
    assertThat(selectorMissing(POOLED, NO_FLEET))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.severity()).isEqualTo(Severity.WARNING);
              assertThat(f.message())
                  .isEqualTo(
                      "Container 'iis' runs the Windows image"
                          + " mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022,"
                          + " but only agentpool=win22 keeps it off other nodes, and which nodes"
                          + " carry that winfleet cannot see without the cluster's nodes (--fleet"
                          + " or --kubeconfig): if a Linux node does, the pod may land there; on a"
                          + " Linux node it can never start.");
            });
  }

  @Test
  void withoutAnyPinItStaysAnError() {
    String unpinned =
        edit(
            WINDOWS,
            "      nodeSelector:\n        kubernetes.io/os: windows\n        node.kubernetes.io/windows-build: \"10.0.20348\"\n",
            "");
    assertThat(selectorMissing(unpinned, NO_FLEET))
        .singleElement()
        .extracting(Finding::severity)
        .isEqualTo(Severity.ERROR);
  }

  @Test
  void withTheNodesTheLabelsAreJudged() {
    Fleet linuxCarriesIt = fleetWithPoolOn("win22-a", "lin-a");
    assertThat(linuxCarriesIt.nodes())
        .anyMatch(n -> n.isLinux() && "win22".equals(n.labels().get("agentpool")));
    assertThat(selectorMissing(POOLED, linuxCarriesIt))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.severity()).isEqualTo(Severity.ERROR);
              assertThat(f.message()).contains("the scheduler may put it on the Linux nodes lin-a");
            });
    assertThat(selectorMissing(POOLED, fleetWithPoolOn("win22-a"))).isEmpty();
  }
}
