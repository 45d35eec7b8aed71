package dev.winfleet.core.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.winfleet.core.catalog.KubernetesVersion;
import dev.winfleet.core.fleet.Fleet;
import dev.winfleet.core.image.ImageMetadataSource;
import dev.winfleet.core.manifest.FieldPath;
import dev.winfleet.core.manifest.ManifestObject;
import dev.winfleet.core.manifest.ManifestReader;
import dev.winfleet.core.placement.PlacementEngine;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RulesEngineTest extends RuleTestSupport {

  @ParameterizedTest(name = "{0} with {1}")
  @CsvSource({
    "windows, tainted",
    "windows, mixed",
    "windows, none",
    "linux, untainted",
    "linux, tainted",
    "linux, none",
    "hostprocess, tainted",
    "hostprocess, none"
  })
  void validBasesHaveNoFindings(String base, String fleet) {
    String manifest =
        switch (base) {
          case "windows" -> WINDOWS;
          case "linux" -> LINUX;
          default -> HOSTPROCESS;
        };
    Fleet f =
        switch (fleet) {
          case "tainted" -> TAINTED;
          case "mixed" -> MIXED;
          case "untainted" -> UNTAINTED;
          default -> NO_FLEET;
        };
    assertThat(check(manifest, f, null)).isEmpty();
  }

  @Test
  void theIssuesRuleIdsExistWithTheirSeverities() {
    RuleCatalog catalog = RulesEngine.builtIn().catalog();
    Map<String, Severity> required = new LinkedHashMap<>();
    required.put("windows-os-selector-missing", Severity.ERROR);
    required.put("linux-os-selector-missing", Severity.WARNING);
    required.put("windows-toleration-missing", Severity.ERROR);
    required.put("no-compatible-node", Severity.ERROR);
    required.put("windows-build-unpinned", Severity.WARNING);
    required.put("mixed-os-pod", Severity.ERROR);
    required.put("pod-os-mismatch", Severity.ERROR);
    required.put("windows-resources-missing", Severity.WARNING);
    required.put("windows-image-latest", Severity.ERROR);
    required.put("windows-restricted-linux-options", Severity.INFO);
    required.forEach(
        (id, severity) ->
            assertThat(catalog.rule(id).orElseThrow().severity()).as(id).isEqualTo(severity));
    for (String id :
        List.of(
            "deprecated-os-label",
            "hyperv-isolation-unsupported",
            "windows-privileged",
            "hostprocess-incomplete",
            "windows-run-as-user",
            "windows-linux-security-options",
            "windows-read-only-root-fs",
            "windows-host-namespaces",
            "windows-host-network",
            "windows-fs-group",
            "windows-nfs-volume",
            "windows-subpath",
            "windows-block-volume",
            "windows-memory-emptydir",
            "windows-file-mode",
            "windows-mount-propagation",
            "host-path-os-mismatch",
            "windows-hugepages",
            "windows-dns-host-net",
            "linux-shell-in-windows-container")) {
      assertThat(catalog.contains(id)).as(id).isTrue();
    }
    assertThat(catalog.rule("linux-os-selector-missing").orElseThrow().needsFleet()).isTrue();
    assertThat(catalog.rule("windows-toleration-missing").orElseThrow().needsFleet()).isTrue();
    assertThat(catalog.rule("windows-build-unpinned").orElseThrow().needsFleet()).isTrue();
  }

  @Test
  void everyRuleHasTextsAndSources() {
    for (RuleMetadata m : RulesEngine.builtIn().catalog().rules()) {
      assertThat(m.id()).matches("[a-z][a-z0-9-]+");
      assertThat(m.summary()).as(m.id()).isNotBlank();
      assertThat(m.rationale()).as(m.id()).isNotBlank();
      assertThat(m.docs()).as(m.id()).isNotEmpty();
      assertThat(m.docs()).allSatisfy(d -> assertThat(d).startsWith("https://"));
    }
  }

  @Test
  void refusesRuleWithoutMetadataAndMetadataWithoutRule() {
    RuleCatalog catalog = RuleCatalog.builtIn();
    List<Rule> rules = new java.util.ArrayList<>(BuiltInRules.all());
    rules.add(Rule.of("not-in-the-catalog", (pod, r) -> {}));
    assertThatThrownBy(() -> new RulesEngine(catalog, rules, PlacementEngine.builtIn()))
        .hasMessageContaining("not-in-the-catalog has no entry in rules.yaml");
    List<Rule> missing = BuiltInRules.all().subList(1, BuiltInRules.all().size());
    assertThatThrownBy(() -> new RulesEngine(catalog, missing, PlacementEngine.builtIn()))
        .hasMessageContaining("no code implements it");
  }

  @Test
  void ignoreAnnotationSwitchesRulesOffForOneObject() {
    String noSelector =
        edit(
            WINDOWS,
            "      nodeSelector:\n        kubernetes.io/os: windows\n"
                + "        node.kubernetes.io/windows-build: \"10.0.20348\"\n",
            "");
    String ignored =
        edit(
            noSelector,
            "  namespace: web\n",
            "  namespace: web\n  annotations:\n"
                + "    winfleet.dev/ignore: \"windows-os-selector-missing, windows-subpath\"\n");
    assertThat(check(noSelector, TAINTED, null))
        .extracting(Finding::rule)
        .containsExactly("windows-os-selector-missing");
    assertThat(check(ignored, TAINTED, null)).isEmpty();
  }

  @Test
  void disabledAndEnableOnlySelectRules() {
    String manifest =
        edit(
            WINDOWS,
            "      os:\n",
            "      hostPID: true\n      dnsPolicy: ClusterFirstWithHostNet\n      os:\n");
    assertThat(rules(manifest, new RuleSelection(Set.of(), Set.of())))
        .containsExactly("windows-host-namespaces", "windows-dns-host-net");
    assertThat(rules(manifest, new RuleSelection(Set.of("windows-host-namespaces"), Set.of())))
        .containsExactly("windows-dns-host-net");
    assertThat(rules(manifest, new RuleSelection(Set.of(), Set.of("windows-host-namespaces"))))
        .containsExactly("windows-host-namespaces");
  }

  private static List<String> rules(String manifest, RuleSelection selection) {
    CheckEnvironment env = CheckEnvironment.of(TAINTED, ImageMetadataSource.tagHints(), selection);
    return RulesEngine.builtIn()
        .check(ManifestReader.defaults().read("m.yaml", manifest), env)
        .stream()
        .map(Finding::rule)
        .toList();
  }

  @Test
  void fleetRulesAreSkippedWithoutFleet() {
    String noTolerations =
        edit(
            WINDOWS,
            "      tolerations:\n        - key: os\n          operator: Equal\n"
                + "          value: windows\n          effect: NoSchedule\n",
            "");
    assertThat(check(noTolerations, TAINTED, null))
        .extracting(Finding::rule)
        .containsExactly("windows-toleration-missing");
    assertThat(check(noTolerations, NO_FLEET, null)).isEmpty();
  }

  @Test
  void versionLimitedRulesApplyOnlyBeforeTheVersionThatLiftedThem() {
    String csi =
        edit(WINDOWS, "          emptyDir: {}\n", "          csi: {driver: smb.csi.k8s.io}\n");
    assertThat(check(csi, TAINTED, "1.21"))
        .extracting(Finding::rule)
        .containsExactly("windows-csi-volume");
    assertThat(check(csi, TAINTED, "1.22")).isEmpty();
    assertThat(check(HOSTPROCESS, TAINTED, "1.25"))
        .extracting(Finding::rule)
        .containsExactly("hostprocess-unavailable");
    assertThat(check(HOSTPROCESS, TAINTED, "1.26")).isEmpty();
  }

  @Test
  void defaultKubernetesVersionIsTheFleetsKubeletsElseTheNewestKnown() {
    assertThat(CheckEnvironment.defaultVersions(TAINTED))
        .containsExactly(KubernetesVersion.parse("1.31"));
    assertThat(CheckEnvironment.defaultVersions(NO_FLEET))
        .containsExactly(dev.winfleet.core.catalog.KubernetesWindowsCatalog.builtIn().newest());
  }

  @Test
  void objectsWithoutSourceGetPathsInsteadOfLines() {
    // What the admission webhook does: a pod from an AdmissionReview, as a plain tree.
    Map<String, Object> pod =
        Map.of(
            "apiVersion",
            "v1",
            "kind",
            "Pod",
            "metadata",
            Map.of("name", "iis", "namespace", "web"),
            "spec",
            Map.of(
                "containers",
                List.of(
                    Map.of(
                        "name",
                        "iis",
                        "image",
                        "mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022",
                        "resources",
                        Map.of("limits", Map.of("cpu", "1", "memory", "1Gi"))))));
    CheckEnvironment env =
        CheckEnvironment.of(TAINTED, ImageMetadataSource.tagHints(), RuleSelection.ALL);
    List<Finding> findings = RulesEngine.builtIn().check(ManifestObject.of(pod), env);

    assertThat(findings)
        .extracting(Finding::rule)
        .containsExactly("windows-os-selector-missing", "windows-toleration-missing");
    Finding f = findings.get(0);
    assertThat(f.file()).isNull();
    assertThat(f.line()).isZero();
    assertThat(f.column()).isZero();
    assertThat(f.path()).isEqualTo(FieldPath.parse("/spec/containers/0/image"));
    assertThat(f.objectDisplay()).isEqualTo("Pod/iis");
    assertThat(f.namespace()).isEqualTo("web");
  }

  @Test
  void runtimeClassFromTheFleetKeepsAPodOnItsBuild() {
    String viaRuntimeClass =
        edit(
            WINDOWS,
            "      nodeSelector:\n        kubernetes.io/os: windows\n"
                + "        node.kubernetes.io/windows-build: \"10.0.20348\"\n"
                + "      tolerations:\n        - key: os\n          operator: Equal\n"
                + "          value: windows\n          effect: NoSchedule\n",
            "      runtimeClassName: windows-2022\n");
    assertThat(check(viaRuntimeClass, TAINTED, null)).isEmpty();
  }

  @Test
  void cronJobPodTemplatesAreChecked() {
    String cron =
        """
        apiVersion: batch/v1
        kind: CronJob
        metadata:
          name: report
        spec:
          schedule: "0 1 * * *"
          jobTemplate:
            spec:
              template:
                spec:
                  restartPolicy: Never
                  containers:
                    - name: report
                      image: mcr.microsoft.com/windows/servercore:ltsc2022
                      resources: {limits: {cpu: 500m, memory: 512Mi}}
        """;
    List<Finding> findings = check(cron, TAINTED, null);
    assertThat(findings)
        .extracting(Finding::rule, Finding::line, Finding::column)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("windows-os-selector-missing", 14, 15),
            org.assertj.core.groups.Tuple.tuple("windows-toleration-missing", 14, 15));
  }

  @Test
  void daemonSetsLandOnEveryNodeTheirSelectorsAllow() {
    String daemonSet =
        edit(
            edit(edit(WINDOWS, "kind: Deployment\n", "kind: DaemonSet\n"), "  replicas: 2\n", ""),
            "        node.kubernetes.io/windows-build: \"10.0.20348\"\n",
            "");
    List<Finding> findings = check(daemonSet, MIXED, null);
    assertThat(findings).extracting(Finding::rule).containsExactly("windows-build-unpinned");
    assertThat(findings.get(0).message())
        .contains(
            "win19-a (10.0.17763.6414); the DaemonSet starts a pod on each of them, and those pods hang");
  }

  @Test
  void daemonSetsTolerateCordonedNodesOtherPodsDoNot() {
    Fleet cordoned = fleet("fleet-untainted.yaml"); // win22-open is untainted; cordon it below
    Fleet withCordon =
        new Fleet(
            cordoned.nodes().stream().map(n -> cordonWindows(n, n.taints())).toList(), List.of());
    String deployment =
        edit(
            WINDOWS,
            "      tolerations:\n        - key: os\n          operator: Equal\n"
                + "          value: windows\n          effect: NoSchedule\n",
            "");
    // A cordoned node is node state, not a manifest problem: no advice to tolerate it.
    assertThat(check(deployment, withCordon, null))
        .extracting(Finding::rule)
        .doesNotContain("windows-toleration-missing");
    String daemonSet =
        edit(edit(deployment, "kind: Deployment\n", "kind: DaemonSet\n"), "  replicas: 2\n", "");
    assertThat(check(daemonSet, withCordon, null)).isEmpty();
  }

  @Test
  void tolerationAdviceNeverNamesTheCordonTaint() {
    Fleet base = fleet("fleet-untainted.yaml");
    Fleet cordonedAndTainted =
        new Fleet(
            base.nodes().stream()
                .map(
                    n ->
                        cordonWindows(
                            n,
                            n.isWindows()
                                ? List.of(
                                    new dev.winfleet.core.fleet.Taint(
                                        "os",
                                        "windows",
                                        dev.winfleet.core.fleet.TaintEffect.NO_SCHEDULE))
                                : n.taints()))
                .toList(),
            List.of());
    String deployment =
        edit(
            WINDOWS,
            "      tolerations:\n        - key: os\n          operator: Equal\n"
                + "          value: windows\n          effect: NoSchedule\n",
            "");
    List<Finding> findings =
        check(deployment, cordonedAndTainted, null).stream()
            .filter(f -> f.rule().equals("windows-toleration-missing"))
            .toList();
    assertThat(findings).hasSize(1);
    assertThat(findings.get(0).message())
        .contains("os=windows:NoSchedule")
        .doesNotContain("unschedulable");
    assertThat(findings.get(0).fix()).contains("key: os").doesNotContain("unschedulable");
  }

  /** The node with these taints, cordoned when it is a Windows node. */
  private static dev.winfleet.core.fleet.FleetNode cordonWindows(
      dev.winfleet.core.fleet.FleetNode n, List<dev.winfleet.core.fleet.Taint> taints) {
    return new dev.winfleet.core.fleet.FleetNode(
        n.name(),
        n.labels(),
        taints,
        n.os(),
        n.architecture(),
        n.windowsVersion(),
        n.kubeletVersion(),
        n.containerRuntimeVersion(),
        n.osImage(),
        n.allocatableCpuMillis(),
        n.allocatableMemoryBytes(),
        n.images(),
        n.isWindows());
  }
}
