package dev.winfleet.core.cluster;

import static dev.winfleet.core.cluster.ClusterRulesTest.READY;
import static dev.winfleet.core.cluster.ClusterRulesTest.edit;
import static dev.winfleet.core.cluster.ClusterRulesTest.snapshot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.winfleet.core.fleet.Toleration;
import dev.winfleet.core.image.ImageTagHints;
import dev.winfleet.core.manifest.ManifestObject;
import dev.winfleet.core.manifest.Values;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Settings for the Windows node components, from parameters and from a cluster, and the objects.
 */
class NodeSettingsAndManifestsTest {

  private final NodeSettingsResolver resolver = NodeSettingsResolver.builtIn();

  private static NodeRequest request(String cni) {
    return new NodeRequest(cni, null, null, null, null, null, null);
  }

  @Test
  void settingsComeFromTheClusterWithTheirSources() {
    NodeSettings s = resolver.resolve(request("flannel-vxlan"), snapshot(READY));
    assertThat(s.clusterCidr()).isEqualTo("10.244.0.0/16");
    assertThat(s.serviceCidr()).isEqualTo("10.96.0.0/12");
    assertThat(s.dnsIp()).isEqualTo("10.96.0.10");
    assertThat(s.kubernetesVersion()).isEqualTo("v1.30.4");
    assertThat(s.flannelNamespace()).isEqualTo("kube-flannel");
    assertThat(s.flannelServiceAccount()).isEqualTo("flannel");
  }

  @Test
  void clusterCidrFallsBackToKubeadmAndServiceCidrPrefersTheApiServersServiceCidr() {
    String dump =
        edit(READY, "\"Network\": \"10.244.0.0/16\",\n", "")
            + "- apiVersion: networking.k8s.io/v1\n  kind: ServiceCIDR\n  metadata: {name: kubernetes}\n"
            + "  spec: {cidrs: [10.96.0.0/16, \"fd00::/108\"]}\n";
    dump = edit(dump, "podSubnet: 10.244.0.0/16", "podSubnet: 10.200.0.0/16");
    ClusterNetwork net = ClusterNetwork.of(snapshot(dump), CniCatalog.builtIn());
    assertThat(net.clusterCidr().orElseThrow())
        .isEqualTo(
            new Setting(
                "10.200.0.0/16", "ConfigMap kube-system/kubeadm-config, networking.podSubnet"));
    assertThat(net.serviceCidr().orElseThrow())
        .isEqualTo(new Setting("10.96.0.0/16", "ServiceCIDR kubernetes, spec.cidrs"));
  }

  @Test
  void aClusterThatDoesNotTellAValueNeedsTheParameter() {
    String dump = edit(READY, "    name: kube-dns\n", "    name: dns-elsewhere\n");
    assertThat(withFlags(() -> resolver.resolve(request("flannel-vxlan"), snapshot(dump))))
        .isEqualTo("the cluster does not show its cluster DNS address; give --dns-ip");
    NodeSettings s =
        resolver.resolve(
            new NodeRequest("flannel-vxlan", null, null, "10.96.0.53", null, null, null),
            snapshot(dump));
    assertThat(s.dnsIp()).isEqualTo("10.96.0.53");
  }

  @Test
  void withoutAClusterEveryParameterIsNeededAndValidated() {
    assertThat(
            withFlags(
                () ->
                    resolver.resolve(
                        new NodeRequest(
                            "calico", "10.244.0.0/16", null, "10.96.0.10", "1.30.4", null, null))))
        .isEqualTo("--service-cidr is needed without --kubeconfig");
    assertThat(
            withFlags(
                () ->
                    resolver.resolve(
                        new NodeRequest(
                            "calico",
                            "10.244.0.0/16",
                            "10.96.0.0/12",
                            "10.96.0.10",
                            "1.30",
                            null,
                            null))))
        .isEqualTo("--kubernetes-version needs the patch level, such as 1.33.1, got 1.30");
    assertThat(
            withFlags(
                () ->
                    resolver.resolve(
                        new NodeRequest(
                            "weave",
                            "10.244.0.0/16",
                            "10.96.0.0/12",
                            "10.96.0.10",
                            "1.30.4",
                            null,
                            null))))
        .isEqualTo("--cni must be one of flannel-vxlan, flannel-host-gw, calico, got weave");
    assertThatThrownBy(
            () ->
                resolver.resolve(
                    new NodeRequest(
                        "calico",
                        "10.244.0.0/16",
                        "10.96.0.0/33",
                        "10.96.0.10",
                        "1.30.4",
                        null,
                        null)))
        .hasMessage(
            "the service CIDR must be an IPv4 CIDR such as 10.244.0.0/16, got 10.96.0.0/33");
  }

  @Test
  void extraTaintsOfTheClustersWindowsNodesAreTolerated() {
    String dump =
        edit(
            READY,
            "    taints: [{key: os, value: windows, effect: NoSchedule}]",
            "    taints: [{key: os, value: windows, effect: NoSchedule}, {key: team, value: dotnet,"
                + " effect: NoExecute}]");
    NodeSettings s = resolver.resolve(request("flannel-vxlan"), snapshot(dump));
    assertThat(s.extraTolerations())
        .containsExactly(
            new Toleration(
                "team",
                Toleration.Operator.EQUAL,
                "dotnet",
                dev.winfleet.core.fleet.TaintEffect.NO_EXECUTE));
  }

