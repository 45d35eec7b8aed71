package dev.winfleet.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One test per rule: each changes one field of a manifest that is valid for its fleet and asserts
 * the exact finding (rule, severity, line, column, object, container, path, message, fix). The
 * bases and fleets are under src/test/resources/dev/winfleet/core/rules.
 */
class RuleFindingsTest extends RuleTestSupport {

  /**
   * The Windows base without spec.os.name (its nodeSelector still says Windows): the API server
   * does not validate it as a Windows pod, so Linux-only fields are only ignored on Windows, the
   * warnings; with spec.os.name: windows they are windows-os-forbidden-field errors (see
   * WindowsOsForbiddenFieldTest).
   */
  static final String WINDOWS_WITHOUT_OS_NAME =
      edit(WINDOWS, "      os:\n        name: windows\n", "");

  @Test
  void reportsWindowsPodWithoutOsSelector() {
    // windows-os-selector-missing
    List<Finding> findings =
        check(
            edit(
                WINDOWS,
                "      nodeSelector:\n        kubernetes.io/os: windows\n        node.kubernetes.io/windows-build: \"10.0.20348\"\n",
                ""),
            TAINTED,
            null);

    assertOnly(
        findings,
        "windows-os-selector-missing",
        Severity.ERROR,
        25,
        11,
        "Deployment/iis",
        "iis",
        "/spec/template/spec/containers/0/image",
        "Container 'iis' runs the Windows image mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022, but the scheduler may put it on the Linux nodes lin-a (linux); on a Linux node it can never start.",
        "Add `kubernetes.io/os: windows` to spec.template.spec.nodeSelector (and set spec.template.spec.os.name: windows).");
  }

  /**
   * The Windows CSI node DaemonSets' shape: no OS selector in this edit, no spec.os.name, and the
   * settings the Restricted Pod Security level asks of a pod whose spec.os.name is not windows. The
   * fix's "set spec.os.name: windows" must say to remove them with it: validateWindows in the API
   * server rejects seccompProfile and capabilities in a pod that declares Windows
   * (WindowsOsValidation), so following the advice alone would make the Deployment fail to apply.
   */
  @Test
  void osSelectorFixSaysWhatToRemoveWithSpecOsName() {
    String restricted =
        edit(
            edit(
                edit(
                    WINDOWS_WITHOUT_OS_NAME,
                    "      nodeSelector:\n        kubernetes.io/os: windows\n        node.kubernetes.io/windows-build: \"10.0.20348\"\n",
                    "      securityContext:\n        seccompProfile:\n          type: RuntimeDefault\n"),
                "          ports:\n",
                "          securityContext:\n            capabilities:\n              drop: [\"ALL\"]\n          ports:\n"),
            "      tolerations:\n",
            "      tolerations:\n");
    Finding missing =
        check(restricted, TAINTED, null).stream()
            .filter(f -> f.rule().equals("windows-os-selector-missing"))
            .findFirst()
            .orElseThrow();

    assertThat(missing.fix())
        .isEqualTo(
            "Add `kubernetes.io/os: windows` to spec.template.spec.nodeSelector (and set"
                + " spec.template.spec.os.name: windows, removing securityContext.seccompProfile"
                + " and containers[0].securityContext.capabilities in the same change: the API"
                + " server rejects them in a pod whose spec.os.name is windows).");
  }

  /** Declared Linux, runs Windows images, and sets runAsUser: "set it to windows" needs more. */
  @Test
  void osMismatchFixSaysWhatToRemoveWhenTheRightOsIsWindows() {
    String linuxWithRunAsUser =
        edit(
            edit(WINDOWS, "        name: windows\n", "        name: linux\n"),
            "      tolerations:\n",
            "      securityContext:\n        runAsUser: 1000\n      tolerations:\n");
    Finding mismatch =
        check(linuxWithRunAsUser, TAINTED, null).stream()
            .filter(f -> f.rule().equals("pod-os-mismatch"))
            .findFirst()
            .orElseThrow();

    assertThat(mismatch.fix())
        .isEqualTo(
            "Set spec.template.spec.os.name to windows, removing securityContext.runAsUser in the"
                + " same change: the API server rejects it in a pod whose spec.os.name is windows,"
                + " or change the images and selectors so that all of them say linux.");
  }

  @Test
  void reportsLinuxPodThatCanLandOnUntaintedWindowsNode() {
    // linux-os-selector-missing
    List<Finding> findings =
        check(
            edit(LINUX, "      nodeSelector:\n        kubernetes.io/os: linux\n", ""),
            UNTAINTED,
            null);

    assertOnly(
        findings,
        "linux-os-selector-missing",
        Severity.WARNING,
        18,
        11,
        "Deployment/web",
        "nginx",
        "/spec/template/spec/containers/0/image",
        "This pod runs only Linux images and has no OS constraint, and the Windows nodes win22-open (10.0.20348.2762) have no taint it cannot tolerate; a replica scheduled there never starts.",
        "Add `kubernetes.io/os: linux` to spec.template.spec.nodeSelector.");
  }

