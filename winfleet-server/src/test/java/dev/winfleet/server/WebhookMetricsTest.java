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
    assertThat(text)
        .contains(
            "winfleet_admission_duration_seconds_bucket{endpoint=\"mutate\",le=\"0.0005\"} 1\n")
        .contains(
            "winfleet_admission_duration_seconds_bucket{endpoint=\"mutate\",le=\"0.005\"} 2\n")
        .contains("winfleet_admission_duration_seconds_bucket{endpoint=\"mutate\",le=\"5\"} 2\n")
        .contains("winfleet_admission_duration_seconds_bucket{endpoint=\"mutate\",le=\"+Inf\"} 3\n")
        .contains("winfleet_admission_duration_seconds_count{endpoint=\"mutate\"} 3\n")
        .contains("winfleet_admission_duration_seconds_sum{endpoint=\"mutate\"} 9.0033\n");
  }

  @Test
  void addedSectionsAreRenderedAfterTheWebhooksOwnMetrics() {
    metrics.addSection(
        out -> {
          MetricsSection.help(out, "winfleet_audit_objects", "gauge", "Objects judged.");
          out.append("winfleet_audit_objects 7\n");
        });
    String text = metrics.render(InventoryStatus.notSynced(), now);
    assertThat(text)
        .endsWith(
            "# HELP winfleet_audit_objects Objects judged.\n"
                + "# TYPE winfleet_audit_objects gauge\n"
                + "winfleet_audit_objects 7\n");
  }

  @Test
  void findingsAreCountedByRuleWithEscapedLabels() {
    metrics.recordFindings(List.of("no-compatible-node", "no-compatible-node", "odd\"rule"));
    String text = metrics.render(InventoryStatus.notSynced(), now);
    assertThat(text)
        .contains("winfleet_admission_findings_total{rule=\"no-compatible-node\"} 2\n")
        .contains("winfleet_admission_findings_total{rule=\"odd\\\"rule\"} 1\n");
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
        .contains("winfleet_inventory_synced 0\n")
        .doesNotContain("\nwinfleet_inventory_age_seconds ");
    assertThat(metrics.render(InventoryStatus.synced(now.minusMillis(2500), List.of()), now))
        .contains("winfleet_inventory_age_seconds 2.5\n");
  }

  @Test
  void everyLineIsAHelpATypeOrASample() {
    metrics.recordRequest(Endpoint.VALIDATE, Verdict.DENIED);
    for (String line : metrics.render(InventoryStatus.notSynced(), now).split("\n")) {
      assertThat(line).matches("# (HELP|TYPE) .+|[a-z_]+(\\{[^}]*\\})? [0-9.e+-]+");
    }
  }
}
