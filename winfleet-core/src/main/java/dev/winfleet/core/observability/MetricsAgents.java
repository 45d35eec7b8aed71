package dev.winfleet.core.observability;

import dev.winfleet.core.image.ImageReference;

/** Recognises the metrics agents winfleet knows on Windows nodes: windows_exporter. */
public final class MetricsAgents {

  private MetricsAgents() {}

  /**
   * True when an image reference is windows_exporter from any registry or mirror ({@code
   * ghcr.io/prometheus-community/windows-exporter:0.31.8}, {@code
   * docker.io/prometheuscommunity/windows-exporter}, an older {@code windows_exporter} build).
   */
  public static boolean isWindowsExporter(String image) {
    return image != null
        && ImageReference.tryParse(image).map(MetricsAgents::isWindowsExporter).orElse(false);
  }

  /** {@link #isWindowsExporter(String)} for a parsed reference; false for null. */
  public static boolean isWindowsExporter(ImageReference reference) {
    if (reference == null) {
      return false;
    }
    String repository = reference.repository();
    String name = repository.substring(repository.lastIndexOf('/') + 1);
    return name.equals("windows-exporter") || name.equals("windows_exporter");
  }
}