  @Test
  void reportsBetaOsLabelInNodeSelector() {
    // deprecated-os-label
    List<Finding> findings =
        check(
            edit(
                WINDOWS,
                "        kubernetes.io/os: windows\n",
                "        beta.kubernetes.io/os: windows\n"),
            TAINTED,
            null);

    assertOnly(
        findings,
        "deprecated-os-label",
        Severity.WARNING,
        19,
        9,
        "Deployment/iis",
        null,
        "/spec/template/spec/nodeSelector/beta.kubernetes.io~1os",
        "The nodeSelector uses the deprecated node label beta.kubernetes.io/os.",
        "Use kubernetes.io/os instead of beta.kubernetes.io/os; it takes the same values.");
  }

  @Test
  void reportsWindowsPodWithoutTolerationForTaintedNodes() {
    // windows-toleration-missing
    List<Finding> findings =
        check(
            edit(
                WINDOWS,
                "      tolerations:\n        - key: os\n          operator: Equal\n          value: windows\n          effect: NoSchedule\n",
                ""),
            TAINTED,
            null);

    assertOnly(
        findings,
        "windows-toleration-missing",
        Severity.ERROR,
        23,
        11,
        "Deployment/iis",
        "iis",
        "/spec/template/spec/containers/0/image",
        "Every Windows node this pod selects (win22-a (10.0.20348.2762), win22-b (10.0.20348.2762)) has a taint the pod does not tolerate (os=windows:NoSchedule); it stays Pending.",
        "Add to spec.template.spec.tolerations: [{key: os, operator: Equal, value: windows, effect: NoSchedule}]");
  }

  @Test
  void reportsImageThatNoFleetNodeRuns() {
    // no-compatible-node
    List<Finding> findings =
        check(
            edit(WINDOWS, "iis:windowsservercore-ltsc2022", "iis:windowsservercore-ltsc2019"),
            TAINTED,
            null);

    assertOnly(
        findings,
        "no-compatible-node",
        Severity.ERROR,
        28,
        11,
        "Deployment/iis",
        "iis",
        "/spec/template/spec/containers/0/image",
        "No node this pod can land on can run it: mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2019 (Windows 10.0.17763) does not run with process isolation on the nodes it can land on: win22-a (10.0.20348.2762), win22-b (10.0.20348.2762).",
        "Rebuild it on a base image tagged ltsc2022 (10.0.20348), or run it on nodes of build 10.0.17763.");
  }

  @Test
  void reportsImageThatNoSupportedReleaseRunsWithoutFleet() {
    // no-compatible-node
    List<Finding> findings =
        check(
            edit(WINDOWS, "iis:windowsservercore-ltsc2022", "iis:windowsservercore-ltsc2019"),
            NO_FLEET,
            "1.35");

    assertOnly(
        findings,
        "no-compatible-node",
        Severity.ERROR,
        28,
        11,
        "Deployment/iis",
        "iis",
        "/spec/template/spec/containers/0/image",
        "No node this pod can land on can run it: mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2019 (Windows 10.0.17763) does not run with process isolation on the Windows Server releases Kubernetes 1.35 supports for nodes: Windows Server 2022 (10.0.20348).",
        "Rebuild it on a base image tagged ltsc2022 (10.0.20348), or run it on nodes of build 10.0.17763; if your cluster still runs such nodes, give winfleet its nodes or its Kubernetes version.");
  }

  @Test
  void reportsPodThatCanLandOnNodesOfAnotherBuild() {
    // windows-build-unpinned
    List<Finding> findings =
        check(
            edit(WINDOWS, "        node.kubernetes.io/windows-build: \"10.0.20348\"\n", ""),
            MIXED,
            null);

    assertOnly(
        findings,
        "windows-build-unpinned",
        Severity.WARNING,
        27,
        11,
        "Deployment/iis",
        "iis",
        "/spec/template/spec/containers/0/image",
        "This pod can land on Windows nodes that cannot run mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022: win19-a (10.0.17763.6414); replicas placed there hang in ContainerCreating with \"The container operating system does not match the host operating system\". Only nodes of build 10.0.20348 run all its images.",
        "Pin the build: add nodeSelector {node.kubernetes.io/windows-build: \"10.0.20348\"} to spec.template.spec.");
  }

  @Test
  void reportsLinuxSidecarInWindowsPod() {
    // mixed-os-pod
    List<Finding> findings =
        check(
            edit(WINDOWS, "mcr.microsoft.com/windows/nanoserver:ltsc2022", "fluent/fluent-bit:3.0"),
            TAINTED,
            null);

    assertOnly(
        findings,
        "mixed-os-pod",
        Severity.ERROR,
        39,
        11,
        "Deployment/iis",
        "logs",
        "/spec/template/spec/containers/1/image",
        "Container 'logs' runs the Linux image fluent/fluent-bit:3.0, but container 'iis' runs the Windows image mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022; a pod's containers share one node, so one of them can never start.",
        "Move 'logs' to a workload of its own, or use a Windows variant of fluent/fluent-bit:3.0.");
  }

