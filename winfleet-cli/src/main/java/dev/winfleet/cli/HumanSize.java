package dev.winfleet.cli;

import java.util.Locale;

/** Byte counts as people read them: 512 B, 52.7 KiB, 1.5 GiB (binary units). */
final class HumanSize {

  private static final String[] UNITS = {"KiB", "MiB", "GiB", "TiB", "PiB"};

  private HumanSize() {}

  static String format(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    double value = bytes;
    int unit = -1;
    while (value >= 1024 && unit < UNITS.length - 1) {
      value /= 1024;
      unit++;
    }
    return String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit]);
  }
}
