package dev.winfleet.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * windows-os-forbidden-field and the warnings it takes over. Every expectation rests on
 * kubernetes/kubernetes pkg/apis/core/validation/validation.go at commit
 * 000f26050b9be6fb3d79fae95e06b47fc96128cd: {@code ValidatePodSpec} (which validates pod templates
 * too) calls {@code validateWindows} when {@code spec.os.name} is {@code windows}, and that returns
 * "cannot be set for a windows pod" for each pod- or container-level Linux field that is non-nil
 * (sysctls: non-empty; hostPID and hostIPC: true). The PodSpec {@code os} field documentation lists
 * the same fields:
 * https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#PodSpec
 */
class WindowsOsForbiddenFieldTest extends RuleTestSupport {

  private static final String RULE = "windows-os-forbidden-field";

  /** The Windows base (spec.os.name: windows) with securityContext lines on container 'iis'. */
  private static String windowsContainer(String securityContextLines) {
    return edit(
        WINDOWS,
        "          ports:\n",
        "          securityContext:\n" + securityContextLines + "          ports:\n");
  }

  /** The Windows base with a pod-level securityContext. */
  private static String windowsPod(String securityContextLines) {
    return edit(
        WINDOWS, "      os:\n", "      securityContext:\n" + securityContextLines + "      os:\n");
  }

  @Test
  void runAsUserInAContainerOfAPodDeclaringWindowsIsAnError() {
    // validateWindows: sc.RunAsUser != nil -> Forbidden (container level).
    List<Finding> findings =
        check(windowsContainer("            runAsUser: 1000\n"), TAINTED, null);

    assertOnly(
        findings,
        RULE,
        Severity.ERROR,
        30,
        13,
        "Deployment/iis",
        "iis",
        "/spec/template/spec/containers/0/securityContext/runAsUser",
        "The API server rejects this pod because spec.template.spec.os.name is windows and container 'iis' sets securityContext.runAsUser (\"cannot be set for a windows pod\").",
        "Remove securityContext.runAsUser from container 'iis'. On Windows use securityContext.windowsOptions.runAsUserName (e.g. \"ContainerUser\") instead.");
  }

  @Test
  void allowPrivilegeEscalationFalseIsAnErrorToo() {
    // validateWindows checks sc.AllowPrivilegeEscalation != nil, not its value: false is rejected.
    List<Finding> findings =
        check(windowsContainer("            allowPrivilegeEscalation: false\n"), TAINTED, null);

    assertOnly(
        findings,
        RULE,
        Severity.ERROR,
        30,
        13,
        "Deployment/iis",
        "iis",
        "/spec/template/spec/containers/0/securityContext/allowPrivilegeEscalation",
        "The API server rejects this pod because spec.template.spec.os.name is windows and container 'iis' sets securityContext.allowPrivilegeEscalation (\"cannot be set for a windows pod\").",
        "Remove securityContext.allowPrivilegeEscalation from container 'iis'. Windows has no equivalent.");
  }

  @Test
  void readOnlyRootFilesystemFalseIsAnErrorWithOsNameAndNothingWithout() {
    // validateWindows: sc.ReadOnlyRootFilesystem != nil. Without spec.os.name there is no API
    // check, and false asks nothing Windows lacks, so windows-read-only-root-fs (true only) is
    // silent.
    String field = "            readOnlyRootFilesystem: false\n";
    assertOnly(
        check(windowsContainer(field), TAINTED, null),
        RULE,
        Severity.ERROR,
        30,
        13,
        "Deployment/iis",
        "iis",
        "/spec/template/spec/containers/0/securityContext/readOnlyRootFilesystem",
        "The API server rejects this pod because spec.template.spec.os.name is windows and container 'iis' sets securityContext.readOnlyRootFilesystem (\"cannot be set for a windows pod\").",
        "Remove securityContext.readOnlyRootFilesystem from container 'iis'. On Windows use read-only volumes (volumeMounts[].readOnly: true) instead.");

    assertThat(
            check(
                edit(
                    RuleFindingsTest.WINDOWS_WITHOUT_OS_NAME,
                    "          ports:\n",
                    "          securityContext:\n" + field + "          ports:\n"),
                TAINTED,
                null))
        .isEmpty();
  }

