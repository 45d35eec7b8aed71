package dev.winfleet.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.winfleet.core.spi.InventoryStatus;
import dev.winfleet.core.spi.MetricsSection;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookMetricsTest {

  private final WebhookMetrics metrics = new WebhookMetrics();
  private final Instant now = Instant.parse("2025-01-01T00:00:10Z");

  @Test
  void histogramBucketsAreCumulative() {
    metrics.recordLatency(Endpoint.MUTATE, 300_000); // 0.3 ms
    metrics.recordLatency(Endpoint.MUTATE, 3_000_000); // 3 ms
    metrics.recordLatency(Endpoint.MUTATE, 9_000_000_000L); // 9 s, past the last bucket
    String text = metrics.render(InventoryStatus.notSynced(), now);
    String bucket = "winfleet_admission_duration_seconds_bucket";
    assertThat(sample(text, bucket, "endpoint", "mutate", "le", "0.0005")).isEqualTo(1);
    assertThat(sample(text, bucket, "endpoint", "mutate", "le", "0.005")).isEqualTo(2);
    assertThat(sample(text, bucket, "endpoint", "mutate", "le", "5")).isEqualTo(2);
    assertThat(sample(text, bucket, "endpoint", "mutate", "le", "+Inf")).isEqualTo(3);
    assertThat(sample(text, "winfleet_admission_duration_seconds_count", "endpoint", "mutate"))
        .isEqualTo(3);
    assertThat(sample(text, "winfleet_admission_duration_seconds_sum", "endpoint", "mutate"))
        .isCloseTo(9.0033, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void addedSectionsAreWrittenByTheClientWithTheirTypesAndLabels() {
    metrics.addSection(
        () ->
            List.of(
                MetricsSection.Family.gauge(
                    "winfleet_audit_objects",
                    "Objects judged.",
                    List.of(MetricsSection.Sample.of(7))),
                MetricsSection.Family.counter(
                    "winfleet_audit_report_writes_total",
                    "Report writes.",
                    List.of(
                        MetricsSection.Sample.of(3, "result", "written"),
                        MetricsSection.Sample.of(0, "result", "odd\"value")))));
    String text = metrics.render(InventoryStatus.notSynced(), now);
    assertThat(text)
        .contains("# HELP winfleet_audit_objects Objects judged.\n")
        .contains("# TYPE winfleet_audit_objects gauge\n")
        .contains("# TYPE winfleet_audit_report_writes_total counter\n")
        .contains("winfleet_audit_report_writes_total{result=\"odd\\\"value\"} 0");
    assertThat(sample(text, "winfleet_audit_objects")).isEqualTo(7);
    assertThat(sample(text, "winfleet_audit_report_writes_total", "result", "written"))
        .isEqualTo(3);
  }

  @Test
  void findingsAreCountedByRuleWithEscapedLabels() {
    metrics.recordFindings(List.of("no-compatible-node", "no-compatible-node", "odd\"rule"));
    String text = metrics.render(InventoryStatus.notSynced(), now);
    assertThat(sample(text, "winfleet_admission_findings_total", "rule", "no-compatible-node"))
        .isEqualTo(2);
    assertThat(text).contains("winfleet_admission_findings_total{rule=\"odd\\\"rule\"} 1");
  }

  @Test
  void ruleLabelsAreBounded() {
    for (int i = 0; i < WebhookMetrics.MAX_RULE_LABELS + 50; i++) {
      metrics.recordFindings(List.of("rule-" + i));
    }
    assertThat(metrics.findings("other")).isEqualTo(50);
  }

  @Test
  void inventoryAgeIsAbsentBeforeTheFirstSync() {
    assertThat(metrics.render(InventoryStatus.notSynced(), now))
        .containsPattern("\nwinfleet_inventory_synced 0(\\.0)?\n")
        .doesNotContain("\nwinfleet_inventory_age_seconds ");
    assertThat(metrics.render(InventoryStatus.synced(now.minusMillis(2500), List.of()), now))
        .contains("\nwinfleet_inventory_age_seconds 2.5\n");
  }

  @Test
  void everyLineIsAHelpATypeOrASample() {
    metrics.recordRequest(Endpoint.VALIDATE, Verdict.DENIED);
    for (String line : metrics.render(InventoryStatus.notSynced(), now).split("\n")) {
      assertThat(line).matches("# (HELP|TYPE) .+|[a-z_]+(\\{[^}]*\\})? [0-9.eE+-]+");
    }
  }

  /**
   * The value of one sample, found by name and labels (in any order); {@code le} is compared as a
   * number, so "5", "5.0" and "5.0E0" are the same bucket.
   */
  static double sample(String text, String name, String... labels) {
    java.util.Map<String, String> want = new java.util.TreeMap<>();
    for (int i = 0; i < labels.length; i += 2) {
      want.put(labels[i], labels[i].equals("le") ? le(labels[i + 1]) : labels[i + 1]);
    }
    java.util.regex.Pattern line =
        java.util.regex.Pattern.compile("([a-z_]+)(?:\\{(.*)\\})? (\\S+)");
    java.util.regex.Pattern label = java.util.regex.Pattern.compile("([a-z_]+)=\"([^\"]*)\"");
    for (String l : text.split("\n")) {
      java.util.regex.Matcher m = line.matcher(l);
      if (!m.matches() || !m.group(1).equals(name)) {
        continue;
      }
      java.util.Map<String, String> got = new java.util.TreeMap<>();
      if (m.group(2) != null) {
        java.util.regex.Matcher lm = label.matcher(m.group(2));
        while (lm.find()) {
          got.put(lm.group(1), lm.group(1).equals("le") ? le(lm.group(2)) : lm.group(2));
        }
      }
      if (got.equals(want)) {
        return Double.parseDouble(m.group(3));
      }
    }
    throw new AssertionError("no sample " + name + want + " in:\n" + text);
  }

  private static String le(String v) {
    return v.equals("+Inf") ? v : Double.toString(Double.parseDouble(v));
  }
}
