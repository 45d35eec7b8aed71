package dev.winfleet.core.spi;

/**
 * Metrics rendered after the webhook's own on {@code GET /metrics}, in the Prometheus text format,
 * such as the audit controller's gauges. Use {@link #help} and {@link #escape} to write them.
 */
@FunctionalInterface
public interface MetricsSection {

  void render(StringBuilder out);

  /** Writes the HELP and TYPE lines of one metric. */
  static void help(StringBuilder out, String name, String type, String help) {
    out.append("# HELP ").append(name).append(' ').append(help).append('\n');
    out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
  }

  /** A label value escaped for the text format. */
  static String escape(String label) {
    return label.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }
}
