package dev.winfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class DurationConverterTest {

  @Test
  void readsTheUnitsPeopleWrite() {
    DurationConverter c = new DurationConverter();
    assertThat(c.convert("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(c.convert("1.5s")).isEqualTo(Duration.ofMillis(1500));
    assertThat(c.convert("2m")).isEqualTo(Duration.ofMinutes(2));
  }

  @Test
  void aDurationThatMustBePositiveSaysSoForZeroAndNegative() {
    DurationConverter c = new DurationConverter();
    assertThatThrownBy(() -> c.convert("0s"))
        .isInstanceOf(TypeConversionException.class)
        .hasMessage("'0s' must be longer than zero");
    assertThatThrownBy(() -> c.convert("-1s")).hasMessage("'-1s' must be longer than zero");
  }

  @Test
  void aDurationThatMayBeZeroTakesZeroAndSaysZeroIsAllowedWhenNegative() {
    DurationConverter.ZeroOrMore c = new DurationConverter.ZeroOrMore();
    assertThat(c.convert("0")).isZero();
    assertThat(c.convert("0s")).isZero();
    assertThat(c.convert("250ms")).isEqualTo(Duration.ofMillis(250));
    assertThatThrownBy(() -> c.convert("-1s"))
        .isInstanceOf(TypeConversionException.class)
        .hasMessage("'-1s' is negative; give 0s (to skip) or a longer duration such as 2s");
    assertThatThrownBy(() -> c.convert("soon"))
        .hasMessage("'soon' is not a duration such as 2s, 500ms or 1m");
  }
}
