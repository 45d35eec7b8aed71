package dev.winfleet.core.spi;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Metrics served on {@code GET /metrics} next to the webhook's own, such as the audit controller's
 * gauges: plain values, which the server writes with the Prometheus Java client (so no exposition
 * text is written by hand, and the core stays free of a metrics library).
 */
@FunctionalInterface
public interface MetricsSection {

  /** The metric families as they are now. */
  List<Family> collect();

  /** What a family's values mean. */
  enum Type {
    /** Only goes up; the name ends in {@code _total}. */
    COUNTER,
    GAUGE
  }

  /**
   * One metric and its samples.
   *
   * @param name for a counter, ending in {@code _total}
   */
  record Family(String name, Type type, String help, List<Sample> samples) {
    public Family {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(help, "help");
      if (type == Type.COUNTER && !name.endsWith("_total")) {
        throw new IllegalArgumentException("a counter's name ends in _total: " + name);
      }
      samples = List.copyOf(samples);
    }

    public static Family gauge(String name, String help, List<Sample> samples) {
      return new Family(name, Type.GAUGE, help, samples);
    }

    public static Family counter(String name, String help, List<Sample> samples) {
      return new Family(name, Type.COUNTER, help, samples);
    }
  }

  /** One value with its labels (names in the order given). */
  record Sample(Map<String, String> labels, double value) {
    public Sample {
      labels = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    }

    /** A sample with labels given as name, value, name, value... */
    public static Sample of(double value, String... labels) {
      if (labels.length % 2 != 0) {
        throw new IllegalArgumentException("label names and values come in pairs");
      }
      Map<String, String> m = new LinkedHashMap<>();
      for (int i = 0; i < labels.length; i += 2) {
        m.put(labels[i], labels[i + 1]);
      }
      return new Sample(m, value);
    }
  }

  /**
   * The current value of one sample, by family name and labels (name, value, ...), or NaN when
   * there is none.
   */
  default double value(String name, String... labels) {
    Map<String, String> want = Sample.of(0, labels).labels();
    for (Family f : collect()) {
      if (f.name().equals(name)) {
        for (Sample s : f.samples()) {
          if (s.labels().equals(want)) {
            return s.value();
          }
        }
      }
    }
    return Double.NaN;
  }
}
