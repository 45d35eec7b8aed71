package dev.winfleet.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The observability rules: one field of a valid manifest changed, the exact finding. */
class ObservabilityRulesTest extends RuleTestSupport {

  private static final String IIS_IMAGE =
      "          image: mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022\n";

  @Test
  void reportsIisUnderServiceMonitorWithoutLogMonitor() {
    // windows-logs-not-forwarded
    String manifest =
        edit(
            WINDOWS,
            IIS_IMAGE,
            IIS_IMAGE + "          command: [\"C:\\\\ServiceMonitor.exe\", \"w3svc\"]\n");
    List<Finding> findings = check(manifest, TAINTED, null);

    assertOnly(
        findings,
        "windows-logs-not-forwarded",
        Severity.INFO,
        29,
        11,
        "Deployment/iis",
        "iis",
        "/spec/template/spec/containers/0/command",
        "Container 'iis' runs IIS (w3svc) under ServiceMonitor without LogMonitor; IIS site logs,"
            + " IIS ETW events and ASP.NET errors in the Event Log never reach kubectl logs.",
        "Put C:\\LogMonitor\\LogMonitor.exe in front of the entry point, with a"
            + " LogMonitorConfig.json that lists those sources (winfleet writes one for an IIS"
            + " site or a Windows service, with the Dockerfile lines).");
  }

  @Test
  void logMonitorInFrontOfServiceMonitorIsQuiet() {
    String manifest =
        edit(
            WINDOWS,
            IIS_IMAGE,
            IIS_IMAGE
                + "          command: [\"C:\\\\LogMonitor\\\\LogMonitor.exe\","
                + " \"C:\\\\ServiceMonitor.exe\", \"w3svc\"]\n");

    assertThat(check(manifest, TAINTED, null)).isEmpty();
  }

  @Test
  void reportsWindowsExporterWithoutHostProcess() {
    // windows-exporter-not-hostprocess
    String manifest =
        edit(
            WINDOWS,
            "image: mcr.microsoft.com/windows/nanoserver:ltsc2022",
            "image: ghcr.io/prometheus-community/windows-exporter:0.31.8");
    // windows-image-build-unknown also speaks about the image's tag; this test is about the
    // HostProcess setting only.
    List<Finding> findings =
        check(manifest, TAINTED, null).stream()
            .filter(f -> f.rule().equals("windows-exporter-not-hostprocess"))
            .toList();

    assertOnly(
        findings,
        "windows-exporter-not-hostprocess",
        Severity.WARNING,
        39,
        11,
        "Deployment/iis",
        "logs",
        "/spec/template/spec/containers/1/image",
        "Container 'logs' runs windows_exporter"
            + " (ghcr.io/prometheus-community/windows-exporter:0.31.8) without HostProcess; its"
            + " metrics describe the container, not the node.",
        "Run it as a HostProcess DaemonSet (securityContext.windowsOptions.hostProcess: true,"
            + " hostNetwork: true, runAsUserName NT AUTHORITY\\SYSTEM); winfleet's node manifests"
            + " with metrics include one.");
  }

  @Test
  void windowsExporterAsHostProcessIsQuiet() {
    String manifest =
        edit(
            HOSTPROCESS,
            "mcr.microsoft.com/oss/kubernetes/windows-host-process-containers-base-image:v1.0.0",
            "ghcr.io/prometheus-community/windows-exporter:0.31.8");

    assertThat(check(manifest, TAINTED, null))
        .extracting(Finding::rule)
        .doesNotContain("windows-exporter-not-hostprocess");
  }
}
