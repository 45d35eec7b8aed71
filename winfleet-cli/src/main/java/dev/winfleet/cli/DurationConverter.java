package dev.winfleet.cli;

import java.time.Duration;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads durations as people write them: {@code 2s}, {@code 500ms}, {@code 1m}. */
final class DurationConverter implements ITypeConverter<Duration> {

  @Override
  public Duration convert(String value) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    try {
      if (v.endsWith("ms")) {
        return positive(Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2))), value);
      }
      if (v.endsWith("s")) {
        return positive(
            Duration.ofMillis(
                Math.round(Double.parseDouble(v.substring(0, v.length() - 1)) * 1000)),
            value);
      }
      if (v.endsWith("m")) {
        return positive(Duration.ofMinutes(Long.parseLong(v.substring(0, v.length() - 1))), value);
      }
    } catch (NumberFormatException e) {
      // fall through
    }
    throw new TypeConversionException("'" + value + "' is not a duration such as 2s, 500ms or 1m");
  }

  private static Duration positive(Duration d, String value) {
    if (d.isNegative() || d.isZero()) {
      throw new TypeConversionException("'" + value + "' must be longer than zero");
    }
    return d;
  }

  /** As {@link DurationConverter}, also taking zero ({@code 0s}, {@code 0}) for "none". */
  static final class ZeroOrMore implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      if (value.trim().toLowerCase(Locale.ROOT).matches("0+(\\.0*)?(ms|s|m)?")) {
        return Duration.ZERO;
      }
      return new DurationConverter().convert(value);
    }
  }
}
