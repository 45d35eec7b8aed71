package dev.winfleet.core.planning;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A transfer rate, as people write it on the command line: {@code 1Gbit/s}, {@code 100Mbit/s},
 * {@code 10Gbit/s}, {@code 500MB/s}, {@code 1.5GiB/s}. Bits are spelled {@code bit} (or {@code
 * bps}), bytes {@code B}; {@code 10Gb/s} is refused as ambiguous. Decimal prefixes (k, M, G, T) are
 * powers of 1000, binary ones (Ki, Mi, Gi, Ti) powers of 1024.
 *
 * @param bytesPerSecond the rate in bytes per second, more than zero
 */
public record Bandwidth(double bytesPerSecond) {

  private static final Pattern FORM =
      Pattern.compile("([0-9]+(?:\\.[0-9]+)?)\\s*([kKMGT]i?)?(bit/s|bps|B/s|b/s|Bps)");

  public Bandwidth {
    if (!(bytesPerSecond > 0) || Double.isInfinite(bytesPerSecond)) {
      throw new IllegalArgumentException("a bandwidth must be more than zero");
    }
  }

  public static Bandwidth ofBitsPerSecond(double bits) {
    return new Bandwidth(bits / 8);
  }

  /**
   * Parses a rate.
   *
   * @throws PlanningException naming the text and the accepted forms
   */
  public static Bandwidth parse(String text) {
    String t = text == null ? "" : text.trim();
    Matcher m = FORM.matcher(t);
    if (!m.matches()) {
      throw new PlanningException(
          "'"
              + t
              + "' is not a bandwidth; write a number and a unit such as 1Gbit/s, 100Mbit/s,"
              + " 10Gbit/s or 500MB/s (bit for bits, B for bytes)");
    }
    String prefix = m.group(2) == null ? "" : m.group(2);
    String unit = m.group(3);
    if (unit.equals("b/s")) {
      throw new PlanningException(
          "'"
              + t
              + "' is ambiguous: write "
              + m.group(1)
              + prefix
              + "bit/s for bits or "
              + m.group(1)
              + prefix
              + "B/s for bytes per second");
    }
    if (prefix.equals("k") || prefix.equals("K")) {
      prefix = "k";
    } else if (prefix.equals("ki")) {
      prefix = "Ki";
    }
    BigDecimal number = new BigDecimal(m.group(1));
    double factor =
        switch (prefix) {
          case "" -> 1;
          case "k" -> 1e3;
          case "M" -> 1e6;
          case "G" -> 1e9;
          case "T" -> 1e12;
          case "Ki", "KI" -> 1024d;
          case "Mi" -> 1024d * 1024;
          case "Gi" -> 1024d * 1024 * 1024;
          case "Ti" -> 1024d * 1024 * 1024 * 1024;
          default ->
              throw new PlanningException(
                  "'" + t + "': unknown prefix '" + prefix + "' (use k, M, G, T, Ki, Mi, Gi, Ti)");
        };
    double value = number.doubleValue() * factor;
    boolean bits = unit.equals("bit/s") || unit.equals("bps");
    if (value <= 0) {
      throw new PlanningException("'" + t + "' must be more than zero");
    }
    return new Bandwidth(bits ? value / 8 : value);
  }

  public double bitsPerSecond() {
    return bytesPerSecond * 8;
  }

  /** Seconds to move this many bytes at this rate. */
  public double secondsFor(long bytes) {
    return bytes / bytesPerSecond;
  }

  /** As people read rates on networks: {@code 1 Gbit/s}, {@code 250 Mbit/s}. */
  public String describe() {
    return describeBytesPerSecond(bytesPerSecond);
  }

  /** A rate in bytes per second as people read it on networks: {@code 2.5 Gbit/s}; 0 allowed. */
  public static String describeBytesPerSecond(double bytesPerSecond) {
    double bits = bytesPerSecond * 8;
    String[] units = {"bit/s", "kbit/s", "Mbit/s", "Gbit/s", "Tbit/s"};
    int i = 0;
    while (bits >= 1000 && i < units.length - 1) {
      bits /= 1000;
      i++;
    }
    String number =
        bits == Math.rint(bits)
            ? String.valueOf((long) bits)
            : String.format(Locale.ROOT, "%.1f", bits);
    return number + " " + units[i];
  }

  @Override
  public String toString() {
    return describe();
  }
}
