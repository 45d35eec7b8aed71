package dev.winfleet.core.realworld;

import static org.assertj.core.api.Assertions.assertThat;

import dev.winfleet.core.admission.AdmissionPlanner;
import dev.winfleet.core.admission.AdmissionSettings;
import dev.winfleet.core.admission.PodValidation;
import dev.winfleet.core.admission.WindowsPodSpecValidation;
import dev.winfleet.core.catalog.KubernetesVersion;
import dev.winfleet.core.fleet.Fleet;
import dev.winfleet.core.fleet.FleetObjects;
import dev.winfleet.core.image.Evidence;
import dev.winfleet.core.image.ImageMetadataSource;
import dev.winfleet.core.image.InspectedImage;
import dev.winfleet.core.image.InspectedImage.InspectedPlatform;
import dev.winfleet.core.image.InspectedImageSource;
import dev.winfleet.core.manifest.ManifestFile;
import dev.winfleet.core.manifest.ManifestObject;
import dev.winfleet.core.manifest.ManifestReader;
import dev.winfleet.core.manifest.PodTemplate;
import dev.winfleet.core.rules.CheckEnvironment;
import dev.winfleet.core.rules.Finding;
import dev.winfleet.core.rules.RuleSelection;
import dev.winfleet.core.rules.RulesEngine;
import dev.winfleet.core.rules.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Real public manifests (sources and commits in realworld/README.md) through the checker and the
 * webhook's validation, with no registry (knowledge and tag tokens only) and with registry facts.
 * Expectations come from the Kubernetes docs:
 *
 * <ul>
 *   <li>[WIN] https://kubernetes.io/docs/concepts/windows/intro/ (supported Windows Server
 *       releases; HostProcess, gMSA, runAsUserName are Windows-only)
 *   <li>[HPC] https://kubernetes.io/docs/tasks/configure-pod-container/create-hostprocess-pod/
 *       ("the base image ... does not need to match the host's OS version"; hostPath such as
 *       /var/lib/kubelet is valid on Windows: paths are relative to the system drive)
 *   <li>[GUIDE] https://kubernetes.io/docs/concepts/windows/user-guide/ (nodeSelector
 *       kubernetes.io/os keeps Windows pods on Windows nodes)
 *   <li>[GMSA] https://kubernetes.io/docs/tasks/configure-pod-container/configure-gmsa/
 *   <li>[PSS] https://kubernetes.io/docs/concepts/security/pod-security-standards/ (Restricted:
 *       Seccomp, Capabilities and Privilege Escalation are "Linux only policy in v1.25+
 *       (spec.os.name != windows)"; Baseline forbids hostProcess: true)
 *   <li>[PODOS]
 *       https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#PodSpec
 *       (with os.name windows the API server rejects seccompProfile, capabilities and
 *       allowPrivilegeEscalation)
 * </ul>
 */
class RealManifestsTest {

  private static final AdmissionSettings WEBHOOK =
      new AdmissionSettings(true, List.of(), Severity.ERROR);

