package dev.winfleet.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Rule texts reach every front end: the CLI's check and cluster check, the webhook's warnings to
 * kubectl users, PolicyReports and the dashboard. They say what to provide or run, never a front
 * end's flag or command; each front end adds its own advice where it prints.
 */
class RuleTextsTest {

  /**
   * {@code --images}, {@code --registry-lookup}: a flag, not {@code --from=build} in a Dockerfile.
   */
  private static final Pattern FLAG = Pattern.compile("(^|[\\s(`'])--[a-z]");

  /**
   * A kubectl command up to the end of its clause ({@code kubectl get --raw /api/v1/nodes/...}):
   * kubectl's flags are the user's tool, not a winfleet front end's.
   */
  private static final Pattern KUBECTL = Pattern.compile("kubectl [^);]*");

  /** A winfleet command to run: {@code `winfleet node manifests`}, {@code winfleet logmonitor}. */
  private static final Pattern COMMAND =
      Pattern.compile("winfleet (node|logmonitor|cluster|check)");

  @Test
  void noRuleNamesACommandLineFlagOrCommand() {
    List<RuleMetadata> rules = RuleCatalog.builtIn().rules();
    assertThat(rules)
        .extracting(RuleMetadata::category)
        .contains("cluster", "observability", "images");
    for (RuleMetadata r : rules) {
      for (String text : List.of(r.summary(), r.rationale(), r.message(), r.fix())) {
        String withoutKubectl = KUBECTL.matcher(text).replaceAll("kubectl");
        assertThat(FLAG.matcher(withoutKubectl).find()).as(r.id() + ": " + text).isFalse();
        assertThat(COMMAND.matcher(text).find()).as(r.id() + ": " + text).isFalse();
      }
    }
  }

  @Test
  void theNodeRulesSayWhatToRunAndWhenTheyDoNotApply() {
    RuleCatalog catalog = RuleCatalog.builtIn();
    assertThat(catalog.rule("windows-node-metrics-agent-missing").orElseThrow().fix())
        .contains("Run windows_exporter on each Windows node as a HostProcess DaemonSet")
        .contains("winfleet's node manifests with metrics include one")
        .contains("outside Kubernetes, the finding does not apply: switch the rule off");
    assertThat(catalog.rule("windows-exporter-not-hostprocess").orElseThrow().fix())
        .contains("winfleet's node manifests with metrics include one");
    assertThat(catalog.rule("windows-kube-proxy-missing").orElseThrow().fix())
        .contains("runs as a Windows service on these nodes, the finding does not apply");
    assertThat(catalog.rule("windows-logs-not-forwarded").orElseThrow().fix())
        .contains("LogMonitorConfig.json that lists those sources");
  }

  @Test
  void theImageFactRulesSayWhatToProvide() {
    RuleCatalog catalog = RuleCatalog.builtIn();
    for (String id : List.of("image-os-unknown", "windows-image-build-unknown")) {
      assertThat(catalog.rule(id).orElseThrow().fix())
          .contains("the image's registry facts (a registry lookup or a lock file)");
    }
    assertThat(catalog.rule("windows-release-unsupported").orElseThrow().fix())
        .contains("give winfleet the cluster's nodes or its Kubernetes version");
  }
}
