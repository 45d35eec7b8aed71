package dev.winfleet.server;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;

/**
 * The last admission verdicts the server gave for real (never for dry runs), newest last: what the
 * dashboard shows as "recently admitted, placed or denied". Bounded; thread-safe.
 */
public final class RecentVerdicts {

  /**
   * One verdict.
   *
   * @param message the denial message or first warning; empty when there was none
   */
  public record Entry(
      Instant at,
      Endpoint endpoint,
      String uid,
      String kind,
      String namespace,
      String name,
      Verdict verdict,
      String message) {
    public Entry {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(endpoint, "endpoint");
      Objects.requireNonNull(verdict, "verdict");
    }
  }

  private final int capacity;
  private final Deque<Entry> entries;

  public RecentVerdicts(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive: " + capacity);
    }
    this.capacity = capacity;
    this.entries = new ArrayDeque<>(capacity);
  }

  public synchronized void add(Entry entry) {
    if (entries.size() == capacity) {
      entries.removeFirst();
    }
    entries.addLast(entry);
  }

  public synchronized List<Entry> snapshot() {
    return List.copyOf(entries);
  }
}