  /**
   * CSI node plugins' Windows DaemonSets and HostProcess agents: each selects Windows nodes
   * ([GUIDE]) and runs images that publish Windows entries (multi-OS sidecars, HostProcess images:
   * [HPC]). Nothing here may be an error, and the webhook admits all of them.
   */
  @ParameterizedTest(name = "{0} has no error and is admitted without a registry")
  @ValueSource(
      strings = {
        "csi-smb-node-windows.yaml",
        "csi-azurefile-node-windows.yaml",
        "csi-azurefile-node-windows-hostprocess.yaml",
        "sig-windows-tools-kube-proxy.yaml",
        "sig-windows-tools-csi-proxy.yaml",
        "csi-smb-node.yaml",
        "aks-windows-sample.yaml",
        "website-nginx-deployment.yaml",
        "windows-testing-prepull-1.14.yaml",
        // registry.k8s.io/e2e-test-images/agnhost (multi-OS, knowledge) beside k8sprow images with
        // Linux-looking tags: the doubted ones must not make the known one "run on no node".
        "windows-testing-prepull-1.21.yaml",
        // A clusterctl template: image sigwindowstools/kube-proxy:${KUBERNETES_VERSION/+/_}-...
        "capz-kube-proxy-windows.yaml",
        // privileged: true before HostProcess existed: ignored by the Windows kubelet, a warning.
        "csi-smb-node-windows-v0.6.0.yaml"
      })
  void windowsInfrastructureIsNotAnError(String file) {
    CheckEnvironment env = noRegistry(Fleet.empty());
    List<Finding> findings = check(file, env);
    assertThat(findings)
        .as("%s: %s", file, findings)
        .noneMatch(f -> f.severity() == Severity.ERROR)
        .noneMatch(f -> f.rule().equals("mixed-os-pod"))
        .noneMatch(f -> f.rule().equals("no-compatible-node"))
        .noneMatch(f -> f.rule().equals("host-path-os-mismatch"))
        .noneMatch(f -> f.rule().equals("pod-os-mismatch"));
    for (ManifestObject o : read(file).objects()) {
      assertThat(AdmissionPlanner.builtIn().validation(o, env, WEBHOOK).denials())
          .as("webhook denials for %s", o.ref())
          .isEmpty();
    }
  }

  /**
   * The CSI node plugins' Windows DaemonSets set no spec.os.name, a pod seccompProfile of type
   * RuntimeDefault and capabilities that drop ALL: exactly what the Restricted level requires of a
   * pod whose spec.os.name is not windows [PSS]. Removing them would get these pods rejected where
   * Restricted is enforced, so each is an info that says to declare the OS first [PODOS], never a
   * warning to remove it.
   */
  @ParameterizedTest(name = "{0}: Restricted-level settings are info, not 'remove them'")
  @ValueSource(strings = {"csi-smb-node-windows.yaml", "csi-azurefile-node-windows.yaml"})
  void restrictedLevelSettingsWithoutOsNameAreInfo(String file) {
    List<Finding> findings = check(file, noRegistry(Fleet.empty()));
    assertThat(findings).extracting(Finding::rule).doesNotContain("windows-linux-security-options");
    List<Finding> restricted =
        findings.stream().filter(f -> f.rule().equals("windows-restricted-linux-options")).toList();
    // The pod's seccompProfile and the capabilities of each of the three containers.
    assertThat(restricted)
        .hasSize(4)
        .allSatisfy(
            f -> {
              assertThat(f.severity()).isEqualTo(Severity.INFO);
              assertThat(f.fix()).contains("set spec.template.spec.os.name: windows");
            });
    List<String> paths = restricted.stream().map(f -> f.path().toPointer()).toList();
    assertThat(paths).containsOnlyOnce("/spec/template/spec/securityContext/seccompProfile");
    assertThat(paths).filteredOn(p -> p.endsWith("/securityContext/capabilities")).hasSize(3);
  }

