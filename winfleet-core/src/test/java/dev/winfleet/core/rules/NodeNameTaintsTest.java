package dev.winfleet.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.winfleet.core.fleet.Fleet;
import dev.winfleet.core.fleet.FleetObjects;
import dev.winfleet.core.manifest.ManifestReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A pod with {@code spec.nodeName} bypasses the scheduler, so a NoSchedule taint on its node does
 * not keep it off; a NoExecute taint still does. Sources:
 *
 * <ul>
 *   <li>kubernetes.io, "Assigning Pods to Nodes", section nodeName: "If the {@code nodeName} field
 *       is not empty, the scheduler ignores the Pod and the kubelet on the named node tries to
 *       place the Pod on that node."
 *   <li>Kubernetes API reference, Taint.effect: "NoSchedule: Do not allow new pods to schedule onto
 *       the node unless they tolerate the taint, but allow all pods submitted to Kubelet without
 *       going through the scheduler to start [...] Enforced by the scheduler." and "NoExecute:
 *       Evict any already-running pods that do not tolerate the taint."
 *   <li>kubernetes/kubernetes {@code pkg/kubelet/lifecycle/predicate.go}: the kubelet's admission
 *       checks taints with the filter "Kubelet is only interested in the NoExecute taint".
 * </ul>
 *
 * A {@code kubernetes.io/hostname} selector pins a pod to one node too, but through the scheduler:
 * NoSchedule taints still keep it Pending there.
 */
class NodeNameTaintsTest extends RuleTestSupport {

  private static final String TOLERATION =
      "      tolerations:\n        - key: os\n          operator: Equal\n          value: windows\n          effect: NoSchedule\n";

  /** The Windows Deployment without its toleration for os=windows:NoSchedule. */
  private static final String UNTOLERATED = edit(WINDOWS, TOLERATION, "");

  private static final String NODE_NAME =
      edit(UNTOLERATED, "      nodeSelector:\n", "      nodeName: win22-a\n      nodeSelector:\n");

  /**
   * fleet-tainted.yaml with its Windows nodes' taint set to this effect, and the {@code
   * kubernetes.io/hostname} label the kubelet sets on every node.
   */
  private static Fleet taintedWith(String effect) {
    String text =
        resource("fleet-tainted.yaml")
            .replace("effect: NoSchedule\n    status", "effect: " + effect + "\n    status");
    for (String node : List.of("win22-a", "win22-b", "lin-a")) {
      text =
          text.replace(
              "name: " + node + "\n      labels:\n",
              "name: " + node + "\n      labels:\n        kubernetes.io/hostname: " + node + "\n");
    }
    return FleetObjects.fromObjects(ManifestReader.defaults().read("fleet.yaml", text).objects());
  }

  private static List<String> rules(List<Finding> findings) {
    return findings.stream().map(Finding::rule).toList();
  }

  @Test
  void nodeNamePodIsNotReportedForNoScheduleTaintsOfItsNode() {
    assertThat(rules(check(NODE_NAME, taintedWith("NoSchedule"), null)))
        .doesNotContain("windows-toleration-missing");
  }

  @Test
  void nodeNamePodIsReportedForNoExecuteTaintsOfItsNode() {
    List<Finding> findings = check(NODE_NAME, taintedWith("NoExecute"), null);

    assertThat(findings)
        .filteredOn(f -> f.rule().equals("windows-toleration-missing"))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.message())
                  .contains("win22-a")
                  .contains("os=windows:NoExecute")
                  .contains("the kubelet on its node rejects it")
                  .doesNotContain("Pending");
              assertThat(f.fix()).contains("effect: NoExecute").doesNotContain("NoSchedule");
            });
  }

  @Test
  void hostnamePinnedPodIsStillReportedForNoScheduleTaints() {
    String manifest =
        edit(
            UNTOLERATED,
            "      nodeSelector:\n",
            "      nodeSelector:\n        kubernetes.io/hostname: win22-a\n");

    assertThat(rules(check(manifest, taintedWith("NoSchedule"), null)))
        .contains("windows-toleration-missing");
  }

  @Test
  void sameTemplateWithoutNodeNameIsReportedForNoScheduleTaints() {
    // Without nodeName the scheduler places it, so the NoSchedule taint counts.
    assertThat(rules(check(UNTOLERATED, taintedWith("NoSchedule"), null)))
        .contains("windows-toleration-missing");
  }
}
