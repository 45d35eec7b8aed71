package dev.winfleet.core.compat;

import java.util.List;
import java.util.Objects;

/**
 * Whether one isolation mode can run an image on a host, and why, in words a person can act on.
 *
 * @param notes non-blocking remarks (revision drift, development-only hosts)
 */
public record Verdict(boolean supported, String reason, List<String> notes) {

  public Verdict {
    Objects.requireNonNull(reason, "reason");
    notes = notes == null ? List.of() : List.copyOf(notes);
  }

  static Verdict yes(String reason, List<String> notes) {
    return new Verdict(true, reason, notes);
  }

  static Verdict no(String reason) {
    return new Verdict(false, reason, List.of());
  }
}