  @Test
  void reportsACapitalisedTolerationField() {
    // toleration-invalid: field names are case-sensitive; strict field validation rejects Effect.
    List<Finding> findings =
        check(
            edit(WINDOWS, "          effect: NoSchedule\n", "          Effect: NoSchedule\n"),
            UNTAINTED,
            null);

    assertThat(findings)
        .filteredOn(f -> f.rule().equals("toleration-invalid"))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.severity()).isEqualTo(Severity.ERROR);
              assertThat(f.path().toString()).isEqualTo("/spec/template/spec/tolerations/0/Effect");
              assertThat(f.message())
                  .isEqualTo("spec.template.spec.tolerations[0] has unknown field 'Effect'.");
              assertThat(f.fix()).isEqualTo("Write 'effect' (field names are case-sensitive).");
            });
  }

  @Test
  void ignoresAnUnknownSidecarInWindowsPod() {
    // mixed-os-pod needs a known Linux-only image; an image winfleet does not know is not Linux.
    List<Finding> findings =
        check(
            edit(
                WINDOWS,
                "mcr.microsoft.com/windows/nanoserver:ltsc2022",
                "registry.corp.example/tools/log-shipper:3.0"),
            TAINTED,
            null);

    assertThat(findings).extracting(Finding::rule).doesNotContain("mixed-os-pod");
    assertThat(findings).noneMatch(f -> f.severity() == Severity.ERROR && !f.evidence().isFact());
  }

  @Test
  void reportsOsNameThatContradictsImages() {
    // pod-os-mismatch
    List<Finding> findings =
        check(edit(WINDOWS, "        name: windows\n", "        name: linux\n"), TAINTED, null);

    assertOnly(
        findings,
        "pod-os-mismatch",
        Severity.ERROR,
        17,
        9,
        "Deployment/iis",
        null,
        "/spec/template/spec/os/name",
        "spec.os.name is linux, but container 'iis' runs the Windows image mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022; the kubelet refuses a pod whose spec.os.name differs from its node's OS.",
        "Set spec.template.spec.os.name to windows, or change the images and selectors so that all of them say linux.");
  }

  /**
   * validateOS accepts only the lower-case values linux and windows (validOS in
   * pkg/apis/core/validation/validation.go): "Windows" is rejected by the API server, although
   * every other rule reads it as the Windows it means.
   */
  @Test
  void reportsOsNameInTheWrongCase() {
    // pod-os-name-invalid
    List<Finding> findings =
        check(edit(WINDOWS, "        name: windows\n", "        name: Windows\n"), TAINTED, null);

    assertOnly(
        findings,
        "pod-os-name-invalid",
        Severity.ERROR,
        17,
        9,
        "Deployment/iis",
        null,
        "/spec/template/spec/os/name",
        "spec.os.name is \"Windows\"; the API server accepts only linux or windows and rejects this"
            + " object.",
        "Set spec.template.spec.os.name to windows.");
  }

  @Test
  void reportsOsNameThatIsNoOsAndAnOsWithoutName() {
    Finding other =
        check(edit(WINDOWS, "        name: windows\n", "        name: win2022\n"), TAINTED, null)
            .stream()
            .filter(f -> f.rule().equals("pod-os-name-invalid"))
            .findFirst()
            .orElseThrow();
    assertThat(other.severity()).isEqualTo(Severity.ERROR);
    assertThat(other.fix())
        .isEqualTo(
            "Set spec.template.spec.os.name to linux or windows (lower case), or remove"
                + " spec.template.spec.os.");

    // validateOS: "name" is required when os is given.
    Finding missing =
        check(edit(WINDOWS, "      os:\n        name: windows\n", "      os: {}\n"), TAINTED, null)
            .stream()
            .filter(f -> f.rule().equals("pod-os-name-invalid"))
            .findFirst()
            .orElseThrow();
    assertThat(missing.path()).hasToString("/spec/template/spec/os");
    assertThat(missing.message())
        .isEqualTo(
            "spec.os.name is missing; the API server accepts only linux or windows and rejects"
                + " this object.");

    // The two values it accepts are not findings of this rule (the base declares windows).
    assertThat(check(WINDOWS, TAINTED, null))
        .extracting(Finding::rule)
        .doesNotContain("pod-os-name-invalid");
  }

  @Test
  void reportsUnknownRuntimeClass() {
    // runtime-class-not-found
    List<Finding> findings =
        check(
            edit(WINDOWS, "      os:\n", "      runtimeClassName: windows-2019\n      os:\n"),
            TAINTED,
            null);

    assertOnly(
        findings,
        "runtime-class-not-found",
        Severity.WARNING,
        16,
        7,
        "Deployment/iis",
        null,
        "/spec/template/spec/runtimeClassName",
        "runtimeClassName windows-2019 names a RuntimeClass that is neither in the fleet nor in the checked files (known: hyperv, windows-2022); the API server rejects the pod.",
        "Create RuntimeClass windows-2019 (for Windows: handler runhcs-wcow-process and a scheduling.nodeSelector for the Windows build), or use one of the known RuntimeClasses.");
  }

  @Test
  void reportsInvalidImageReference() {
    // image-reference-invalid
    List<Finding> findings =
        check(
            edit(
                WINDOWS,
                "mcr.microsoft.com/windows/nanoserver:ltsc2022",
                "mcr.microsoft.com/Windows/NanoServer:ltsc2022"),
            TAINTED,
            null);

    assertOnly(
        findings,
        "image-reference-invalid",
        Severity.ERROR,
        39,
        11,
        "Deployment/iis",
        "logs",
        "/spec/template/spec/containers/1/image",
        "The image of container 'logs' cannot be pulled: 'mcr.microsoft.com/Windows/NanoServer:ltsc2022' is not a valid image reference: the repository part 'Windows' is not valid (lowercase letters, digits and single separators . _ -); expected [registry/]repository[:tag][@sha256:digest], such as mcr.microsoft.com/windows/servercore:ltsc2022.",
        "Correct spec.template.spec.containers[1].image.");
  }

  @Test
  void reportsWindowsImageWhoseTagNamesNoRelease() {
    // windows-image-build-unknown
    List<Finding> findings =
        check(
            edit(
                WINDOWS,
                "mcr.microsoft.com/windows/nanoserver:ltsc2022",
                "registry.example.com/shop/logs:1.4-nanoserver"),
            TAINTED,
            null);

    assertOnly(
        findings,
        "windows-image-build-unknown",
        Severity.INFO,
        39,
        11,
        "Deployment/iis",
        "logs",
        "/spec/template/spec/containers/1/image",
        "registry.example.com/shop/logs:1.4-nanoserver is a Windows image, but winfleet cannot tell its Windows build (tag '1.4-nanoserver' is a Windows variant but names no release), so it cannot judge which nodes run it.",
        "Use a tag that names the release (ltsc2022), or give winfleet the image's registry facts (a registry lookup or a lock file) so the build is read from the image's config.");
  }

  @Test
  void reportsHypervIsolationAnnotation() {
    // hyperv-isolation-unsupported
    List<Finding> findings =
        check(
            edit(
                WINDOWS,
                "    metadata:\n      labels:\n        app: iis\n",
                "    metadata:\n      annotations:\n        experimental.windows.kubernetes.io/isolation-type: hyperv\n      labels:\n        app: iis\n"),
            TAINTED,
            null);

    assertOnly(
        findings,
        "hyperv-isolation-unsupported",
        Severity.ERROR,
        14,
        9,
        "Deployment/iis",
        null,
        "/spec/template/metadata/annotations/experimental.windows.kubernetes.io~1isolation-type",
        "The annotation experimental.windows.kubernetes.io/isolation-type: hyperv asks for Hyper-V isolation; Kubernetes runs Windows pods with process isolation only, so the request is ignored or the pod fails to start.",
        "Remove it and run process-isolated: use an image whose Windows build the nodes run (a RuntimeClass with handler runhcs-wcow-process can pin the build).");
  }

  @Test
  void reportsHypervRuntimeClassHandler() {
    // hyperv-isolation-unsupported
    List<Finding> findings =
        check(
            edit(WINDOWS, "      os:\n", "      runtimeClassName: hyperv\n      os:\n"),
            TAINTED,
            null);

    assertOnly(
        findings,
        "hyperv-isolation-unsupported",
        Severity.ERROR,
        16,
        7,
        "Deployment/iis",
        null,
        "/spec/template/spec/runtimeClassName",
        "RuntimeClass hyperv (handler runhcs-wcow-hypervisor) asks for Hyper-V isolation; Kubernetes runs Windows pods with process isolation only, so the request is ignored or the pod fails to start.",
        "Remove it and run process-isolated: use an image whose Windows build the nodes run (a RuntimeClass with handler runhcs-wcow-process can pin the build).");
  }

  @Test
  void reportsPrivilegedWindowsContainer() {
    // windows-privileged
    List<Finding> findings =
        check(
            edit(
                WINDOWS,
                "          ports:\n",
                "          securityContext:\n            privileged: true\n          ports:\n"),
            TAINTED,
            null);

    assertOnly(
        findings,
        "windows-privileged",
        Severity.ERROR,
        30,
        13,
        "Deployment/iis",
        "iis",
        "/spec/template/spec/containers/0/securityContext/privileged",
        "Container 'iis' sets privileged: true, which Windows does not support: the API server rejects it in a pod whose spec.os.name is windows.",
        "Remove privileged; for a node agent use a HostProcess pod (spec.template.spec.securityContext.windowsOptions.hostProcess: true and spec.template.spec.hostNetwork: true).");
  }

  /**
   * Without spec.os.name the pod is created, and the Windows kubelet ignores privileged: its
   * generateWindowsContainerConfig (kubernetes/kubernetes pkg/kubelet/kuberuntime/
   * kuberuntime_container_windows.go at a09cb22e) passes only runAsUserName, the gMSA credential
   * spec and hostProcess to the runtime. A warning, like the other fields Windows ignores; the
   * Windows DaemonSets of csi-driver-smb v0.1.0 to v0.6.0 set it.
   */
  @Test
  void privilegedWithoutOsNameIsIgnoredAWarning() {
    List<Finding> findings =
        check(
            edit(
                WINDOWS_WITHOUT_OS_NAME,
                "          ports:\n",
                "          securityContext:\n            privileged: true\n          ports:\n"),
            TAINTED,
            null);

    assertOnly(
        findings,
        "windows-privileged",
        Severity.WARNING,
        28,
        13,
        "Deployment/iis",
        "iis",
        "/spec/template/spec/containers/0/securityContext/privileged",
        "Container 'iis' sets privileged: true, which Windows does not support: the Windows kubelet ignores it, and the container runs without host access (the API server rejects it once spec.os.name is windows).",
        "Remove privileged; for a node agent use a HostProcess pod (spec.template.spec.securityContext.windowsOptions.hostProcess: true and spec.template.spec.hostNetwork: true).");
  }

  @Test
  void reportsHostProcessPodWithoutHostNetwork() {
    // hostprocess-incomplete
    List<Finding> findings =
        check(
            edit(HOSTPROCESS, "      hostNetwork: true\n", "      hostNetwork: false\n"),
            TAINTED,
            null);

    assertOnly(
        findings,
        "hostprocess-incomplete",
        Severity.ERROR,
        19,
        7,
        "DaemonSet/node-agent",
        null,
        "/spec/template/spec/hostNetwork",
        "HostProcess pod is incomplete: hostNetwork is not true; HostProcess pods run in the node's network namespace and the API server rejects them without it.",
        "Set spec.template.spec.hostNetwork: true.");
  }

  @Test
  void reportsHostProcessBeforeItWasGenerallyAvailable() {
    // hostprocess-unavailable
    List<Finding> findings = check(HOSTPROCESS, TAINTED, "1.24");

    assertOnly(
        findings,
        "hostprocess-unavailable",
        Severity.WARNING,
        17,
        11,
        "DaemonSet/node-agent",
        null,
        "/spec/template/spec/securityContext/windowsOptions/hostProcess",
        "This pod uses HostProcess containers, which Kubernetes supports without a feature gate only from 1.26; the target is 1.24.",
        "Upgrade to Kubernetes 1.26 or later, or make sure the WindowsHostProcessContainers feature gate is on (it is by default from 1.23).");
  }

  @Test
  void reportsRunAsUserInWindowsContainer() {
    // windows-run-as-user
    List<Finding> findings =
        check(
            edit(
                WINDOWS_WITHOUT_OS_NAME,
                "          ports:\n",
                "          securityContext:\n            runAsUser: 1000\n          ports:\n"),
            TAINTED,
            null);

    assertOnly(
        findings,
        "windows-run-as-user",
        Severity.WARNING,
        28,
        13,
        "Deployment/iis",
        "iis",
        "/spec/template/spec/containers/0/securityContext/runAsUser",
        "securityContext.runAsUser sets a Linux user or group id, which Windows ignores (the API server rejects it when spec.os.name is windows).",
        "Remove securityContext.runAsUser; set securityContext.windowsOptions.runAsUserName instead (e.g. \"ContainerUser\").");
  }

  /**
   * allowPrivilegeEscalation: true is not what the Restricted level asks (false), so without
   * spec.os.name it is a plain Linux option Windows does not apply.
   */
  @Test
  void reportsLinuxSecurityOptionInWindowsContainer() {
    // windows-linux-security-options
    List<Finding> findings =
        check(
            edit(
                WINDOWS_WITHOUT_OS_NAME,
                "          ports:\n",
                "          securityContext:\n            allowPrivilegeEscalation: true\n          ports:\n"),
            TAINTED,
            null);

    assertOnly(
        findings,
        "windows-linux-security-options",
        Severity.WARNING,
        28,
        13,
        "Deployment/iis",
        "iis",
        "/spec/template/spec/containers/0/securityContext/allowPrivilegeEscalation",
        "securityContext.allowPrivilegeEscalation is a Linux security option; Windows does not apply it (the API server rejects it when spec.os.name is windows).",
        "Remove securityContext.allowPrivilegeEscalation from this Windows pod.");
  }

  /**
   * Without spec.os.name: windows the Restricted Pod Security Standard requires
   * allowPrivilegeEscalation: false of the pod ("This is Linux only policy in v1.25+ (spec.os.name
   * != windows)", https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted):
   * an info that says to declare the OS before removing it, never "remove it".
   */
  @Test
  void reportsRestrictedLevelSettingInWindowsPodWithoutOsNameAsInfo() {
    // windows-restricted-linux-options
    List<Finding> findings =
        check(
            edit(
                edit(WINDOWS, "      os:\n        name: windows\n", ""),
                "          ports:\n",
                "          securityContext:\n            allowPrivilegeEscalation: false\n          ports:\n"),
            TAINTED,
            null);

    assertOnly(
        findings,
        "windows-restricted-linux-options",
        Severity.INFO,
        28,
        13,
        "Deployment/iis",
        "iis",
        "/spec/template/spec/containers/0/securityContext/allowPrivilegeEscalation",
        "securityContext.allowPrivilegeEscalation is what the Restricted Pod Security Standard's Privilege Escalation control requires of a pod whose spec.os.name is not windows; Windows does not apply it.",
        "Keep it while spec.template.spec.os.name is unset (removing it alone gets the pod rejected where the Restricted level is enforced). To drop it, set spec.template.spec.os.name: windows, which exempts the pod from the Privilege Escalation control and makes the API server forbid securityContext.allowPrivilegeEscalation, and remove securityContext.allowPrivilegeEscalation in the same change.");
  }

  /**
   * The Restricted level's Capabilities control asks for drop ALL and allows adding back only
   * NET_BIND_SERVICE; adding NET_ADMIN is not what it asks for, so this stays a plain Linux option
   * Windows does not apply, even without spec.os.name.
   */
  @Test
  void reportsCapabilitiesTheRestrictedLevelDoesNotAskForAsLinuxOption() {
    // windows-linux-security-options
    List<Finding> findings =
        check(
            edit(
                edit(WINDOWS, "      os:\n        name: windows\n", ""),
                "          ports:\n",
                "          securityContext:\n            capabilities:\n              drop: [ALL]\n              add: [NET_ADMIN]\n          ports:\n"),
            TAINTED,
            null);

    assertOnly(
        findings,
        "windows-linux-security-options",
        Severity.WARNING,
        28,
        13,
        "Deployment/iis",
        "iis",
        "/spec/template/spec/containers/0/securityContext/capabilities",
        "securityContext.capabilities is a Linux security option; Windows does not apply it (the API server rejects it when spec.os.name is windows).",
        "Remove securityContext.capabilities from this Windows pod.");
  }

  /**
   * A HostProcess pod never passes the Restricted level: the Baseline level it includes forbids
   * hostProcess: true
   * (https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline). So a seccomp
   * profile there is only a Linux option Windows does not apply, safe to remove.
   */
  @Test
  void reportsSeccompInHostProcessPodAsLinuxOption() {
    // windows-linux-security-options
    List<Finding> findings =
        check(
            edit(
                HOSTPROCESS,
                "      securityContext:\n",
                "      securityContext:\n        seccompProfile:\n          type: RuntimeDefault\n"),
            TAINTED,
            null);

    assertOnly(
        findings,
        "windows-linux-security-options",
        Severity.WARNING,
        16,
        9,
        "DaemonSet/node-agent",
        null,
        "/spec/template/spec/securityContext/seccompProfile",
        "securityContext.seccompProfile is a Linux security option; Windows does not apply it (the API server rejects it when spec.os.name is windows).",
        "Remove securityContext.seccompProfile from this Windows pod.");
  }

  @Test
  void reportsReadOnlyRootFilesystem() {
    // windows-read-only-root-fs
    List<Finding> findings =
        check(
            edit(
                WINDOWS_WITHOUT_OS_NAME,
                "          ports:\n",
                "          securityContext:\n            readOnlyRootFilesystem: true\n          ports:\n"),
            TAINTED,
            null);

    assertOnly(
        findings,
        "windows-read-only-root-fs",
        Severity.WARNING,
        28,
        13,
        "Deployment/iis",
        "iis",
        "/spec/template/spec/containers/0/securityContext/readOnlyRootFilesystem",
        "Container 'iis' sets readOnlyRootFilesystem: true, which Windows containers do not support.",
        "Remove readOnlyRootFilesystem; mount the data that must not change as read-only volumes (volumeMounts[].readOnly: true).");
  }

  @Test
  void reportsHostPid() {
    // windows-host-namespaces
    List<Finding> findings =
        check(edit(WINDOWS, "      os:\n", "      hostPID: true\n      os:\n"), TAINTED, null);

    assertOnly(
        findings,
        "windows-host-namespaces",
        Severity.ERROR,
        16,
        7,
        "Deployment/iis",
        null,
        "/spec/template/spec/hostPID",
        "hostPID: true shares a process or IPC namespace, which Windows pods do not support (the API server rejects it when spec.os.name is windows).",
        "Remove spec.template.spec.hostPID.");
  }

  @Test
  void reportsHostNetworkWithoutHostProcess() {
    // windows-host-network
    List<Finding> findings =
        check(edit(WINDOWS, "      os:\n", "      hostNetwork: true\n      os:\n"), TAINTED, null);

    assertOnly(
        findings,
        "windows-host-network",
        Severity.ERROR,
        16,
        7,
        "Deployment/iis",
        null,
        "/spec/template/spec/hostNetwork",
        "hostNetwork: true is not supported for Windows pods that are not HostProcess pods.",
        "Remove spec.template.spec.hostNetwork, or make the pod a HostProcess pod (spec.template.spec.securityContext.windowsOptions.hostProcess: true) if it is a node agent.");
  }

  @Test
  void reportsFsGroup() {
    // windows-fs-group
    List<Finding> findings =
        check(
            edit(
                WINDOWS_WITHOUT_OS_NAME,
                "      nodeSelector:\n",
                "      securityContext:\n        fsGroup: 2000\n      nodeSelector:\n"),
            TAINTED,
            null);

    assertOnly(
        findings,
        "windows-fs-group",
        Severity.WARNING,
        17,
        9,
        "Deployment/iis",
        null,
        "/spec/template/spec/securityContext/fsGroup",
        "securityContext.fsGroup is a Linux feature (group ids, sysctls) that Windows does not apply.",
        "Remove securityContext.fsGroup; grant file access with Windows ACLs in the image.");
  }

  @Test
  void reportsNfsVolume() {
    // windows-nfs-volume
    List<Finding> findings =
        check(
            edit(
                WINDOWS,
                "          emptyDir: {}\n",
                "          nfs: {server: nfs.example.com, path: /exports/site}\n"),
            TAINTED,
            null);

    assertOnly(
        findings,
        "windows-nfs-volume",
        Severity.ERROR,
        46,
        11,
        "Deployment/iis",
        null,
        "/spec/template/spec/volumes/0/nfs",
        "Volume 'content' is an NFS volume; Windows nodes cannot mount NFS volumes.",
        "Use SMB (the csi-driver-smb CSI driver) or another storage type Windows supports for volume 'content'.");
  }

  @Test
  void reportsSubPathMount() {
    // windows-subpath
    List<Finding> findings =
        check(
            edit(
                WINDOWS,
                "              mountPath: C:\\inetpub\\wwwroot\n",
                "              mountPath: C:\\inetpub\\wwwroot\n              subPath: site\n"),
            TAINTED,
            null);

    assertOnly(
        findings,
        "windows-subpath",
        Severity.WARNING,
        38,
        15,
        "Deployment/iis",
        "iis",
        "/spec/template/spec/containers/0/volumeMounts/0/subPath",
        "Container 'iis' mounts volume 'content' with subPath; Windows can mount only a whole volume.",
        "Remove subPath and mount the whole volume at a path of its own, or put the needed files in a volume of their own.");
  }

  @Test
  void reportsVolumeDevices() {
    // windows-block-volume
    List<Finding> findings =
        check(
            edit(
                WINDOWS,
                "          volumeMounts:\n            - name: content\n              mountPath: C:\\inetpub\\wwwroot\n",
                "          volumeDevices:\n            - name: content\n              devicePath: /dev/xvda\n"),
            TAINTED,
            null);

    assertOnly(
        findings,
        "windows-block-volume",
        Severity.ERROR,
        35,
        11,
        "Deployment/iis",
        "iis",
        "/spec/template/spec/containers/0/volumeDevices",
        "Container 'iis' uses volumeDevices (raw block volumes), which Windows does not support.",
        "Use a filesystem volume (volumeMounts, volumeMode Filesystem) instead of volumeDevices.");
  }

  @Test
  void reportsMemoryBackedEmptyDir() {
    // windows-memory-emptydir
    List<Finding> findings =
        check(
            edit(WINDOWS, "          emptyDir: {}\n", "          emptyDir: {medium: Memory}\n"),
            TAINTED,
            null);

    assertOnly(
        findings,
        "windows-memory-emptydir",
        Severity.ERROR,
        46,
        22,
        "Deployment/iis",
        null,
        "/spec/template/spec/volumes/0/emptyDir/medium",
        "Volume 'content' is an emptyDir with medium: Memory, which Windows nodes do not support.",
        "Remove medium: Memory from volume 'content' (use the default disk-backed emptyDir).");
  }

  @Test
  void reportsSecretDefaultMode() {
    // windows-file-mode
    List<Finding> findings =
        check(
            edit(
                WINDOWS,
                "          emptyDir: {}\n",
                "          secret: {secretName: site-tls, defaultMode: 0400}\n"),
            TAINTED,
            null);

    assertOnly(
        findings,
        "windows-file-mode",
        Severity.WARNING,
        46,
        42,
        "Deployment/iis",
        null,
        "/spec/template/spec/volumes/0/secret/defaultMode",
        "secret.defaultMode on volume 'content' sets Linux file permissions, which Windows ignores.",
        "Remove secret.defaultMode; control access with Windows ACLs instead.");
  }

  @Test
  void reportsMountPropagation() {
    // windows-mount-propagation
    List<Finding> findings =
        check(
            edit(
                WINDOWS,
                "              mountPath: C:\\inetpub\\wwwroot\n",
                "              mountPath: C:\\inetpub\\wwwroot\n              mountPropagation: HostToContainer\n"),
            TAINTED,
            null);

    assertOnly(
        findings,
        "windows-mount-propagation",
        Severity.ERROR,
        38,
        15,
        "Deployment/iis",
        "iis",
        "/spec/template/spec/containers/0/volumeMounts/0/mountPropagation",
        "Container 'iis' sets mountPropagation: HostToContainer, which Windows does not support.",
        "Remove mountPropagation (or set it to None).");
  }

  @Test
  void acceptsRootRelativeHostPathInWindowsPod() {
    // host-path-os-mismatch: on Windows /var/log is a valid path, relative to the root of the
    // current drive (C:\var\log): https://learn.microsoft.com/dotnet/standard/io/file-path-formats;
    // Windows node DaemonSets use such paths (/opt/cni/bin, /var/log/antrea). It used to be
    // reported, wrongly, as a Linux path in a Windows pod.
    List<Finding> findings =
        check(
            edit(WINDOWS, "          emptyDir: {}\n", "          hostPath: {path: /var/log}\n"),
            TAINTED,
            null);

    assertThat(findings).extracting(Finding::rule).doesNotContain("host-path-os-mismatch");
  }

  @Test
  void reportsWindowsHostPathInLinuxPod() {
    // host-path-os-mismatch
    List<Finding> findings =
        check(
            edit(LINUX, "            path: /var/log/web\n", "            path: C:\\logs\\web\n"),
            TAINTED,
            null);

    assertOnly(
        findings,
        "host-path-os-mismatch",
        Severity.WARNING,
        27,
        13,
        "Deployment/web",
        null,
        "/spec/template/spec/volumes/0/hostPath/path",
        "hostPath volume 'logs' uses the Windows-style path C:\\logs\\web in a Linux pod.",
        "Use a Linux path (e.g. /var/log) for volume 'logs', or move the volume to a pod for Windows nodes.");
  }

  @Test
  void reportsInlineCsiVolumeBeforeCsiProxyWasGa() {
    // windows-csi-volume
    List<Finding> findings =
        check(
            edit(WINDOWS, "          emptyDir: {}\n", "          csi: {driver: smb.csi.k8s.io}\n"),
            TAINTED,
            "1.21");

    assertOnly(
        findings,
        "windows-csi-volume",
        Severity.WARNING,
        46,
        11,
        "Deployment/iis",
        null,
        "/spec/template/spec/volumes/0/csi",
        "Volume 'content' is an inline CSI volume; CSI node plugins work on Windows through csi-proxy, generally available from Kubernetes 1.22 (the target is 1.21).",
        "Upgrade to Kubernetes 1.22 or later with csi-proxy on the Windows nodes, or use an in-tree volume type.");
  }

  @Test
  void reportsHugePages() {
    // windows-hugepages
    List<Finding> findings =
        check(
            edit(
                WINDOWS,
                "              memory: 1Gi\n",
                "              memory: 1Gi\n              hugepages-2Mi: 100Mi\n"),
            TAINTED,
            null);

    assertOnly(
        findings,
        "windows-hugepages",
        Severity.ERROR,
        35,
        15,
        "Deployment/iis",
        "iis",
        "/spec/template/spec/containers/0/resources/limits/hugepages-2Mi",
        "Container 'iis' asks for hugepages-2Mi; Windows nodes have no huge pages.",
        "Remove hugepages-2Mi from the container's resources.");
  }

  @Test
  void reportsWindowsContainerWithoutMemory() {
    // windows-resources-missing
    List<Finding> findings =
        check(
            edit(
                WINDOWS,
                "              cpu: \"1\"\n              memory: 1Gi\n",
                "              cpu: \"1\"\n"),
            TAINTED,
            null);

    assertOnly(
        findings,
        "windows-resources-missing",
        Severity.WARNING,
        31,
        11,
        "Deployment/iis",
        "iis",
        "/spec/template/spec/containers/0/resources",
        "Windows container 'iis' sets no memory request or limit; Windows cannot overcommit memory, and a container without limits can starve the node.",
        "Set resources.requests and resources.limits for memory and CPU on 'iis' (e.g. memory: 1Gi, cpu: 500m).");
  }

  @Test
  void reportsClusterFirstWithHostNet() {
    // windows-dns-host-net
    List<Finding> findings =
        check(
            edit(WINDOWS, "      os:\n", "      dnsPolicy: ClusterFirstWithHostNet\n      os:\n"),
            TAINTED,
            null);

    assertOnly(
        findings,
        "windows-dns-host-net",
        Severity.WARNING,
        16,
        7,
        "Deployment/iis",
        null,
        "/spec/template/spec/dnsPolicy",
        "dnsPolicy ClusterFirstWithHostNet is not supported on Windows nodes.",
        "Use dnsPolicy: ClusterFirst (or remove spec.template.spec.dnsPolicy).");
  }

  @Test
  void reportsBaseImageWithLatestTag() {
    // windows-image-latest
    List<Finding> findings =
        check(
            edit(
                WINDOWS,
                "mcr.microsoft.com/windows/nanoserver:ltsc2022",
                "mcr.microsoft.com/windows/nanoserver:latest"),
            TAINTED,
            null);

    assertOnly(
        findings,
        "windows-image-latest",
        Severity.ERROR,
        39,
        11,
        "Deployment/iis",
        "logs",
        "/spec/template/spec/containers/1/image",
        "mcr.microsoft.com/windows/nanoserver:latest is a Windows base OS image with the tag latest; Microsoft has published no latest tag for these images since 2019, so the pull fails or gets an outdated image.",
        "Use a tag that names the nodes' Windows release: mcr.microsoft.com/windows/nanoserver:ltsc2022.");
  }

  @Test
  void reportsLinuxShellInWindowsContainer() {
    // linux-shell-in-windows-container
    List<Finding> findings =
        check(
            edit(
                WINDOWS,
                "          ports:\n",
                "          command: [\"/bin/sh\", \"-c\", \"iisreset\"]\n          ports:\n"),
            TAINTED,
            null);

    assertOnly(
        findings,
        "linux-shell-in-windows-container",
        Severity.ERROR,
        29,
        21,
        "Deployment/iis",
        "iis",
        "/spec/template/spec/containers/0/command/0",
        "Container 'iis' runs the Windows image mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022, but its command starts the Linux shell /bin/sh, which Windows images do not have.",
        "Use cmd or PowerShell, e.g. command: [\"cmd\", \"/c\", \"...\"] or [\"powershell\", \"-Command\", \"...\"] (pwsh where the image ships it).");
  }

  @Test
  void reportsBrokenYaml() {
    // yaml-syntax
    List<Finding> findings =
        check(edit(WINDOWS, "  replicas: 2\n", "  replicas: [2\n"), TAINTED, null);

    assertOnly(
        findings,
        "yaml-syntax",
        Severity.ERROR,
        8,
        11,
        null,
        null,
        "",
        "invalid YAML, the rest of the file is not checked: while parsing a flow sequence (line 7, column 13): expected ',' or ']', but got :.",
        "Correct the YAML at this position; kubectl would reject the file as well.");
  }

  @Test
  void reportsDuplicateKey() {
    // yaml-duplicate-key
    List<Finding> findings =
        check(edit(WINDOWS, "  replicas: 2\n", "  replicas: 2\n  replicas: 3\n"), TAINTED, null);

    assertOnly(
        findings,
        "yaml-duplicate-key",
        Severity.ERROR,
        8,
        3,
        null,
        null,
        "",
        "the key 'replicas' appears twice in this map (first on line 7); only the last value counts.",
        "Keep one of the two keys and merge what both meant.");
  }

  @Test
  void reportsDocumentWithoutKind() {
    // manifest-invalid
    List<Finding> findings = check(edit(WINDOWS, "kind: Deployment\n", ""), TAINTED, null);

    assertOnly(
        findings,
        "manifest-invalid",
        Severity.ERROR,
        1,
        1,
        null,
        null,
        "",
        "this document has no kind; every Kubernetes object needs apiVersion and kind.",
        "Give the document apiVersion and kind, or remove it.");
  }
}
