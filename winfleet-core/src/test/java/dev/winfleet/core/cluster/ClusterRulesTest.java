package dev.winfleet.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.winfleet.core.catalog.KubernetesWindowsCatalog;
import dev.winfleet.core.catalog.WindowsCatalog;
import dev.winfleet.core.image.ImageMetadataSource;
import dev.winfleet.core.manifest.ManifestReader;
import dev.winfleet.core.rules.Finding;
import dev.winfleet.core.rules.RuleSelection;
import dev.winfleet.core.rules.RulesEngine;
import dev.winfleet.core.rules.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * One test per cluster rule: each changes one thing in a cluster that is ready for its Windows node
 * and asserts the exact finding (rule, severity, line, column, object, field, message).
 */
class ClusterRulesTest {

  static final String READY = resource("ready-flannel-vxlan.yaml");
  static final String FILE = "cluster.yaml";

  static String resource(String name) {
    try (InputStream in = ClusterRulesTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The base with one piece of text replaced; the piece must occur exactly once. */
  static String edit(String base, String old, String replacement) {
    int at = base.indexOf(old);
    assertThat(at).as("text to change occurs in the base: %s", old).isGreaterThanOrEqualTo(0);
    assertThat(base.indexOf(old, at + 1)).as("text occurs once: %s", old).isEqualTo(-1);
    return base.substring(0, at) + replacement + base.substring(at + old.length());
  }

  static ClusterSnapshot snapshot(String dump) {
    return ClusterSnapshot.fromObjects(ManifestReader.defaults().read(FILE, dump).objects(), null);
  }

  static List<Finding> check(String dump) {
    return check(dump, null);
  }

  static List<Finding> check(String dump, String kubernetesVersion) {
    return ClusterChecker.builtIn()
        .check(
            snapshot(dump), ImageMetadataSource.tagHints(), kubernetesVersion, RuleSelection.ALL);
  }

  /** The 1-based line of the only line containing this text, from column 1. */
  static int lineOf(String text, String needle) {
    String[] lines = text.split("\n", -1);
    int found = -1;
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].contains(needle)) {
        assertThat(found).as("'%s' occurs on one line", needle).isEqualTo(-1);
        found = i + 1;
      }
    }
    assertThat(found).as("'%s' occurs", needle).isPositive();
    return found;
  }

  static void assertOnly(
      List<Finding> findings,
      String rule,
      Severity severity,
      int line,
      int column,
      String object,
      String path,
      String message) {
    assertThat(findings).as("findings: %s", findings).singleElement();
    Finding f = findings.get(0);
    assertThat(f.rule()).isEqualTo(rule);
    assertThat(f.severity()).isEqualTo(severity);
    assertThat(f.file()).isEqualTo(FILE);
    assertThat(f.line() + ":" + f.column()).isEqualTo(line + ":" + column);
    assertThat(f.object() == null ? null : f.object().toString()).isEqualTo(object);
    assertThat(f.path().toPointer()).isEqualTo(path);
    assertThat(f.message()).isEqualTo(message);
  }

  @Test
  void aReadyClusterHasNoFindings() {
    assertThat(check(READY)).isEmpty();
  }

  @Test
  void flannelVxlanWithoutTheWindowsVniIsFound() {
    String dump = edit(READY, "\"VNI\": 4096,", "\"VNI\": 1,");
    assertOnly(
        check(dump),
        "flannel-windows-vxlan-settings",
        Severity.ERROR,
        lineOf(dump, "net-conf.json: |"),
        5,
        "kube-flannel/ConfigMap/kube-flannel-cfg",
        "/data/net-conf.json",
        "flannel's net-conf.json uses the vxlan backend with VNI 1 and port 4789, but flannel on"
            + " the Windows nodes (win-1) needs VNI 4096 and port 4789; pods there cannot reach"
            + " pods on other nodes.");
    assertThat(check(dump).get(0).fix())
        .isEqualTo(
            "Set \"VNI\": 4096 and \"Port\": 4789 in the Backend of net-conf.json in ConfigMap"
                + " kube-flannel/kube-flannel-cfg, then restart the flannel pods on every node"
                + " (Linux too: VXLAN peers must agree).");
  }

  @Test
  void flannelVxlanWithoutPortNamesTheLinuxDefault() {
    String dump = edit(READY, ",\n          \"Port\": 4789", "");
    assertThat(check(dump))
        .singleElement()
        .extracting(Finding::message)
        .asString()
        .contains("with VNI 4096 and port 8472 (not set; the Linux default)");
  }

  @Test
  void flannelBackendWindowsCannotUseIsFound() {
    String dump =
        edit(
            READY,
            "\"Type\": \"vxlan\",\n          \"VNI\": 4096,\n          \"Port\": 4789",
            "\"Type\": \"udp\"");
    assertOnly(
        check(dump),
        "flannel-windows-backend",
        Severity.ERROR,
        lineOf(dump, "net-conf.json: |"),
        5,
        "kube-flannel/ConfigMap/kube-flannel-cfg",
        "/data/net-conf.json",
        "flannel's net-conf.json uses the udp backend; flannel on Windows supports only host-gw"
            + " (as l2bridge) and vxlan (as overlay), so the Windows nodes (win-1) get no pod"
            + " network.");
  }

  @Test
  void cniWithoutWindowsDataPlaneIsFound() {
    String dump =
        edit(
            READY,
            "          image: docker.io/flannel/flannel:v0.25.6",
            "          image: docker.io/weaveworks/weave-kube:2.8.1");
    dump =
        edit(
            dump,
            "{name: kube-flannel-ds, namespace: kube-flannel}",
            "{name: weave-net, namespace: kube-system}");
    assertOnly(
        check(dump),
        "cni-without-windows-support",
        Severity.ERROR,
        lineOf(dump, "{name: weave-net, namespace: kube-system}"),
        14,
        "kube-system/DaemonSet/weave-net",
        "/metadata/name",
        "The cluster's network plugin is Weave Net (recognised from DaemonSet"
            + " kube-system/weave-net), which has no Windows data plane (Linux only; the project"
            + " is no longer maintained); the Windows nodes (win-1) get no pod network.");
  }

  @Test
  void windowsNodeWithoutKubeProxyIsFound() {
    String dump =
        edit(
            READY,
            "        tolerations: [{key: os, operator: Exists, effect: NoSchedule}]",
            "        tolerations: [{key: os, operator: Equal, value: linux, effect: NoSchedule}]");
    assertOnly(
        check(dump),
        "windows-kube-proxy-missing",
        Severity.ERROR,
        lineOf(dump, "{name: kube-flannel-ds, namespace: kube-flannel}"),
        14,
        "kube-flannel/DaemonSet/kube-flannel-ds",
        "/metadata/name",
        "The cluster's CNI is flannel, which needs kube-proxy on every Windows node, but no"
            + " DaemonSet runs a Windows kube-proxy on win-1; Services are unreachable from pods"
            + " there.");
    assertThat(check(dump).get(0).fix())
        .contains("winfleet's node manifests for the network plugin flannel-vxlan include one");
  }

  @Test
  void antreaWithProxyAllNeedsNoKubeProxy() {
    // Antrea on Windows with antreaProxy.proxyAll: true handles Service traffic itself
    // (https://antrea.io/docs/main/docs/windows/); without it, kube-proxy is needed.
    String dump =
        edit(
            READY,
            "        tolerations: [{key: os, operator: Exists, effect: NoSchedule}]",
            "        tolerations: [{key: os, operator: Equal, value: linux, effect: NoSchedule}]");
    dump =
        edit(
            dump,
            "{name: kube-flannel-ds, namespace: kube-flannel}",
            "{name: antrea-agent, namespace: kube-system}");
    dump =
        edit(
            dump,
            "{name: kube-flannel-ds-windows, namespace: kube-flannel}",
            "{name: antrea-agent-windows, namespace: kube-system}");
    assertThat(check(dump)).extracting(Finding::rule).contains("windows-kube-proxy-missing");

    String proxyAll =
        dump
            + "- apiVersion: v1\n"
            + "  kind: ConfigMap\n"
            + "  metadata: {name: antrea-windows-config, namespace: kube-system}\n"
            + "  data:\n"
            + "    antrea-agent.conf: |\n"
            + "      antreaProxy:\n"
            + "        proxyAll: true\n";
    assertThat(check(proxyAll))
        .extracting(Finding::rule)
        .doesNotContain("windows-kube-proxy-missing");
  }

  @Test
  void kubeProxyIsNotNeededWhereThePlatformRunsIt() {
    String dump =
        edit(
            READY,
            "        tolerations: [{key: os, operator: Exists, effect: NoSchedule}]",
            "        tolerations: [{key: os, operator: Equal, value: linux, effect: NoSchedule}]");
    dump =
        edit(
            dump,
            "{name: kube-flannel-ds, namespace: kube-flannel}",
            "{name: azure-cns, namespace: kube-system}");
    dump =
        edit(
            dump,
            "{name: kube-flannel-ds-windows, namespace: kube-flannel}",
            "{name: other-windows-agent, namespace: kube-flannel}");
    dump =
        edit(
            dump,
            "docker.io/sigwindowstools/flannel:v0.21.5-hostprocess",
            "example.com/agent:1.0-hostprocess");
    dump =
        edit(
            dump,
            "docker.io/flannel/flannel:v0.25.6",
            "mcr.microsoft.com/containernetworking/azure-cns:v1.6.5");
    assertThat(check(dump)).isEmpty();
  }

  @Test
  void linuxDaemonSetReachingWindowsIsFound() {
    String dump =
        edit(
            READY,
            "        nodeSelector: {kubernetes.io/os: linux}\n        tolerations: [{operator: Exists}]\n        containers:\n        - name: node-exporter",
            "        tolerations: [{operator: Exists}]\n        containers:\n        - name: node-exporter");
    assertOnly(
        check(dump),
        "linux-daemonset-reaches-windows",
        Severity.ERROR,
        lineOf(dump, "image: quay.io/prometheus/node-exporter"),
        11,
        "monitoring/DaemonSet/node-exporter",
        "/spec/template/spec/containers/0/image",
        "DaemonSet monitoring/node-exporter places pods on the Windows nodes win-1, but container"
            + " 'node-exporter' runs the Linux image quay.io/prometheus/node-exporter:v1.8.2; those"
            + " pods never start there.");
  }

  @Test
  void linuxDaemonSetKeptOffByTheWindowsTaintIsFine() {
    String dump =
        edit(
            READY,
            "        nodeSelector: {kubernetes.io/os: linux}\n        tolerations: [{operator: Exists}]\n        containers:\n        - name: node-exporter",
            "        containers:\n        - name: node-exporter");
    assertThat(check(dump)).isEmpty();
  }

  @Test
  void clusterDnsReachingWindowsIsFound() {
    String dump =
        edit(
            READY,
            "        nodeSelector: {kubernetes.io/os: linux}\n        tolerations: [{key: CriticalAddonsOnly",
            "        tolerations: [{key: CriticalAddonsOnly");
    assertOnly(
        check(dump),
        "cluster-dns-reaches-windows",
        Severity.ERROR,
        lineOf(dump, "tolerations: [{key: CriticalAddonsOnly") - 1, // the pod spec: no nodeSelector
        7,
        "kube-system/Deployment/coredns",
        "/spec/template/spec/nodeSelector",
        "Deployment kube-system/coredns runs the cluster DNS and can be scheduled on the Windows"
            + " nodes win-1; a replica there never starts.");
  }

  @Test
  void clusterDnsIsRecognisedByTheKubeDnsServiceSelector() {
    String dump =
        edit(
            READY,
            "        nodeSelector: {kubernetes.io/os: linux}\n        tolerations: [{key: CriticalAddonsOnly",
            "        tolerations: [{key: CriticalAddonsOnly");
    dump =
        edit(
            dump,
            "{name: coredns, namespace: kube-system}",
            "{name: dns-server, namespace: kube-system}");
    dump = edit(dump, "selector: {k8s-app: kube-dns}", "selector: {app: dns-server}");
    dump =
        edit(
            dump,
            "      metadata: {labels: {k8s-app: kube-dns}}",
            "      metadata: {labels: {app: dns-server}}");
    assertThat(check(dump))
        .singleElement()
        .satisfies(f -> assertThat(f.objectDisplay()).isEqualTo("Deployment/dns-server"));
  }

  @Test
  void nodeBuildTheKubernetesVersionDoesNotListIsFound() {
    String dump = edit(READY, "kernelVersion: 10.0.20348.2762", "kernelVersion: 10.0.18363.1556");
    assertOnly(
        check(dump),
        "windows-node-build-unsupported",
        Severity.WARNING,
        lineOf(dump, "kernelVersion: 10.0.18363.1556"),
        7,
        "Node/win-1",
        "/status/nodeInfo/kernelVersion",
        "Node win-1 runs Windows Server, version 1909 (10.0.18363.1556), which Kubernetes 1.30 does"
            + " not list for Windows nodes (the last version that listed it is 1.20); it supports"
            + " Windows Server 2019 (10.0.17763), Windows Server, version 20H2 (10.0.19042),"
            + " Windows Server 2022 (10.0.20348).");
    assertThat(check(dump).get(0).fix())
        .isEqualTo(
            "Move the node's workloads to nodes running Windows Server 2022 (10.0.20348)"
                + " (supported by Kubernetes 1.30), rebuilding images for that build, then retire"
                + " win-1.");
  }

  @Test
  void aNodeNewerThanTheClustersKubernetesAdvisesUpgradingKubernetesNotRetiringIt() {
    // Windows Server 2025 (26100) is first listed for Kubernetes 1.35 (catalog); on a 1.30
    // cluster the cause is the cluster's version, so the advice is to upgrade Kubernetes.
    String dump = edit(READY, "kernelVersion: 10.0.20348.2762", "kernelVersion: 10.0.26100.2033");
    assertThat(check(dump))
        .filteredOn(f -> f.rule().equals("windows-node-build-unsupported"))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.message())
                  .contains("Kubernetes 1.35 is the first version that lists it");
              assertThat(f.fix())
                  .startsWith("Upgrade the cluster to Kubernetes 1.35 or newer")
                  .doesNotContain("retire");
            });
  }

  @Test
  void windowsKubeletOutsideTheSkewIsFound() {
    String dump =
        edit(
            READY,
            "      osImage: Windows Server 2022 Datacenter\n      kubeletVersion: v1.30.4",
            "      osImage: Windows Server 2022 Datacenter\n      kubeletVersion: v1.31.0");
    assertOnly(
        check(dump),
        "windows-kubelet-skew",
        Severity.ERROR,
        lineOf(dump, "kubeletVersion: v1.31.0"),
        7,
        "Node/win-1",
        "/status/nodeInfo/kubeletVersion",
        "Node win-1 runs kubelet v1.31.0, newer than the control plane; the control plane is"
            + " Kubernetes 1.30 (kubelet of the control-plane node cp-1), which supports kubelets"
            + " from 1.27 to 1.30.");
  }

  @Test
  void kubeletSkewFollowsTheRuleOfTheControlPlanesVersion() {
    String dump =
        edit(
            READY,
            "      osImage: Windows Server 2022 Datacenter\n      kubeletVersion: v1.30.4",
            "      osImage: Windows Server 2022 Datacenter\n      kubeletVersion: v1.24.9");
    // 1.27 allows two older minors (1.25), 1.28 three (1.25 as well): 1.24 is out for both.
    assertThat(check(dump, "1.27")).extracting(Finding::rule).contains("windows-kubelet-skew");
    assertThat(check(dump, "1.26"))
        .extracting(Finding::rule)
        .doesNotContain("windows-kubelet-skew");
    assertThat(
            KubernetesWindowsCatalog.builtIn()
                .oldestKubeletAllowed(dev.winfleet.core.catalog.KubernetesVersion.parse("1.27"))
                .toString())
        .isEqualTo("1.25");
    assertThat(
            KubernetesWindowsCatalog.builtIn()
                .oldestKubeletAllowed(dev.winfleet.core.catalog.KubernetesVersion.parse("1.28"))
                .toString())
        .isEqualTo("1.25");
  }

  @Test
  void rulesDoNothingWithoutWindowsNodes() {
    String dump = edit(READY, "\"VNI\": 4096,", "\"VNI\": 1,");
    dump =
        edit(
            dump,
            "    labels: {kubernetes.io/os: windows,",
            "    labels: {kubernetes.io/os: linux,");
    dump = edit(dump, "      operatingSystem: windows\n", "      operatingSystem: linux\n");
    assertThat(check(dump)).isEmpty();
  }

  @Test
  void disabledRulesDoNotRun() {
    String dump = edit(READY, "\"VNI\": 4096,", "\"VNI\": 1,");
    List<Finding> findings =
        ClusterChecker.builtIn()
            .check(
                snapshot(dump),
                ImageMetadataSource.tagHints(),
                null,
                new RuleSelection(Set.of("flannel-windows-vxlan-settings"), Set.of()));
    assertThat(findings).isEmpty();
  }

  @Test
  void everyClusterRuleIsImplementedOnceAndOnlyThere() {
    List<ClusterRule> missing = ClusterRules.all().subList(1, ClusterRules.all().size());
    assertThatThrownBy(
            () ->
                new ClusterChecker(
                    RulesEngine.builtIn(),
                    missing,
                    CniCatalog.builtIn(),
                    KubernetesWindowsCatalog.builtIn(),
                    WindowsCatalog.builtIn()))
        .hasMessageContaining("rules.yaml lists flannel-windows-vxlan-settings but no code");
    List<ClusterRule> objectRule = List.of(ClusterRule.of("windows-privileged", (c, r) -> {}));
    assertThatThrownBy(
            () ->
                new ClusterChecker(
                    RulesEngine.builtIn(),
                    objectRule,
                    CniCatalog.builtIn(),
                    KubernetesWindowsCatalog.builtIn(),
                    WindowsCatalog.builtIn()))
        .hasMessageContaining("windows-privileged is not in category cluster");
    assertThat(
            RulesEngine.builtIn().catalog().rules().stream()
                .filter(m -> m.isClusterRule())
                .map(m -> m.id()))
        .containsExactlyInAnyOrder(
            "flannel-windows-vxlan-settings",
            "flannel-windows-backend",
            "cni-without-windows-support",
            "windows-kube-proxy-missing",
            "linux-daemonset-reaches-windows",
            "cluster-dns-reaches-windows",
            "windows-node-build-unsupported",
            "windows-kubelet-skew",
            "windows-node-metrics-agent-missing",
            "windows-node-log-query-off");
  }
}
