package dev.winfleet.cli;

import java.time.Duration;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads durations as people write them: {@code 2s}, {@code 500ms}, {@code 1m}; longer than zero.
 */
final class DurationConverter implements ITypeConverter<Duration> {

  @Override
  public Duration convert(String value) {
    Duration d = parse(value);
    if (d.isNegative() || d.isZero()) {
      throw new TypeConversionException("'" + value + "' must be longer than zero");
    }
    return d;
  }

  /** The duration as written, which may be zero or negative. */
  private static Duration parse(String value) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    try {
      if (v.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
      }
      if (v.endsWith("s")) {
        return Duration.ofMillis(
            Math.round(Double.parseDouble(v.substring(0, v.length() - 1)) * 1000));
      }
      if (v.endsWith("m")) {
        return Duration.ofMinutes(Long.parseLong(v.substring(0, v.length() - 1)));
      }
    } catch (NumberFormatException e) {
      // fall through
    }
    throw new TypeConversionException("'" + value + "' is not a duration such as 2s, 500ms or 1m");
  }

  /**
   * As {@link DurationConverter}, also taking zero ({@code 0s}, {@code 0}) for "none"; its error
   * says so.
   */
  static final class ZeroOrMore implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      if (value.trim().toLowerCase(Locale.ROOT).matches("0+(\\.0*)?(ms|s|m)?")) {
        return Duration.ZERO;
      }
      Duration d = parse(value);
      if (d.isNegative()) {
        throw new TypeConversionException(
            "'" + value + "' is negative; give 0s (to skip) or a longer duration such as 2s");
      }
      return d;
    }
  }
}
