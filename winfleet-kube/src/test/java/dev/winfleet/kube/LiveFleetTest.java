package dev.winfleet.kube;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.winfleet.core.spi.InventoryStatus;
import dev.winfleet.core.spi.NodeGroup;
import dev.winfleet.core.version.OsVersion;
import dev.winfleet.server.api.AdmissionOperation;
import dev.winfleet.server.api.AdmissionRequestView;
import dev.winfleet.server.api.GroupVersionKind;
import dev.winfleet.server.api.MutationDecision;
import dev.winfleet.server.api.PolicySettings;
import dev.winfleet.server.api.UserInfo;
import dev.winfleet.server.api.ValidationDecision;
import dev.winfleet.server.policy.PlacementPolicy;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.node.v1.RuntimeClassBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The live inventory against fabric8's mock API server in CRUD mode: nodes join, are upgraded from
 * Windows Server 2019 to 2022, and leave, and the webhook's decisions follow without a restart.
 */
@EnableKubernetesMockClient(crud = true)
class LiveFleetTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String LTSC2019 = "mcr.microsoft.com/windows/nanoserver:ltsc2019";
  private static final String LTSC2022 = "mcr.microsoft.com/windows/nanoserver:ltsc2022";

  KubernetesMockServer server;
  KubernetesClient client;
  private LiveFleet live;

  @AfterEach
  void stop() {
    if (live != null) {
      live.close();
    }
  }

  static Node windows(String name, String kernel) {
    String build = OsVersion.parseNumeric(kernel).orElseThrow().withoutRevision().buildString();
    return new NodeBuilder()
        .withNewMetadata()
        .withName(name)
        .withLabels(
            Map.of(
                "kubernetes.io/os", "windows",
                "kubernetes.io/arch", "amd64",
                "node.kubernetes.io/windows-build", build))
        .endMetadata()
        .withNewSpec()
        .addNewTaint()
        .withKey("os")
        .withValue("windows")
        .withEffect("NoSchedule")
        .endTaint()
        .endSpec()
        .withNewStatus()
        .withNewNodeInfo()
        .withOperatingSystem("windows")
        .withArchitecture("amd64")
        .withKernelVersion(kernel)
        .withKubeletVersion("v1.30.4")
        .endNodeInfo()
        .endStatus()
        .build();
  }

  static Node linux(String name) {
    return new NodeBuilder()
        .withNewMetadata()
        .withName(name)
        .withLabels(Map.of("kubernetes.io/os", "linux", "kubernetes.io/arch", "amd64"))
        .endMetadata()
        .withNewStatus()
        .withNewNodeInfo()
        .withOperatingSystem("linux")
        .withArchitecture("amd64")
        .withKubeletVersion("v1.30.4")
        .endNodeInfo()
        .endStatus()
        .build();
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    for (int i = 0; i < 200; i++) {
      if (condition.getAsBoolean()) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("not within 10 s: " + what);
  }

  private static AdmissionRequestView pod(String image) {
    try {
      return new AdmissionRequestView(
          "uid",
          GroupVersionKind.of("", "v1", "Pod"),
          "shop",
          "p",
          AdmissionOperation.CREATE,
          false,
          MAPPER.readTree(
              "{\"kind\":\"Pod\",\"metadata\":{\"name\":\"p\"},\"spec\":{\"containers\":"
                  + "[{\"name\":\"app\",\"image\":\""
                  + image
                  + "\",\"resources\":{\"limits\":{\"cpu\":\"1\",\"memory\":\"1Gi\"}}}]}}"),
          null,
          UserInfo.unknown());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String buildPinned(MutationDecision d) {
    return d.patch().stream()
        .filter(op -> op.path().equals("/spec/nodeSelector"))
        .map(op -> op.value().path("node.kubernetes.io/windows-build").asText(""))
        .findFirst()
        .orElse("");
  }

  @Test
  void followsNodesThatJoinAreUpgradedAndLeave() throws Exception {
    client.nodes().resource(linux("lin-1")).create();
    client.nodes().resource(windows("win-a", "10.0.17763.6414")).create();
    client
        .resources(io.fabric8.kubernetes.api.model.node.v1.RuntimeClass.class)
        .resource(
            new RuntimeClassBuilder()
                .withNewMetadata()
                .withName("windows-2019")
                .endMetadata()
                .withHandler("runhcs-wcow-process")
                .build())
        .create();
    live = LiveFleet.start(client, Clock.systemUTC());
    PlacementPolicy policy =
        new PlacementPolicy(live, null, PolicySettings.defaults(), Clock.systemUTC());

    await("the first sync", () -> live.status().synced());
    InventoryStatus status = live.status();
    assertThat(status.nodes())
        .containsExactly(new NodeGroup("linux", "", 1), new NodeGroup("windows", "10.0.17763", 1));
    assertThat(live.fleet().runtimeClass("windows-2019")).isPresent();
    assertThat(live.snapshot().index().byTaint())
        .containsEntry("os=windows:NoSchedule", List.of("win-a"));
    assertThat(buildPinned(policy.mutate(pod(LTSC2019)))).isEqualTo("10.0.17763");
    assertThat(policy.mutate(pod(LTSC2022)).patch()).isEmpty();
    ValidationDecision before = policy.validate(pod(LTSC2022));
    assertThat(before.allowed()).isFalse();
    assertThat(before.message()).contains("The fleet's Windows builds: 10.0.17763.");

    // A Windows Server 2022 node joins.
    client.nodes().resource(windows("win-b", "10.0.20348.2762")).create();
    await("win-b joins", () -> live.fleet().nodes().size() == 3);
    assertThat(buildPinned(policy.mutate(pod(LTSC2022)))).isEqualTo("10.0.20348");
    assertThat(policy.validate(pod(LTSC2022)).allowed()).isTrue();

    // win-a is upgraded from 2019 to 2022: nothing runs 2019 images any more.
    client.nodes().resource(windows("win-a", "10.0.20348.2762")).update();
    await(
        "win-a upgraded",
        () ->
            live.fleet()
                .windowsBuilds()
                .equals(
                    new java.util.TreeSet<>(
                        List.of(OsVersion.parseNumeric("10.0.20348").orElseThrow()))));
    assertThat(live.status().nodes())
        .containsExactly(new NodeGroup("linux", "", 1), new NodeGroup("windows", "10.0.20348", 2));
    assertThat(policy.mutate(pod(LTSC2019)).patch()).isEmpty();
    ValidationDecision upgraded = policy.validate(pod(LTSC2019));
    assertThat(upgraded.allowed()).isFalse();
    assertThat(upgraded.message())
        .contains("mcr.microsoft.com/windows/nanoserver:ltsc2019 (Windows 10.0.17763)")
        .contains("Rebuild it on a base image tagged ltsc2022 (10.0.20348)")
        .endsWith("The fleet's Windows builds: 10.0.20348.");

    // Both Windows nodes leave: the Windows pod is left alone, the Linux one no longer pinned.
    client.nodes().withName("win-a").delete();
    client.nodes().withName("win-b").delete();
    await("the Windows nodes leave", () -> !live.fleet().hasWindowsNodes());
    assertThat(policy.mutate(pod(LTSC2022)).patch()).isEmpty();
    assertThat(policy.mutate(pod("nginx:1.27-alpine")).patch()).isEmpty();
    assertThat(live.status().nodes()).containsExactly(new NodeGroup("linux", "", 1));
  }

  @Test
  void anEventThatChangesNothingKeepsTheSnapshot() throws Exception {
    client.nodes().resource(windows("win-a", "10.0.17763.6414")).create();
    live = LiveFleet.start(client, Clock.systemUTC());
    await("the first sync", () -> live.status().synced() && live.fleet().hasNodes());
    var first = live.fleet();
    live.rebuild();
    assertThat(live.fleet()).isSameAs(first);
  }
}
