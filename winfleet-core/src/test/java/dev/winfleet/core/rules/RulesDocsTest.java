package dev.winfleet.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * docs/rules.md must be exactly what the rule metadata generates. With {@code
 * -Dwinfleet.docs.write=true} the test rewrites the page instead of failing.
 */
class RulesDocsTest {

  private static final Path PAGE = Path.of("..", "docs", "rules.md");

  @Test
  void rulesPageMatchesTheMetadata() throws IOException {
    String expected = RulesDocs.markdown(RuleCatalog.builtIn());
    if (Boolean.getBoolean("winfleet.docs.write")) {
      Files.createDirectories(PAGE.getParent());
      Files.writeString(PAGE, expected, StandardCharsets.UTF_8);
    }
    assertThat(PAGE).as("docs/rules.md exists; regenerate with " + RulesDocs.REGENERATE).exists();
    assertThat(Files.readString(PAGE, StandardCharsets.UTF_8))
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
}
