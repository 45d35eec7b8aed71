package dev.winfleet.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.winfleet.core.cluster.ControlPlane.Basis;
import dev.winfleet.core.compat.OsFamily;
import dev.winfleet.core.fleet.Fleet;
import dev.winfleet.core.fleet.FleetNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How the control plane's version is known: the basis is a value, the front end names flags. */
class ControlPlaneTest {

  private static FleetNode node(String name, Map<String, String> labels, String kubelet) {
    return new FleetNode(
        name,
        labels,
        List.of(),
        OsFamily.LINUX,
        "amd64",
        null,
        kubelet,
        "",
        "",
        -1,
        -1,
        List.of(),
        false);
  }

  private static final Fleet FLEET =
      new Fleet(
          List.of(
              node("lin-1", Map.of(), "v1.29.2"),
              node("lin-2", Map.of(), "v1.30.4"),
              node("cp-1", Map.of("node-role.kubernetes.io/control-plane", ""), "v1.28.9")),
          List.of());

  @Test
  void theUsersVersionComesFirst() {
    ControlPlane cp = ControlPlane.resolve("1.31.2", "v1.30.0", FLEET).orElseThrow();
    assertThat(cp.basis()).isEqualTo(Basis.GIVEN);
    assertThat(cp.version().toString()).isEqualTo("1.31");
    assertThat(cp.source()).isEqualTo("as given");
  }

  @Test
  void thenTheApiServers() {
    ControlPlane cp = ControlPlane.resolve(null, "v1.30.0", FLEET).orElseThrow();
    assertThat(cp.basis()).isEqualTo(Basis.API_SERVER);
    assertThat(cp.gitVersion()).isEqualTo("v1.30.0");
  }

  @Test
  void thenTheKubeletOfAControlPlaneNode() {
    ControlPlane cp = ControlPlane.resolve(null, null, FLEET).orElseThrow();
    assertThat(cp.basis()).isEqualTo(Basis.CONTROL_PLANE_KUBELET);
    assertThat(cp.node()).isEqualTo("cp-1");
    assertThat(cp.version().toString()).isEqualTo("1.28");
  }

  @Test
  void elseTheNewestKubeletAndItSaysTheApiServerMayBeNewerWithoutNamingAFlag() {
    Fleet noControlPlane = new Fleet(FLEET.nodes().subList(0, 2), List.of());
    ControlPlane cp = ControlPlane.resolve(null, null, noControlPlane).orElseThrow();
    assertThat(cp.basis()).isEqualTo(Basis.NEWEST_KUBELET);
    assertThat(cp.version().toString()).isEqualTo("1.30");
    assertThat(cp.source())
        .isEqualTo("the newest kubelet, on lin-2; the API server may be newer")
        .doesNotContain("--");
  }
}
