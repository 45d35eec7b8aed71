package dev.winfleet.core.fleet;

import java.math.BigDecimal;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Kubernetes resource quantities ({@code 1500m}, {@code 2}, {@code 16Gi}, {@code 1e9}). */
public final class Quantities {

  private static final Pattern FORM =
      Pattern.compile("([+-]?[0-9.]+(?:[eE][+-]?[0-9]+)?)(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)?");

  private Quantities() {}

  /** The quantity as a number of base units (cores, bytes); empty when it cannot be read. */
  public static java.util.Optional<BigDecimal> parse(String text) {
    if (text == null) {
      return java.util.Optional.empty();
    }
    Matcher m = FORM.matcher(text.trim());
    if (!m.matches()) {
      return java.util.Optional.empty();
    }
    BigDecimal number;
    try {
      number = new BigDecimal(m.group(1));
    } catch (NumberFormatException e) {
      return java.util.Optional.empty();
    }
    String suffix = m.group(2) == null ? "" : m.group(2);
    BigDecimal factor =
        switch (suffix) {
          case "n" -> new BigDecimal("1e-9");
          case "u" -> new BigDecimal("1e-6");
          case "m" -> new BigDecimal("1e-3");
          case "" -> BigDecimal.ONE;
          case "k" -> new BigDecimal("1e3");
          case "M" -> new BigDecimal("1e6");
          case "G" -> new BigDecimal("1e9");
          case "T" -> new BigDecimal("1e12");
          case "P" -> new BigDecimal("1e15");
          case "E" -> new BigDecimal("1e18");
          case "Ki" -> BigDecimal.valueOf(1L << 10);
          case "Mi" -> BigDecimal.valueOf(1L << 20);
          case "Gi" -> BigDecimal.valueOf(1L << 30);
          case "Ti" -> BigDecimal.valueOf(1L << 40);
          case "Pi" -> BigDecimal.valueOf(1L << 50);
          case "Ei" -> BigDecimal.valueOf(1L << 60);
          default -> BigDecimal.ONE;
        };
    return java.util.Optional.of(number.multiply(factor));
  }

  /** CPU in millicores ({@code 1500m} and {@code 1.5} are 1500); empty when unreadable. */
  public static OptionalLong cpuMillis(String text) {
    return parse(text)
        .map(
            q ->
                OptionalLong.of(
                    q.movePointRight(3).setScale(0, java.math.RoundingMode.CEILING).longValue()))
        .orElse(OptionalLong.empty());
  }

  /** Memory or storage in bytes; empty when unreadable. */
  public static OptionalLong bytes(String text) {
    return parse(text)
        .map(q -> OptionalLong.of(q.setScale(0, java.math.RoundingMode.CEILING).longValue()))
        .orElse(OptionalLong.empty());
  }
}
