package dev.winfleet.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.winfleet.core.testing.GoldenFiles;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * docs/rules.md must be exactly what the rule metadata generates. With {@code
 * -Dwinfleet.updateGoldens=true} the test rewrites the page instead of failing ({@link
 * GoldenFiles}).
 */
class RulesDocsTest {

  private static final Path PAGE = Path.of("..", "docs", "rules.md");

  @Test
  void rulesPageMatchesTheMetadata() throws IOException {
    String expected = RulesDocs.markdown(RuleCatalog.builtIn());
    assertThat(GoldenFiles.expected(PAGE, expected))
        .as("docs/rules.md is out of date; regenerate with " + RulesDocs.REGENERATE)
        .isEqualTo(expected);
  }

  @Test
  void pageListsEveryRule() {
    String page = RulesDocs.markdown(RuleCatalog.builtIn());
    for (RuleMetadata r : RuleCatalog.builtIn().rules()) {
      assertThat(page).contains("### " + r.id() + "\n");
    }
    assertThat(page).contains("before 1.22 (lifted by csi-proxy)");
  }

  @Test
  void headerNamesNoFlagAndPointsAtTheCliReference() {
    String page = RulesDocs.markdown(RuleCatalog.builtIn());
    String header = page.substring(page.indexOf("# winfleet rules"), page.indexOf("| Rule |"));
    assertThat(header).doesNotContain("--").contains("[CLI reference](cli.md)");
  }
}
