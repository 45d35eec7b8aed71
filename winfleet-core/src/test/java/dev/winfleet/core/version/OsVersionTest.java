package dev.winfleet.core.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.winfleet.core.catalog.WindowsCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class OsVersionTest {

  @Test
  void parsesBuildWithoutRevision() {
    OsVersion v = WindowsCatalog.builtIn().parseVersion("10.0.17763");
    assertThat(v).isEqualTo(new OsVersion(10, 0, 17763, OsVersion.NO_REVISION));
    assertThat(v.hasRevision()).isFalse();
    assertThat(v).hasToString("10.0.17763");
  }

  @Test
  void parsesBuildWithRevision() {
    OsVersion v = WindowsCatalog.builtIn().parseVersion(" 10.0.17763.5206 ");
    assertThat(v.build()).isEqualTo(17763);
    assertThat(v.revision()).isEqualTo(5206);
    assertThat(v).hasToString("10.0.17763.5206");
    assertThat(v.buildString()).isEqualTo("10.0.17763");
    assertThat(v.withoutRevision()).isEqualTo(OsVersion.ofBuild(17763));
  }

  @ParameterizedTest
  @CsvSource({
    "ltsc2016, 14393",
    "1709, 16299",
    "1803, 17134",
    "ltsc2019, 17763",
    "LTSC2019, 17763",
    "1809, 17763",
    "1903, 18362",
    "1909, 18363",
    "2004, 19041",
    "20H2, 19042",
    "20h2, 19042",
    "ltsc2022, 20348",
    "ltsc2025, 26100",
    "ws2022, 20348",
    "Windows Server 2019, 17763",
    "win11-24h2, 26100",
    "win10-22h2, 19045",
    "20348, 20348"
  })
  void resolvesAliasesCaseInsensitively(String alias, int build) {
    assertThat(WindowsCatalog.builtIn().parseVersion(alias)).isEqualTo(OsVersion.ofBuild(build));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "10.0",
        "10",
        "abc",
        "10.0.x",
        "10.0.17763.",
        "10.0.17763.1.2",
        "ltsc2030",
        "v10.0.17763",
        "10.0.99999",
        "-1.0.17763",
        "12345"
      })
  void rejectsAnythingElseWithAMessageThatSaysWhatItExpected(String text) {
    assertThatThrownBy(() -> WindowsCatalog.builtIn().parseVersion(text))
        .isInstanceOf(InvalidOsVersionException.class)
        .hasMessageContaining("'" + text + "' is not a Windows version")
        .hasMessageContaining("major.minor.build[.revision]")
        .hasMessageContaining("ltsc2022");
  }

  @Test
  void rejectsEmptyInput() {
    assertThatThrownBy(() -> WindowsCatalog.builtIn().parseVersion("  "))
        .isInstanceOf(InvalidOsVersionException.class)
        .hasMessageContaining("empty");
    assertThatThrownBy(() -> WindowsCatalog.builtIn().parseVersion(null))
        .isInstanceOf(InvalidOsVersionException.class);
  }

  @Test
  void numericParsingIgnoresAliases() {
    assertThat(OsVersion.parseNumeric("ltsc2022")).isEmpty();
    assertThat(OsVersion.parseNumeric("10.0.20348.2762"))
        .contains(new OsVersion(10, 0, 20348, 2762));
  }

  @Test
  void ordersByBuildThenRevision() {
    assertThat(WindowsCatalog.builtIn().parseVersion("10.0.17763.100"))
        .isLessThan(WindowsCatalog.builtIn().parseVersion("10.0.17763.200"));
    assertThat(WindowsCatalog.builtIn().parseVersion("10.0.17763.9999"))
        .isLessThan(WindowsCatalog.builtIn().parseVersion("10.0.20348"));
    assertThat(WindowsCatalog.builtIn().parseVersion("10.0.17763"))
        .isLessThan(WindowsCatalog.builtIn().parseVersion("10.0.17763.1"));
  }

  @Test
  void sameBuildIgnoresRevision() {
    assertThat(
            WindowsCatalog.builtIn()
                .parseVersion("10.0.17763.1")
                .sameBuild(WindowsCatalog.builtIn().parseVersion("10.0.17763.2")))
        .isTrue();
    assertThat(
            WindowsCatalog.builtIn()
                .parseVersion("10.0.17763")
                .sameBuild(WindowsCatalog.builtIn().parseVersion("10.0.20348")))
        .isFalse();
  }
}