  @Test
  void everyDaemonSetIsWindowsOnlyHostProcessOnEveryContainer() {
    NodeSettings s = resolver.resolve(request("flannel-vxlan"), snapshot(READY));
    List<Map<String, Object>> objects = WindowsNodeManifests.builtIn().objects(s);
    assertThat(objects)
        .extracting(o -> o.get("kind"))
        .containsExactly("ConfigMap", "DaemonSet", "DaemonSet");
    for (Map<String, Object> o : objects.subList(1, 3)) {
      Map<String, Object> spec = Values.map(Values.get(o, "spec", "template", "spec"));
      assertThat(spec.get("nodeSelector"))
          .isEqualTo(Map.of("kubernetes.io/os", "windows", "kubernetes.io/arch", "amd64"));
      assertThat(spec.get("hostNetwork")).isEqualTo(true);
      assertThat(Values.get(spec, "securityContext", "windowsOptions"))
          .isEqualTo(Map.of("hostProcess", true, "runAsUserName", "NT AUTHORITY\\SYSTEM"));
      for (Object c : Values.list(spec.get("containers"))) {
        assertThat(Values.get(c, "securityContext", "windowsOptions"))
            .isEqualTo(Map.of("hostProcess", true, "runAsUserName", "NT AUTHORITY\\SYSTEM"));
        assertThat(ImageTagHints.builtIn().hint(Values.getString(c, "image")).kind())
            .isEqualTo(dev.winfleet.core.image.ImageOsHint.Kind.WINDOWS_ANY_BUILD);
      }
      assertThat(Values.list(spec.get("tolerations")))
          .contains(
              Map.of("key", "os", "operator", "Equal", "value", "windows", "effect", "NoSchedule"));
    }
    FlannelNetConf conf =
        FlannelNetConf.parse(Values.getString(objects.get(0), "data", FlannelNetConf.KEY))
            .orElseThrow();
    assertThat(conf).isEqualTo(new FlannelNetConf("10.244.0.0/16", "vxlan", 4096, 4789));
  }

  @Test
  void hostGwHasNoVniAndCalicoOnlyKubeProxy() {
    NodeSettings hostGw =
        resolver.resolve(
            new NodeRequest(
                "flannel-host-gw",
                "10.244.0.0/16",
                "10.96.0.0/12",
                "10.96.0.10",
                "v1.33.1",
                null,
                null));
    Map<String, Object> cm = WindowsNodeManifests.builtIn().objects(hostGw).get(0);
    assertThat(FlannelNetConf.parse(Values.getString(cm, "data", FlannelNetConf.KEY)).orElseThrow())
        .isEqualTo(new FlannelNetConf("10.244.0.0/16", "host-gw", null, null));
    assertThat(Values.getString(cm, "data", "cni-conf-containerd.json"))
        .contains("\"name\" : \"cbr0\"", "sdnbridge");
    NodeSettings calico =
        resolver.resolve(
            new NodeRequest(
                "calico", "10.244.0.0/16", "10.96.0.0/12", "10.96.0.10", "1.33.1", null, null));
    List<Map<String, Object>> objects = WindowsNodeManifests.builtIn().objects(calico);
    assertThat(objects).singleElement();
    assertThat(
            Values.getString(
                Values.list(Values.get(objects.get(0), "spec", "template", "spec", "containers"))
                    .get(0),
                "image"))
        .isEqualTo("docker.io/sigwindowstools/kube-proxy:v1.33.1-calico-hostprocess");
  }

  @Test
  void cniPluginsAreRecognisedByNameFirstThenByImage() {
    CniCatalog catalog = CniCatalog.builtIn();
    assertThat(catalog.recognise(daemonSet("canal", "docker.io/calico/node:v3.28")))
        .get()
        .extracting(CniPlugin::id)
        .isEqualTo("canal");
    assertThat(catalog.recognise(daemonSet("net-agent", "quay.io/cilium/cilium:v1.16")))
        .get()
        .extracting(CniPlugin::id)
        .isEqualTo("cilium");
    assertThat(
            catalog.recognise(
                daemonSet("x", "docker.io/rancher/mirrored-flannelcni-flannel:v0.19")))
        .get()
        .extracting(CniPlugin::id)
        .isEqualTo("flannel");
    assertThat(catalog.recognise(daemonSet("fluent-bit", "cr.fluentbit.io/fluent/fluent-bit:3.1")))
        .isEmpty();
    assertThat(catalog.plugins()).allSatisfy(p -> assertThat(p.sources()).isNotEmpty());
  }

  private static ManifestObject daemonSet(String name, String image) {
    return ManifestObject.of(
        Map.of(
            "kind", "DaemonSet",
            "metadata", Map.of("name", name),
            "spec",
                Map.of(
                    "template",
                    Map.of(
                        "spec",
                        Map.of("containers", List.of(Map.of("name", "c", "image", image)))))));
  }

  /**
   * The message as the command line shows it; the core's own message names no flag (the core names
   * parameters in words, the front ends add their spelling).
   */
  private static String withFlags(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
    try {
      call.call();
    } catch (NodeSettingsException e) {
      assertThat(e.getMessage()).doesNotContain("--");
      return e.render(
          p ->
              p == NodeSettingsException.Parameter.CLUSTER
                  ? "--kubeconfig"
                  : "--" + p.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
    } catch (Throwable t) {
      throw new AssertionError("expected a NodeSettingsException", t);
    }
    throw new AssertionError("expected a NodeSettingsException, nothing was thrown");
  }
}