  @Test
  void eachForbiddenFieldIsOneErrorAndNoWarningRepeatsIt() {
    // Container: capabilities, seccompProfile, runAsGroup, procMount are each non-nil.
    List<Finding> findings =
        check(
            windowsContainer(
                "            capabilities:\n              drop: [ALL]\n"
                    + "            seccompProfile:\n              type: RuntimeDefault\n"
                    + "            runAsGroup: 3000\n"
                    + "            procMount: Default\n"),
            TAINTED,
            null);

    assertThat(findings).extracting(Finding::rule).containsOnly(RULE);
    assertThat(findings)
        .extracting(f -> f.path().toString())
        .containsExactlyInAnyOrder(
            "/spec/template/spec/containers/0/securityContext/capabilities",
            "/spec/template/spec/containers/0/securityContext/seccompProfile",
            "/spec/template/spec/containers/0/securityContext/runAsGroup",
            "/spec/template/spec/containers/0/securityContext/procMount");
    assertThat(findings).allSatisfy(f -> assertThat(f.severity()).isEqualTo(Severity.ERROR));
  }

  @Test
  void podLevelFieldsAreErrors() {
    // Pod securityContext: FSGroup, SupplementalGroups, SELinuxOptions, AppArmorProfile,
    // SeccompProfile non-nil; Sysctls non-empty.
    List<Finding> findings =
        check(
            windowsPod(
                "        fsGroup: 2000\n"
                    + "        supplementalGroups: [4000]\n"
                    + "        seLinuxOptions:\n          level: \"s0:c123,c456\"\n"
                    + "        appArmorProfile:\n          type: RuntimeDefault\n"
                    + "        seccompProfile:\n          type: RuntimeDefault\n"
                    + "        sysctls:\n          - name: net.core.somaxconn\n            value: \"1024\"\n"),
            TAINTED,
            null);

    assertThat(findings).extracting(Finding::rule).containsOnly(RULE);
    assertThat(findings)
        .extracting(f -> f.path().toString())
        .containsExactlyInAnyOrder(
            "/spec/template/spec/securityContext/fsGroup",
            "/spec/template/spec/securityContext/supplementalGroups",
            "/spec/template/spec/securityContext/seLinuxOptions",
            "/spec/template/spec/securityContext/appArmorProfile",
            "/spec/template/spec/securityContext/seccompProfile",
            "/spec/template/spec/securityContext/sysctls");
    assertThat(findings)
        .filteredOn(f -> f.path().toString().endsWith("/fsGroup"))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.message())
                  .isEqualTo(
                      "The API server rejects this pod because spec.template.spec.os.name is windows and the pod sets spec.template.spec.securityContext.fsGroup (\"cannot be set for a windows pod\").");
              assertThat(f.fix())
                  .isEqualTo(
                      "Remove spec.template.spec.securityContext.fsGroup from the pod. On Windows use Windows ACLs in the image instead.");
            });
  }

  @Test
  void emptySysctlsAreAllowed() {
    // validateWindows: len(securityContext.Sysctls) > 0; an empty list passes.
    assertThat(check(windowsPod("        sysctls: []\n"), TAINTED, null)).isEmpty();
  }

  @Test
  void runAsNonRootIsAllowed() {
    // validateWindows does not check RunAsNonRoot (Windows supports it with runAsUserName).
    assertThat(check(windowsContainer("            runAsNonRoot: true\n"), TAINTED, null))
        .isEmpty();
  }

  @Test
  void hostUsersAndShareProcessNamespaceFalseAreErrors() {
    // validateWindows: HostUsers != nil and ShareProcessNamespace != nil, whatever their value.
    List<Finding> findings =
        check(
            edit(
                WINDOWS,
                "      os:\n",
                "      hostUsers: false\n      shareProcessNamespace: false\n      os:\n"),
            TAINTED,
            null);

    assertThat(findings).extracting(Finding::rule).containsOnly(RULE);
    assertThat(findings)
        .extracting(f -> f.path().toString())
        .containsExactlyInAnyOrder(
            "/spec/template/spec/hostUsers", "/spec/template/spec/shareProcessNamespace");
  }

  @Test
  void hostPidTrueStaysTheHostNamespacesErrorAlone() {
    // Forbidden by validateWindows too, but windows-host-namespaces already makes it an error: one
    // finding, not two.
    List<Finding> findings =
        check(edit(WINDOWS, "      os:\n", "      hostPID: true\n      os:\n"), TAINTED, null);

    assertThat(findings).extracting(Finding::rule).containsExactly("windows-host-namespaces");
  }

  @Test
  void privilegedTrueStaysTheWindowsPrivilegedErrorAlone() {
    // Forbidden by validateWindows too (sc.Privileged != nil), but windows-privileged reports it.
    List<Finding> findings =
        check(windowsContainer("            privileged: true\n"), TAINTED, null);

    assertThat(findings).extracting(Finding::rule).containsExactly("windows-privileged");
  }

  @Test
  void privilegedInAHostProcessPodDeclaringWindowsIsAnError() {
    // validateWindows forbids sc.Privileged != nil with no HostProcess exception, while
    // windows-privileged leaves HostProcess containers alone.
    String manifest =
        edit(
            edit(
                HOSTPROCESS,
                "      hostNetwork: true\n",
                "      hostNetwork: true\n      os:\n        name: windows\n"),
            "          resources:\n",
            "          securityContext:\n            privileged: true\n          resources:\n");

    assertOnly(
        check(manifest, TAINTED, null),
        RULE,
        Severity.ERROR,
        31,
        13,
        "DaemonSet/node-agent",
        "agent",
        "/spec/template/spec/containers/0/securityContext/privileged",
        "The API server rejects this pod because spec.template.spec.os.name is windows and container 'agent' sets securityContext.privileged (\"cannot be set for a windows pod\").",
        "Remove securityContext.privileged from container 'agent'. On Windows use the HostProcess setting this container already has instead.");
  }

  @Test
  void initContainersAreCheckedToo() {
    // validateWindows visits every container with VisitContainersWithPath: containers,
    // initContainers and ephemeralContainers.
    List<Finding> findings =
        check(
            edit(
                WINDOWS,
                "      containers:\n",
                "      initContainers:\n"
                    + "        - name: setup\n"
                    + "          image: mcr.microsoft.com/windows/nanoserver:ltsc2022\n"
                    + "          securityContext:\n"
                    + "            runAsUser: 0\n"
                    + "      containers:\n"),
            TAINTED,
            null);

    assertThat(findings)
        .filteredOn(f -> f.rule().equals(RULE))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.path().toString())
                  .isEqualTo("/spec/template/spec/initContainers/0/securityContext/runAsUser");
              assertThat(f.message())
                  .contains("init container 'setup' sets securityContext.runAsUser");
            });
  }

  @Test
  void withoutOsNameTheWarningsStay() {
    // No spec.os.name: validateWindows never runs; Windows ignores the fields: warnings as before.
    List<Finding> findings =
        check(
            edit(
                RuleFindingsTest.WINDOWS_WITHOUT_OS_NAME,
                "          ports:\n",
                "          securityContext:\n            runAsUser: 1000\n            procMount: Default\n          ports:\n"),
            TAINTED,
            null);

    assertThat(findings)
        .extracting(Finding::rule)
        .containsExactlyInAnyOrder("windows-run-as-user", "windows-linux-security-options");
    assertThat(findings).allSatisfy(f -> assertThat(f.severity()).isEqualTo(Severity.WARNING));
  }

  @Test
  void linuxPodsAreLeftAlone() {
    // validateLinux forbids only windowsOptions; Linux fields in a Linux pod are nothing to report.
    String manifest =
        edit(
            LINUX,
            "      containers:\n",
            "      securityContext:\n        fsGroup: 2000\n        runAsUser: 1000\n      containers:\n");

    assertThat(check(manifest, TAINTED, null)).isEmpty();
  }
}
