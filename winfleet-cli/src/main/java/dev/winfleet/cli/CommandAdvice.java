package dev.winfleet.cli;

import dev.winfleet.core.rules.Finding;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The command line's advice for rules whose fix the core words as what to run or provide
 * ("winfleet's node manifests with metrics include one", "switch the rule off"): the winfleet
 * command and flag that do it, printed once as a note by {@code check} and {@code cluster check}.
 * The webhook's warnings carry the core's words only; a kubectl user has no winfleet command line.
 */
final class CommandAdvice {

  private CommandAdvice() {}

  /** Rule id and note, in the order the notes are printed. */
  private static final List<Map.Entry<String, String>> BY_RULE =
      List.of(
          Map.entry(
              "windows-kube-proxy-missing",
              "`winfleet node manifests --cni PLUGIN` prints the node manifests the fixes name,"
                  + " kube-proxy for Windows among them; where kube-proxy runs as a Windows service,"
                  + " --disable windows-kube-proxy-missing switches the rule off"),
          Map.entry(
              "windows-node-metrics-agent-missing",
              "`winfleet node manifests --with-metrics` prints windows_exporter as a HostProcess"
                  + " DaemonSet with a ServiceMonitor; where the nodes run an exporter or agent outside"
                  + " Kubernetes, --disable windows-node-metrics-agent-missing switches the rule off"),
          Map.entry(
              "windows-exporter-not-hostprocess",
              "`winfleet node manifests --with-metrics` prints windows_exporter as a HostProcess"
                  + " DaemonSet"),
          Map.entry(
              "windows-logs-not-forwarded",
              "`winfleet logmonitor --app PATH` writes the app's LogMonitorConfig.json and prints the"
                  + " Dockerfile lines (--kind iis or --kind service when the app's files do not say)"));

  /** One note per rule among the findings that has command-line advice, in a fixed order. */
  static List<String> notes(List<Finding> findings) {
    Set<String> fired = findings.stream().map(Finding::rule).collect(Collectors.toSet());
    return BY_RULE.stream()
        .filter(e -> fired.contains(e.getKey()))
        .map(Map.Entry::getValue)
        .toList();
  }
}
