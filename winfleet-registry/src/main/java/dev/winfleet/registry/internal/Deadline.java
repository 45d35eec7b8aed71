package dev.winfleet.registry.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** The caller's time budget: every wait and every HTTP timeout is cut to what is left. */
public record Deadline(Instant at, Clock clock) {

  public static Deadline of(Instant at, Clock clock) {
    return new Deadline(at, clock);
  }

  public boolean isSet() {
    return at != null;
  }

  /** What is left, or {@code cap} when no deadline is set; never negative. */
  public Duration remaining(Duration cap) {
    if (at == null) {
      return cap;
    }
    Duration left = Duration.between(clock.instant(), at);
    if (left.isNegative()) {
      return Duration.ZERO;
    }
    return left.compareTo(cap) < 0 ? left : cap;
  }

  public boolean expired() {
    return at != null && !clock.instant().isBefore(at);
  }
}
