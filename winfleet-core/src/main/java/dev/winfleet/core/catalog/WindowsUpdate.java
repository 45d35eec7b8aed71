package dev.winfleet.core.catalog;

import dev.winfleet.core.version.OsVersion;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One monthly (or out-of-band) Windows update of a build: the revision it brings, the day Microsoft
 * released it and its KB article.
 *
 * @param outOfBand released outside the monthly Patch Tuesday ("B") cycle
 */
public record WindowsUpdate(
    int build, int revision, LocalDate released, String kb, boolean outOfBand) {

  public WindowsUpdate {
    if (build <= 0 || build > 65535) {
      throw new IllegalArgumentException("build must be 1-65535, got " + build);
    }
    if (revision < 0) {
      throw new IllegalArgumentException("revision must be 0 or more, got " + revision);
    }
    Objects.requireNonNull(released, "released");
    Objects.requireNonNull(kb, "kb");
    if (!kb.matches("KB\\d{6,8}")) {
      throw new IllegalArgumentException("kb must look like KB5051987, got " + kb);
    }
  }

  /** {@code 10.0.<build>.<revision>}. */
  public OsVersion version() {
    return new OsVersion(10, 0, build, revision);
  }

  /** {@code 2025-02 KB5051987}: what a person looks up. */
  public String label() {
    return released.toString().substring(0, 7) + " " + kb + (outOfBand ? ", out-of-band" : "");
  }
}
