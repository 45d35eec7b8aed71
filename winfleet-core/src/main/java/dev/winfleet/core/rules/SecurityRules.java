package dev.winfleet.core.rules;

import static dev.winfleet.core.rules.RulesEngine.vars;

import dev.winfleet.core.manifest.FieldPath;
import dev.winfleet.core.manifest.Values;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Rules about security settings and host access that Windows does not have or handles its own way.
 */
final class SecurityRules {

  static final String ISOLATION_ANNOTATION = "experimental.windows.kubernetes.io/isolation-type";

  private SecurityRules() {}

  static List<Rule> all() {
    return List.of(
        Rule.of("hyperv-isolation-unsupported", SecurityRules::hypervIsolation),
        Rule.of("windows-privileged", SecurityRules::privileged),
        Rule.of("hostprocess-incomplete", SecurityRules::hostProcessIncomplete),
        Rule.of("hostprocess-unavailable", SecurityRules::hostProcessUnavailable),
        Rule.of("windows-os-forbidden-field", SecurityRules::osForbiddenField),
        Rule.of("windows-run-as-user", SecurityRules::runAsUser),
        Rule.of("windows-linux-security-options", SecurityRules::linuxSecurityOptions),
        Rule.of("windows-restricted-linux-options", SecurityRules::restrictedLinuxOptions),
        Rule.of("windows-read-only-root-fs", SecurityRules::readOnlyRootFs),
        Rule.of("windows-host-namespaces", SecurityRules::hostNamespaces),
        Rule.of("windows-host-network", SecurityRules::hostNetwork),
        Rule.of("windows-fs-group", SecurityRules::fsGroup));
  }

  static void hypervIsolation(PodContext pod, Reporter r) {
    String isolation = pod.annotations().get(ISOLATION_ANNOTATION);
    if (isolation != null && isolation.toLowerCase(Locale.ROOT).contains("hyperv")) {
      r.report(
          pod.template().metadataPath().key("annotations").key(ISOLATION_ANNOTATION),
          null,
          vars("what", "The annotation " + ISOLATION_ANNOTATION + ": " + isolation));
    }
    pod.runtimeClass()
        .ifPresent(
            rc -> {
              String handler = rc.handler().toLowerCase(Locale.ROOT);
              for (String pattern :
                  pod.rule("hyperv-isolation-unsupported").param("handlerPatterns")) {
                if (handler.contains(pattern.toLowerCase(Locale.ROOT))) {
                  r.report(
                      pod.specPath("runtimeClassName"),
                      null,
                      vars(
                          "what", "RuntimeClass " + rc.name() + " (handler " + rc.handler() + ")"));
                  return;
                }
              }
            });
  }

  /**
   * privileged: true outside HostProcess. The API server rejects it when spec.os.name is windows
   * (an error). Otherwise the pod is created and the Windows kubelet ignores it: its
   * generateWindowsContainerConfig (pkg/kubelet/kuberuntime/kuberuntime_container_windows.go,
   * kubernetes/kubernetes at a09cb22e) passes only runAsUserName, the gMSA credential spec and
   * hostProcess of the security context to the runtime, and the CRI's
   * WindowsContainerSecurityContext has no privileged field. The container then runs without the
   * host access it asked for: a warning, as for the other fields Windows ignores.
   */
  static void privileged(PodContext pod, Reporter r) {
    if (!pod.targetsWindows()) {
      return;
    }
    boolean rejected = apiServerSeesWindows(pod);
    for (ContainerInfo c : pod.containers()) {
      if (privilegedWithoutHostProcess(pod, c)) {
        r.report(
            rejected ? Severity.ERROR : Severity.WARNING,
            c.at("securityContext", "privileged"),
            c,
            Map.of(
                "consequence",
                rejected
                    ? "the API server rejects it in a pod whose spec.os.name is windows"
                    : "the Windows kubelet ignores it, and the container runs without host access"
                        + " (the API server rejects it once spec.os.name is windows)"),
            null);
      }
    }
  }

  /** What {@code windows-privileged} reports: privileged: true in a container not HostProcess. */
  private static boolean privilegedWithoutHostProcess(PodContext pod, ContainerInfo c) {
    return Values.isTrue(c.securityContext().get("privileged")) && !pod.hostProcess(c);
  }

