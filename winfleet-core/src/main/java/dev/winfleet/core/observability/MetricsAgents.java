package dev.winfleet.core.observability;

import java.util.Locale;

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
    String ref = image.trim().toLowerCase(Locale.ROOT);
    int at = ref.indexOf('@');
    if (at >= 0) {
      ref = ref.substring(0, at);
    }
    int colon = ref.lastIndexOf(':');
    if (colon > ref.lastIndexOf('/')) {
      ref = ref.substring(0, colon);
    }
    String name = ref.substring(ref.lastIndexOf('/') + 1);
    return name.equals("windows-exporter") || name.equals("windows_exporter");
  }
}