  /**
   * The info's fix says to set spec.os.name: windows and remove the fields in the same change.
   * Doing only the first half to the real csi-smb DaemonSet (the file unchanged otherwise) makes
   * the API server reject it: validateWindows (kubernetes/kubernetes
   * pkg/apis/core/validation/validation.go at 000f26050b9be6fb3d79fae95e06b47fc96128cd) forbids a
   * pod seccompProfile and container capabilities that are set at all [PODOS]. So each is one
   * error, at the same four places, and no longer an info; the webhook's check (which then
   * withholds os.name) names the same fields.
   */
  @Test
  void osNameWithoutRemovingTheRestrictedSettingsIsRejected() {
    String file = "csi-smb-node-windows.yaml";
    String declared =
        resource(file)
            .replace(
                "      nodeSelector:\n        kubernetes.io/os: windows\n",
                "      nodeSelector:\n        kubernetes.io/os: windows\n"
                    + "      os:\n        name: windows\n");
    List<Finding> findings =
        RulesEngine.builtIn()
            .check(ManifestReader.defaults().read(file, declared), noRegistry(Fleet.empty()));

    assertThat(findings)
        .extracting(Finding::rule)
        .doesNotContain("windows-restricted-linux-options", "windows-linux-security-options");
    List<Finding> errors = findings.stream().filter(f -> f.severity() == Severity.ERROR).toList();
    assertThat(errors).extracting(Finding::rule).containsOnly("windows-os-forbidden-field");
    assertThat(errors)
        .extracting(f -> f.path().toPointer())
        .containsExactlyInAnyOrder(
            "/spec/template/spec/securityContext/seccompProfile",
            "/spec/template/spec/containers/0/securityContext/capabilities",
            "/spec/template/spec/containers/1/securityContext/capabilities",
            "/spec/template/spec/containers/2/securityContext/capabilities");
    assertThat(
            WindowsPodSpecValidation.forbiddenFields(
                PodTemplate.of(read(file).objects().get(0)).orElseThrow().spec()))
        .containsExactlyInAnyOrder(
            "securityContext.seccompProfile",
            "containers[0].securityContext.capabilities",
            "containers[1].securityContext.capabilities",
            "containers[2].securityContext.capabilities");
  }

  /**
   * The HostProcess variant of the azurefile DaemonSet sets the same fields, but a HostProcess pod
   * never passes the Restricted level (its Baseline part forbids hostProcess: true [PSS]), so they
   * only have no effect on Windows: removing them is safe, and the warning says so.
   */
  @Test
  void linuxSecurityOptionsOfAHostProcessPodAreSafeToRemove() {
    List<Finding> findings =
        check("csi-azurefile-node-windows-hostprocess.yaml", noRegistry(Fleet.empty()));
    assertThat(findings)
        .extracting(Finding::rule)
        .doesNotContain("windows-restricted-linux-options");
    assertThat(findings)
        .filteredOn(f -> f.rule().equals("windows-linux-security-options"))
        .hasSize(4)
        .allSatisfy(
            f -> {
              assertThat(f.severity()).isEqualTo(Severity.WARNING);
              assertThat(f.fix()).startsWith("Remove securityContext.");
            });
  }

  /** HostProcess pods are build-agnostic [HPC]: no build rule fires on them. */
  @ParameterizedTest(name = "{0}: no build finding on HostProcess")
  @ValueSource(
      strings = {
        "csi-azurefile-node-windows-hostprocess.yaml",
        "sig-windows-tools-kube-proxy.yaml",
        "sig-windows-tools-csi-proxy.yaml"
      })
  void hostProcessPodsAreBuildAgnostic(String file) {
    Fleet fleet = fleet();
    List<Finding> findings = check(file, noRegistry(fleet));
    assertThat(findings)
        .extracting(Finding::rule)
        .doesNotContain(
            "no-compatible-node",
            "windows-build-unpinned",
            "windows-image-build-unknown",
            "windows-subpath",
            "host-path-os-mismatch");
  }

