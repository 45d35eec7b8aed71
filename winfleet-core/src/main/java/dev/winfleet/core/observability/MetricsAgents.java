package dev.winfleet.core.observability;

import dev.winfleet.core.image.ParsedReferences;

/** Recognises the metrics agents winfleet knows on Windows nodes: windows_exporter. */
public final class MetricsAgents {

  private MetricsAgents() {}

  /**
   * True when an image reference is windows_exporter from any registry or mirror ({@code
   * ghcr.io/prometheus-community/windows-exporter:0.31.8}, {@code
   * docker.io/prometheuscommunity/windows-exporter}, an older {@code windows_exporter} build).
   */
  public static boolean isWindowsExporter(String image) {
    if (image == null) {
      return false;
    }
    return ParsedReferences.parse(image)
        .value()
        .map(r -> r.repository().substring(r.repository().lastIndexOf('/') + 1))
        .map(n -> n.equals("windows-exporter") || n.equals("windows_exporter"))
        .orElse(false);
  }
}
