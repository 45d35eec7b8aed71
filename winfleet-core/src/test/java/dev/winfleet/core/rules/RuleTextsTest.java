package dev.winfleet.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The texts of the rules that judge one object reach every front end: the CLI's check, the
 * webhook's warnings to kubectl users, PolicyReports and the dashboard. They say what to provide,
 * never a front end's flag; each front end adds its own flag advice where it prints.
 */
class RuleTextsTest {

  /**
   * {@code --images}, {@code --registry-lookup}: a flag, not {@code --from=build} in a Dockerfile.
   */
  private static final Pattern FLAG = Pattern.compile("(^|[\\s(`'])--[a-z]");

  /**
   * Categories whose texts still name a winfleet command to run ({@code winfleet node manifests
   * --with-metrics}, {@code --disable RULE} in {@code cluster check}): left for a later change.
   */
  private static final List<String> STILL_NAMING_COMMANDS = List.of("cluster", "observability");

  @Test
  void objectRulesNameNoCommandLineFlag() {
    List<RuleMetadata> rules =
        RuleCatalog.builtIn().rules().stream()
            .filter(r -> !STILL_NAMING_COMMANDS.contains(r.category()))
            .toList();
    assertThat(rules).extracting(RuleMetadata::id).contains("image-os-unknown");
    for (RuleMetadata r : rules) {
      for (String text : List.of(r.summary(), r.rationale(), r.message(), r.fix())) {
        assertThat(FLAG.matcher(text).find()).as(r.id() + ": " + text).isFalse();
      }
    }
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