  /**
   * A gMSA credential spec makes a pod Windows-only [GMSA]; without an OS selector the scheduler
   * may put it on a Linux node [GUIDE]: windows-os-selector-missing, resting on the pod's
   * declaration (its image, registry.k8s.io/pause, is multi-OS).
   */
  @Test
  void gmsaDeploymentWithoutOsSelectorIsFound() {
    List<Finding> findings = check("windows-gmsa-simple-with-gmsa.yaml", noRegistry(Fleet.empty()));
    assertThat(findings)
        .filteredOn(f -> f.rule().equals("windows-os-selector-missing"))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.severity()).isEqualTo(Severity.ERROR);
              assertThat(f.evidence()).isEqualTo(Evidence.DECLARATION);
            });
  }

  /**
   * Windows Server 2019 is listed for Kubernetes up to 1.34 and no longer for 1.35 [WIN]. With no
   * fleet and no --kubernetes-version that is a support-policy warning, never "no node can run it";
   * with --kubernetes-version 1.34 nothing is wrong.
   */
  @Test
  void releaseDroppedByTheNewestKubernetesIsAWarningWithoutAFleet() {
    List<Finding> assumed = check("website-run-as-username-pod.yaml", noRegistry(Fleet.empty()));
    assertThat(assumed).noneMatch(f -> f.severity() == Severity.ERROR);
    assertThat(assumed)
        .filteredOn(f -> f.rule().equals("windows-release-unsupported"))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.severity()).isEqualTo(Severity.WARNING);
              assertThat(f.message()).contains("2019").contains("1.34");
            });

    CheckEnvironment on134 =
        new CheckEnvironment(
            Fleet.empty(),
            ImageMetadataSource.tagHints(),
            List.of(KubernetesVersion.parse("1.34")),
            RuleSelection.ALL);
    assertThat(check("website-run-as-username-pod.yaml", on134))
        .extracting(Finding::rule)
        .doesNotContain("windows-release-unsupported", "no-compatible-node");
  }

  /**
   * SIG Windows' e2e prepull DaemonSet selects Windows nodes and runs {@code cmd.exe} in images
   * named like the upstream Linux test images ({@code nginx:1.14-alpine}, {@code
   * httpd:2.4.38-alpine}) on {@code k8sprow.azurecr.io/kubernetes-e2e-test-images}: Windows jobs
   * point the e2e suite at another registry with KUBE_TEST_REPO_LIST and keep the upstream names
   * and tags (windows-testing images/README.md and image-repo-list, gcEtcdRegistry). So a Linux
   * token in the tag is no fact against the pod's own Windows declaration: winfleet says it cannot
   * tell (info), where it said "no node can run it" (an error, and a webhook denial) before. A
   * registry fact that the image is Linux only still is one.
   */
  @Test
  void linuxLookingTagsInAWindowsPodAreDoubtedButRegistryFactsDecide() {
    String file = "windows-testing-prepull-1.14.yaml";
    List<Finding> tagsOnly = check(file, noRegistry(Fleet.empty()));
    assertThat(tagsOnly).noneMatch(f -> f.severity() == Severity.ERROR);
    ManifestObject daemonSet = read(file).objects().get(0);
    // The pod's first container (busybox:1.29, no OS in its tag) is the one image-os-unknown
    // names; on a pod of the nginx container alone it is the doubted tag.
    String alone =
        resource(file)
                .substring(
                    0,
                    resource(file).indexOf("      containers:\n") + "      containers:\n".length())
            + "      - image: k8sprow.azurecr.io/kubernetes-e2e-test-images/nginx:1.14-alpine\n"
            + "        name: nginx26\n"
            + "        command: ['cmd.exe', '/c', 'ping -n 1800 127.0.0.1 >NUL']\n";
    List<Finding> single =
        RulesEngine.builtIn()
            .check(ManifestReader.defaults().read("nginx.yaml", alone), noRegistry(Fleet.empty()));
    assertThat(single)
        .filteredOn(f -> f.rule().equals("image-os-unknown"))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.severity()).isEqualTo(Severity.INFO);
              assertThat(f.message())
                  .contains("tag '1.14-alpine' is a Linux variant, but the pod declares Windows");
              assertThat(f.fix()).doesNotContain("state the pod's OS");
            });
    assertThat(
            AdmissionPlanner.builtIn()
                .validation(daemonSet, noRegistry(Fleet.empty()), WEBHOOK)
                .denials())
        .isEmpty();

    InspectedImage linuxOnly =
        new InspectedImage(
            "k8sprow.azurecr.io/kubernetes-e2e-test-images/nginx:1.14-alpine",
            "sha256:" + "d".repeat(64),
            "application/vnd.docker.distribution.manifest.v2+json",
            List.of(platform("linux", "amd64", null)),
            null);
    CheckEnvironment facts =
        CheckEnvironment.of(
            Fleet.empty(),
            new InspectedImageSource(
                List.of(linuxOnly), ImageMetadataSource.tagHints(), Evidence.REGISTRY),
            RuleSelection.ALL);
    assertThat(
            RulesEngine.builtIn().check(ManifestReader.defaults().read("nginx.yaml", alone), facts))
        .filteredOn(f -> f.severity() == Severity.ERROR)
        .extracting(Finding::rule, Finding::evidence)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("no-compatible-node", Evidence.REGISTRY));
  }

  /**
   * Cluster API's Windows kube-proxy DaemonSet is a template: clusterctl fills in
   * ${KUBERNETES_VERSION} (envsubst) before it is applied. Its image is no invalid reference but
   * one not known yet; being HostProcess, the pod needs no build, so nothing is said of the image.
   * The same reference in a pod that is not HostProcess is a "cannot tell", at info level.
   */
  @Test
  void templatePlaceholdersAreNotInvalidReferences() {
    String file = "capz-kube-proxy-windows.yaml";
    assertThat(check(file, noRegistry(Fleet.empty())))
        .extracting(Finding::rule)
        .doesNotContain("image-reference-invalid", "image-os-unknown");
    String plain = resource(file).replace("          hostProcess: true\n", "");
    assertThat(plain).isNotEqualTo(resource(file));
    assertThat(
            RulesEngine.builtIn()
                .check(
                    ManifestReader.defaults().read("plain.yaml", plain), noRegistry(Fleet.empty())))
        .filteredOn(f -> f.rule().startsWith("image-"))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.rule()).isEqualTo("image-os-unknown");
              assertThat(f.severity()).isEqualTo(Severity.INFO);
              assertThat(f.message()).contains("its reference holds a placeholder");
            });
  }

  /**
   * Placeholders of other tools in the images of real manifests: envsubst without braces
   * (Azure/azure-container-networking test/integration/manifests/cilium/daemonset.yaml at cbd7560c:
   * {@code $CILIUM_IMAGE_REGISTRY/cilium/cilium:$CILIUM_VERSION_TAG}, 194 errors in that
   * repository) and a sample's "put yours here" (microsoft/windows-container-tools
   * examples/aks/iis-logmonitor/deployment/deployment.yml at d07608d5: {@code
   * <dockerhub-username>/iis-logmonitor:latest}). Neither is a reference yet; a reference with a
   * real mistake still is an error.
   */
  @Test
  void placeholdersOfEnvsubstAndSamplesAreNotInvalidReferences() {
    for (String image :
        List.of(
            "$CILIUM_IMAGE_REGISTRY/cilium/cilium:$CILIUM_VERSION_TAG",
            "<dockerhub-username>/iis-logmonitor:latest")) {
      String pod =
          "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  nodeSelector:"
              + " {kubernetes.io/os: windows}\n  containers:\n  - name: c\n    image: \""
              + image
              + "\"\n";
      assertThat(
              RulesEngine.builtIn()
                  .check(ManifestReader.defaults().read("p.yaml", pod), noRegistry(Fleet.empty())))
          .as(image)
          .extracting(Finding::rule)
          .doesNotContain("image-reference-invalid")
          .contains("image-os-unknown");
    }
    String typo =
        "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: c\n"
            + "    image: mcr.microsoft.com/Windows/NanoServer:ltsc2022\n";
    assertThat(
            RulesEngine.builtIn()
                .check(ManifestReader.defaults().read("p.yaml", typo), noRegistry(Fleet.empty())))
        .extracting(Finding::rule)
        .contains("image-reference-invalid");
  }

  /**
   * Registry mode: the facts of the registry for the CSI sidecars (Linux and Windows entries) keep
   * the Windows DaemonSet clean; a fact that no node runs an image (servercore:ltsc2019 on a fleet
   * of Windows Server 2022 nodes only) is an error and the webhook denies it.
   */
  @Test
  void registryFactsDecide() {
    List<InspectedImage> facts = new ArrayList<>();
    for (String sidecar :
        List.of(
            "registry.k8s.io/sig-storage/livenessprobe:v2.16.0",
            "registry.k8s.io/sig-storage/csi-node-driver-registrar:v2.15.0",
            "gcr.io/k8s-staging-sig-storage/smbplugin:canary")) {
      facts.add(
          new InspectedImage(
              sidecar,
              "sha256:" + "a".repeat(64),
              "application/vnd.oci.image.index.v1+json",
              List.of(
                  platform("linux", "amd64", null),
                  platform("windows", "amd64", "10.0.17763.6893"),
                  platform("windows", "amd64", "10.0.20348.3207")),
              null));
    }
    facts.add(
        new InspectedImage(
            "mcr.microsoft.com/windows/servercore:ltsc2019",
            "sha256:" + "b".repeat(64),
            "application/vnd.docker.distribution.manifest.list.v2+json",
            List.of(platform("windows", "amd64", "10.0.17763.6893")),
            null));
    Fleet fleet = fleet2022();
    CheckEnvironment env =
        CheckEnvironment.of(
            fleet,
            new InspectedImageSource(facts, ImageMetadataSource.tagHints(), Evidence.REGISTRY),
            RuleSelection.ALL);

    // The one error is real: the fleet's Windows nodes carry os=windows:NoSchedule, which the
    // DaemonSet (tolerating node.kubernetes.io/os only) does not tolerate.
    assertThat(check("csi-smb-node-windows.yaml", env))
        .filteredOn(f -> f.severity() == Severity.ERROR)
        .extracting(Finding::rule)
        .containsOnly("windows-toleration-missing");

    List<Finding> iis = check("website-run-as-username-pod.yaml", env);
    assertThat(iis)
        .filteredOn(f -> f.rule().equals("no-compatible-node"))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.severity()).isEqualTo(Severity.ERROR);
              assertThat(f.evidence()).isEqualTo(Evidence.REGISTRY);
            });
    ManifestObject pod = read("website-run-as-username-pod.yaml").objects().get(0);
    PodValidation v = AdmissionPlanner.builtIn().validation(pod, env, WEBHOOK);
    assertThat(v.denials()).extracting(Finding::rule).containsExactly("no-compatible-node");
  }

  private static InspectedPlatform platform(String os, String arch, String osVersion) {
    return new InspectedPlatform(os, arch, osVersion, "sha256:" + "c".repeat(64), 3, 1000, 0);
  }

  private static CheckEnvironment noRegistry(Fleet fleet) {
    return CheckEnvironment.of(fleet, ImageMetadataSource.tagHints(), RuleSelection.ALL);
  }

  private static List<Finding> check(String file, CheckEnvironment env) {
    return RulesEngine.builtIn().check(read(file), env);
  }

  private static ManifestFile read(String file) {
    return ManifestReader.defaults().read(file, resource(file));
  }

  /** Windows Server 2019 and 2022 nodes and a Linux node (the rules tests' mixed fleet). */
  private static Fleet fleet() {
    String text = resource("/dev/winfleet/core/rules/fleet-mixed.yaml");
    return FleetObjects.fromObjects(ManifestReader.defaults().read("fleet", text).objects());
  }

  /** Only Windows Server 2022 nodes and a Linux node. */
  private static Fleet fleet2022() {
    String text = resource("/dev/winfleet/core/rules/fleet-mixed.yaml");
    String only2022 =
        text.replace("10.0.17763.6414", "10.0.20348.2762").replace("10.0.17763", "10.0.20348");
    return FleetObjects.fromObjects(ManifestReader.defaults().read("fleet", only2022).objects());
  }

  private static String resource(String name) {
    try (InputStream in = RealManifestsTest.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