  /**
   * Whether the API server validates the pod as a Windows pod: {@code spec.os.name} is exactly
   * {@code windows}. Its {@code validateOS} accepts only {@code linux} and {@code windows} and
   * calls {@code validateWindows} only for the latter (see {@link #osForbiddenField}).
   */
  static boolean apiServerSeesWindows(PodContext pod) {
    return "windows".equals(Values.getString(pod.spec(), "os", "name"));
  }

  /**
   * What Windows offers instead of a field the API server forbids in a Windows pod, if anything.
   */
  private static final Map<String, String> WINDOWS_ALTERNATIVE =
      Map.of(
          "runAsUser", "securityContext.windowsOptions.runAsUserName (e.g. \"ContainerUser\")",
          "runAsGroup", "securityContext.windowsOptions.runAsUserName",
          "fsGroup", "Windows ACLs in the image",
          "fsGroupChangePolicy", "Windows ACLs in the image",
          "supplementalGroups", "Windows ACLs in the image",
          "supplementalGroupsPolicy", "Windows ACLs in the image",
          "readOnlyRootFilesystem", "read-only volumes (volumeMounts[].readOnly: true)",
          "privileged",
              "a HostProcess container (securityContext.windowsOptions.hostProcess: true)");

  /**
   * Fields the API server rejects in a pod that declares {@code spec.os.name: windows} ({@link
   * WindowsOsValidation} has them with their source): one error each, since {@code kubectl apply}
   * of the pod, or of a workload whose template it is, fails. Without the declaration the API
   * server does not check them and Windows only ignores them: the warnings above and below.
   *
   * <p>Fields another error rule already reports are left to it, so no field is two errors:
   * hostPID, hostIPC and shareProcessNamespace: true ({@code windows-host-namespaces}) and
   * privileged: true outside HostProcess ({@code windows-privileged}).
   */
  static void osForbiddenField(PodContext pod, Reporter r) {
    if (!apiServerSeesWindows(pod)) {
      return;
    }
    Map<String, Object> spec = pod.spec();
    for (WindowsOsValidation.Field f : WindowsOsValidation.forbidden(spec)) {
      String name = f.name();
      String alternative = WINDOWS_ALTERNATIVE.getOrDefault(name, "");
      if (f.containers() == null) {
        if (List.of("hostPID", "hostIPC").contains(name) || Values.isTrue(spec.get(name))) {
          continue; // windows-host-namespaces: hostPID, hostIPC, shareProcessNamespace true
        }
        r.report(
            pod.specPath(f.keys().toArray(String[]::new)),
            null,
            forbiddenVars(
                "the pod", pod.specDotted() + "." + String.join(".", f.keys()), alternative));
        continue;
      }
      FieldPath at = pod.specPath(f.containers()).index(f.index());
      ContainerInfo c =
          pod.containers().stream().filter(x -> x.path().equals(at)).findFirst().orElse(null);
      if (c != null && "privileged".equals(name)) {
        if (privilegedWithoutHostProcess(pod, c)) {
          continue; // windows-privileged
        }
        if (pod.hostProcess(c)) {
          alternative = "the HostProcess setting this container already has";
        }
      }
      String kind =
          switch (f.containers()) {
            case "initContainers" -> "init container";
            case "ephemeralContainers" -> "ephemeral container";
            default -> "container";
          };
      String containerName =
          Values.string(
              Values.map(Values.list(spec.get(f.containers())).get(f.index())).get("name"));
      FieldPath path = at;
      for (String key : f.keys()) {
        path = path.key(key);
      }
      r.report(
          path,
          c,
          forbiddenVars(
              kind + " '" + containerName + "'", String.join(".", f.keys()), alternative));
    }
  }

  private static Map<String, String> forbiddenVars(String where, String field, String alternative) {
    return vars(
        "where",
        where,
        "field",
        field,
        "alternative",
        alternative.isEmpty()
            ? "Windows has no equivalent."
            : "On Windows use " + alternative + " instead.");
  }

