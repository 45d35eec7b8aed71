package dev.winfleet.server.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.winfleet.server.api.AdmissionOperation;
import dev.winfleet.server.api.AdmissionRequestView;
import dev.winfleet.server.api.GroupVersionKind;
import dev.winfleet.server.api.MutationDecision;
import dev.winfleet.server.api.PolicySettings;
import dev.winfleet.server.api.UserInfo;
import dev.winfleet.server.api.ValidationDecision;
import org.junit.jupiter.api.Test;

/**
 * Issue 17, item 3: a pod pinned to a node ({@code nodeName}, a {@code kubernetes.io/hostname}
 * selector, required affinity to one node) gets no build selector for other nodes, and with {@code
 * nodeName} validation judges that node. The fixture fleet: win19-1 (10.0.17763), win22-1
 * (10.0.20348), win25-1 (10.0.26100); the IIS ltsc2022 image runs on the last two.
 */
class NodePinPlacementTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final PlacementPolicy POLICY =
      PlacementFixtures.policy(PolicySettings.defaults(), null);
  private static final String LTSC2022 =
      "mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022";

  private static ObjectNode pod() {
    ObjectNode pod = MAPPER.createObjectNode().put("apiVersion", "v1").put("kind", "Pod");
    pod.putObject("metadata").put("name", "web");
    pod.putObject("spec")
        .putArray("containers")
        .addObject()
        .put("name", "a")
        .put("image", LTSC2022);
    return pod;
  }

  private static AdmissionRequestView view(JsonNode pod) {
    return new AdmissionRequestView(
        "uid",
        GroupVersionKind.of("", "v1", "Pod"),
        "shop",
        "web",
        AdmissionOperation.CREATE,
        false,
        pod,
        null,
        UserInfo.unknown());
  }

  private static String patch(ObjectNode pod) throws Exception {
    MutationDecision m = POLICY.mutate(view(pod));
    return MAPPER.writeValueAsString(m.patch());
  }

  @Test
  void unpinnedPodGetsBothBuilds() throws Exception {
    assertThat(patch(pod())).contains("10.0.20348").contains("10.0.26100");
  }

  @Test
  void nodeNameKeepsTheBuildOfThatNodeOnly() throws Exception {
    ObjectNode pod = pod();
    ((ObjectNode) pod.get("spec")).put("nodeName", "win22-1");
    assertThat(patch(pod)).contains("10.0.20348").doesNotContain("10.0.26100");
  }

  @Test
  void hostnameSelectorKeepsTheBuildOfThatNodeOnly() throws Exception {
    ObjectNode pod = pod();
    ((ObjectNode) pod.get("spec"))
        .putObject("nodeSelector")
        .put("kubernetes.io/hostname", "win25-1");
    assertThat(patch(pod)).contains("10.0.26100").doesNotContain("10.0.20348");
  }

  @Test
  void affinityToOneNodeKeepsTheBuildOfThatNodeOnly() throws Exception {
    ObjectNode pod = pod();
    ObjectNode expression =
        ((ObjectNode) pod.get("spec"))
            .putObject("affinity")
            .putObject("nodeAffinity")
            .putObject("requiredDuringSchedulingIgnoredDuringExecution")
            .putArray("nodeSelectorTerms")
            .addObject()
            .putArray("matchFields")
            .addObject()
            .put("key", "metadata.name")
            .put("operator", "In");
    expression.putArray("values").add("win22-1");
    assertThat(patch(pod)).contains("10.0.20348").doesNotContain("10.0.26100");
  }

  @Test
  void nodeNameOnANodeThatCannotRunTheImageGetsNoSelectorAndIsDenied() throws Exception {
    ObjectNode pod = pod();
    ((ObjectNode) pod.get("spec")).put("nodeName", "win19-1");
    assertThat(patch(pod)).doesNotContain("windows-build");
    ValidationDecision v = POLICY.validate(view(pod));
    assertThat(v.allowed()).isFalse();
    assertThat(v.message()).contains("win19-1");
  }

  @Test
  void nodeNameOnANoScheduleTaintedNodeGetsNoTolerationAndIsAllowed() throws Exception {
    // nodeName bypasses the scheduler, which alone enforces NoSchedule (see core's
    // NodeNameTaintsTest for the sources): win22-1's os=windows:NoSchedule does not apply.
    ObjectNode pod = pod();
    ((ObjectNode) pod.get("spec")).put("nodeName", "win22-1");
    assertThat(patch(pod)).contains("10.0.20348").doesNotContain("tolerations");
    assertThat(POLICY.validate(view(pod)).allowed()).isTrue();
  }

  @Test
  void hostnameSelectorOnANoScheduleTaintedNodeGetsTheToleration() throws Exception {
    ObjectNode pod = pod();
    ((ObjectNode) pod.get("spec"))
        .putObject("nodeSelector")
        .put("kubernetes.io/hostname", "win22-1");
    assertThat(patch(pod)).contains("tolerations").contains("NoSchedule");
  }
}
