package dev.winfleet.core.rules;

import dev.winfleet.core.manifest.FieldPath;
import dev.winfleet.core.manifest.Values;
import dev.winfleet.core.observability.LogMonitorPlanner;
import dev.winfleet.core.observability.MetricsAgents;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a Windows pod's logs and metrics can be seen: rules that fire only on what the manifest
 * states (the command, the image's repository, the HostProcess setting), never on guesses about an
 * image's contents. Texts in {@code rules.yaml} (category {@code observability}).
 */
final class ObservabilityRules {

  static final String LOGS_NOT_FORWARDED = "windows-logs-not-forwarded";
  static final String EXPORTER_NOT_HOST_PROCESS = "windows-exporter-not-hostprocess";

  private ObservabilityRules() {}

  static List<Rule> all() {
    return List.of(
        Rule.of(LOGS_NOT_FORWARDED, ObservabilityRules::logsNotForwarded),
        Rule.of(EXPORTER_NOT_HOST_PROCESS, ObservabilityRules::exporterNotHostProcess));
  }

  /**
   * A container whose command runs a Windows service under ServiceMonitor with no LogMonitor in
   * front: what the service logs never reaches stdout.
   */
  static void logsNotForwarded(PodContext pod, Reporter r) {
    for (ContainerInfo c : pod.containers()) {
      if (c.profile().isLinux() || pod.hostProcess(c)) {
        continue;
      }
      List<String> command = words(c.tree().get("command"));
      List<String> args = words(c.tree().get("args"));
      List<String> all = new ArrayList<>(command);
      all.addAll(args);
      if (all.stream().anyMatch(ObservabilityRules::mentionsLogMonitor)) {
        continue;
      }
      Optional<String> service = LogMonitorPlanner.serviceMonitored(all);
      if (service.isEmpty()) {
        // Microsoft's IIS images run ServiceMonitor w3svc by themselves; a pod that runs one
        // without a command is not reported yet (see docs/observability.md).
        continue;
      }
      FieldPath path = command.isEmpty() ? c.at("args") : c.at("command");
      boolean iis = service.get().equalsIgnoreCase("w3svc");
      r.report(
          path,
          c,
          vars(
              "service",
              iis ? "IIS (w3svc)" : "the Windows service " + service.get(),
              "sources",
              iis
                  ? "IIS site logs, IIS ETW events and ASP.NET errors in the Event Log"
                  : "what it writes to the Event Log"));
    }
  }

  /** windows_exporter in an ordinary container sees the container, not the node. */
  static void exporterNotHostProcess(PodContext pod, Reporter r) {
    for (ContainerInfo c : pod.containers()) {
      if (!MetricsAgents.isWindowsExporter(pod.reference(c).reference()) || pod.hostProcess(c)) {
        continue;
      }
      r.report(c.imagePath(), c, Map.of());
    }
  }

  private static boolean mentionsLogMonitor(String word) {
    return word.toLowerCase(Locale.ROOT).contains("logmonitor");
  }

  private static List<String> words(Object list) {
    List<String> out = new ArrayList<>();
    for (Object o : Values.list(list)) {
      String s = Values.string(o);
      if (s != null) {
        out.add(s);
      }
    }
    return out;
  }

  private static Map<String, String> vars(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }
}
