package dev.winfleet.core.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.winfleet.core.catalog.PatchCatalog;
import dev.winfleet.core.catalog.WindowsCatalog;
import java.util.List;
import org.junit.jupiter.api.Test;

class FloatingTagsTest {

  @Test
  void tellsDatedTagsFromFloatingOnes() {
    assertThat(FloatingTags.isDated("10.0.17763.7136")).isTrue();
    assertThat(FloatingTags.isDated("10.0.17763.7136-amd64")).isTrue();
    assertThat(FloatingTags.isDated("4.8-20250513-windowsservercore-ltsc2019")).isTrue();
    assertThat(FloatingTags.isDated("1809-KB5055519")).isTrue();
    assertThat(FloatingTags.isDated("ltsc2019")).isFalse();
    assertThat(FloatingTags.isDated("4.8-windowsservercore-ltsc2019")).isFalse();
  }

  /** Windows-Containers#583: in April 2025 ltsc2019 served March's 17763.7009. */
  @Test
  void findsTheFloatingLtsc2019TagOfApril2025Stale() {
    List<String> tags =
        List.of("ltsc2019", "1809", "10.0.17763.7009", "10.0.17763.7136", "10.0.20348.3453");
    var newest = FloatingTags.newestVersionTag(tags, 17763).orElseThrow();
    assertThat(newest.getKey()).isEqualTo("10.0.17763.7136");
    FloatingTags.Stale stale =
        FloatingTags.judge(
                "ltsc2019",
                WindowsCatalog.builtIn().parseVersion("10.0.17763.7009"),
                newest.getKey(),
                newest.getValue(),
                PatchCatalog.builtIn())
            .orElseThrow();
    assertThat(stale.monthsBehind()).isEqualTo(1);
    assertThat(stale.message())
        .contains("'ltsc2019' serves 10.0.17763.7009")
        .contains("'10.0.17763.7136' is 10.0.17763.7136 (1 monthly update newer)")
        .contains("issues/583");
    assertThat(
            FloatingTags.judge(
                "ltsc2019",
                WindowsCatalog.builtIn().parseVersion("10.0.17763.7136"),
                newest.getKey(),
                newest.getValue(),
                PatchCatalog.builtIn()))
        .isEmpty();
  }

  @Test
  void findsTheNewestDateTagOfTheSameShape() {
    List<String> tags =
        List.of(
            "4.8-windowsservercore-ltsc2019",
            "4.8-20250410-windowsservercore-ltsc2019",
            "4.8-20250513-windowsservercore-ltsc2019",
            "4.8-20250610-windowsservercore-ltsc2022",
            "4.8.1-20250610-windowsservercore-ltsc2019");
    assertThat(FloatingTags.newestDatedSibling("4.8-windowsservercore-ltsc2019", tags))
        .hasValue("4.8-20250513-windowsservercore-ltsc2019");
    assertThat(FloatingTags.newestDatedSibling("ltsc2019", tags)).isEmpty();
  }
}