  static void hostProcessIncomplete(PodContext pod, Reporter r) {
    if (!pod.anyHostProcess()) {
      return;
    }
    String hostProcessContainer =
        pod.containers().stream()
            .filter(pod::hostProcess)
            .map(ContainerInfo::name)
            .findFirst()
            .orElse("");
    for (ContainerInfo c : pod.containers()) {
      if (!pod.hostProcess(c)) {
        Boolean own = PodContext.containerHostProcess(c);
        FieldPath path =
            own != null ? c.at("securityContext", "windowsOptions", "hostProcess") : c.path();
        r.report(
            path,
            c,
            vars(
                "problem",
                "container '"
                    + c.name()
                    + "' is not a HostProcess container while '"
                    + hostProcessContainer
                    + "' is; all containers of a pod must be HostProcess or none",
                "advice",
                "Set securityContext.windowsOptions.hostProcess: true on every container (or once in "
                    + pod.specDotted()
                    + ".securityContext), or move '"
                    + c.name()
                    + "' to another pod."));
      }
    }
    if (!Values.isTrue(pod.spec().get("hostNetwork"))) {
      r.report(
          pod.specPath("hostNetwork"),
          null,
          vars(
              "problem",
              "hostNetwork is not true; HostProcess pods run in the node's network namespace and"
                  + " the API server rejects them without it",
              "advice",
              "Set " + pod.specDotted() + ".hostNetwork: true."));
    }
  }

  static void hostProcessUnavailable(PodContext pod, Reporter r) {
    if (!pod.anyHostProcess()) {
      return;
    }
    FieldPath path = pod.specPath("securityContext", "windowsOptions", "hostProcess");
    if (pod.podHostProcess() == null) {
      for (ContainerInfo c : pod.containers()) {
        if (Boolean.TRUE.equals(PodContext.containerHostProcess(c))) {
          path = c.at("securityContext", "windowsOptions", "hostProcess");
          break;
        }
      }
    }
    r.report(path, null, Map.of());
  }

  static void runAsUser(PodContext pod, Reporter r) {
    // With spec.os.name: windows the API server rejects the field: windows-os-forbidden-field.
    if (!pod.targetsWindows() || apiServerSeesWindows(pod)) {
      return;
    }
    Map<String, Object> podSc = Values.map(pod.spec().get("securityContext"));
    for (String field : List.of("runAsUser", "runAsGroup")) {
      if (podSc.containsKey(field)) {
        r.report(
            pod.specPath("securityContext", field),
            null,
            vars("field", "securityContext." + field));
      }
    }
    for (ContainerInfo c : pod.containers()) {
      for (String field : List.of("runAsUser", "runAsGroup")) {
        if (c.securityContext().containsKey(field)) {
          r.report(c.at("securityContext", field), c, vars("field", "securityContext." + field));
        }
      }
    }
  }

  private static final List<String> POD_LINUX_OPTIONS =
      List.of("seLinuxOptions", "seccompProfile", "appArmorProfile");
  private static final List<String> CONTAINER_LINUX_OPTIONS =
      List.of(
          "seLinuxOptions",
          "seccompProfile",
          "appArmorProfile",
          "capabilities",
          "procMount",
          "allowPrivilegeEscalation");

  /**
   * Linux security options in a Windows pod, except those the Restricted Pod Security Standard
   * demands of this pod (see {@link #restrictedLinuxOptions}).
   */
  static void linuxSecurityOptions(PodContext pod, Reporter r) {
    linuxOptions(pod, false, r);
  }

  /**
   * Linux security options in a Windows pod without {@code spec.os.name: windows} whose values are
   * what the Restricted Pod Security Standard demands of every pod whose {@code spec.os.name} is
   * not windows (its Seccomp, Capabilities and Privilege Escalation controls). Removing them would
   * get the pod rejected in a namespace that enforces that level; setting {@code spec.os.name:
   * windows} exempts the pod from these controls (and makes the API server forbid the fields). Not
   * for HostProcess pods: the Baseline level, which Restricted includes, forbids them anyway.
   * https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted
   */
  static void restrictedLinuxOptions(PodContext pod, Reporter r) {
    linuxOptions(pod, true, r);
  }

