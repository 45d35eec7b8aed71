package dev.winfleet.core.observability;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MetricsAgentsTest {

  @Test
  void windowsExporterFromEveryRegistryItIsPublishedTo() {
    // .github/workflows/release.yml of prometheus-community/windows_exporter @589ec15
    assertThat(
            MetricsAgents.isWindowsExporter("ghcr.io/prometheus-community/windows-exporter:0.31.8"))
        .isTrue();
    assertThat(MetricsAgents.isWindowsExporter("prometheuscommunity/windows-exporter")).isTrue();
    assertThat(
            MetricsAgents.isWindowsExporter(
                "quay.io/prometheuscommunity/windows-exporter@sha256:"
                    + "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"))
        .isTrue();
    assertThat(MetricsAgents.isWindowsExporter("registry.example:5000/mirror/windows_exporter:v1"))
        .isTrue();
  }

  @Test
  void otherImagesAndNonsenseAreNot() {
    assertThat(MetricsAgents.isWindowsExporter("quay.io/prometheus/node-exporter:v1.8.2"))
        .isFalse();
    assertThat(MetricsAgents.isWindowsExporter("windows-exporter-operator:1.0")).isFalse();
    assertThat(MetricsAgents.isWindowsExporter("NOT A REFERENCE")).isFalse();
    assertThat(MetricsAgents.isWindowsExporter((String) null)).isFalse();
  }
}
