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
        Rule.of("windows-run-as-user", SecurityRules::runAsUser),
        Rule.of("windows-linux-security-options", SecurityRules::linuxSecurityOptions),
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

  static void privileged(PodContext pod, Reporter r) {
    if (!pod.targetsWindows()) {
      return;
    }
    for (ContainerInfo c : pod.containers()) {
      if (Values.isTrue(c.securityContext().get("privileged")) && !pod.hostProcess(c)) {
        r.report(c.at("securityContext", "privileged"), c, Map.of());
      }
    }
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
    if (!pod.targetsWindows()) {
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

  static void linuxSecurityOptions(PodContext pod, Reporter r) {
    if (!pod.targetsWindows()) {
      return;
    }
    Map<String, Object> podSc = Values.map(pod.spec().get("securityContext"));
    for (String field : POD_LINUX_OPTIONS) {
      if (podSc.containsKey(field)) {
        r.report(
            pod.specPath("securityContext", field),
            null,
            vars("field", "securityContext." + field));
      }
    }
    for (ContainerInfo c : pod.containers()) {
      for (String field : CONTAINER_LINUX_OPTIONS) {
        if (c.securityContext().containsKey(field)) {
          r.report(c.at("securityContext", field), c, vars("field", "securityContext." + field));
        }
      }
    }
  }

  static void readOnlyRootFs(PodContext pod, Reporter r) {
    if (!pod.targetsWindows()) {
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
    if (!pod.targetsWindows()) {
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