  private static void linuxOptions(PodContext pod, boolean restrictedOnes, Reporter r) {
    // With spec.os.name: windows the API server rejects them: windows-os-forbidden-field.
    if (!pod.targetsWindows() || apiServerSeesWindows(pod)) {
      return;
    }
    // The Restricted level asks nothing of a pod that declares Windows, and a HostProcess pod
    // never passes it (the Baseline level already forbids HostProcess), so for those the fields
    // only have no effect.
    boolean restrictedAsks = !"windows".equals(pod.declaredOs()) && !pod.anyHostProcess();
    Map<String, Object> podSc = Values.map(pod.spec().get("securityContext"));
    for (String field : POD_LINUX_OPTIONS) {
      if (podSc.containsKey(field)) {
        String control = restrictedAsks ? restrictedControl(field, podSc.get(field)) : null;
        if ((control != null) == restrictedOnes) {
          r.report(pod.specPath("securityContext", field), null, linuxOptionVars(field, control));
        }
      }
    }
    for (ContainerInfo c : pod.containers()) {
      Map<String, Object> sc = c.securityContext();
      for (String field : CONTAINER_LINUX_OPTIONS) {
        if (sc.containsKey(field)) {
          String control = restrictedAsks ? restrictedControl(field, sc.get(field)) : null;
          if ((control != null) == restrictedOnes) {
            r.report(c.at("securityContext", field), c, linuxOptionVars(field, control));
          }
        }
      }
    }
  }

  private static Map<String, String> linuxOptionVars(String field, String control) {
    return control == null
        ? vars("field", "securityContext." + field)
        : vars("field", "securityContext." + field, "control", control);
  }

  /**
   * The Restricted Pod Security Standard's control that asks for {@code field: value} of a pod
   * whose {@code spec.os.name} is not windows, or null when the value is not what it asks for:
   * Seccomp (type RuntimeDefault or Localhost), Capabilities (drop ALL, add nothing but
   * NET_BIND_SERVICE), Privilege Escalation (allowPrivilegeEscalation: false).
   */
  static String restrictedControl(String field, Object value) {
    switch (field) {
      case "seccompProfile":
        String type = Values.getString(value, "type");
        return "RuntimeDefault".equals(type) || "Localhost".equals(type) ? "Seccomp" : null;
      case "capabilities":
        boolean dropsAll = Values.list(Values.get(value, "drop")).contains("ALL");
        boolean addsOnlyNetBind =
            Values.list(Values.get(value, "add")).stream()
                .allMatch(cap -> "NET_BIND_SERVICE".equals(cap));
        return dropsAll && addsOnlyNetBind ? "Capabilities" : null;
      case "allowPrivilegeEscalation":
        return Boolean.FALSE.equals(value) ? "Privilege Escalation" : null;
      default:
        return null;
    }
  }

  static void readOnlyRootFs(PodContext pod, Reporter r) {
    // With spec.os.name: windows the API server rejects the field: windows-os-forbidden-field.
    if (!pod.targetsWindows() || apiServerSeesWindows(pod)) {
      return;
    }
    for (ContainerInfo c : pod.containers()) {
      if (Values.isTrue(c.securityContext().get("readOnlyRootFilesystem"))) {
        r.report(c.at("securityContext", "readOnlyRootFilesystem"), c, Map.of());
      }
    }
  }

  static void hostNamespaces(PodContext pod, Reporter r) {
    if (!pod.targetsWindows()) {
      return;
    }
    for (String field : List.of("hostPID", "hostIPC", "shareProcessNamespace")) {
      if (Values.isTrue(pod.spec().get(field))) {
        r.report(pod.specPath(field), null, vars("field", field));
      }
    }
  }

  static void hostNetwork(PodContext pod, Reporter r) {
    if (!pod.targetsWindows() || pod.anyHostProcess()) {
      return;
    }
    if (Values.isTrue(pod.spec().get("hostNetwork"))) {
      r.report(pod.specPath("hostNetwork"), null, Map.of());
    }
  }

  static void fsGroup(PodContext pod, Reporter r) {
    // With spec.os.name: windows the API server rejects the field: windows-os-forbidden-field.
    if (!pod.targetsWindows() || apiServerSeesWindows(pod)) {
      return;
    }
    Map<String, Object> podSc = Values.map(pod.spec().get("securityContext"));
    for (String field :
        List.of("fsGroup", "fsGroupChangePolicy", "supplementalGroups", "sysctls")) {
      if (podSc.containsKey(field)) {
        r.report(
            pod.specPath("securityContext", field),
            null,
            vars("field", "securityContext." + field));
      }
    }
  }
}
