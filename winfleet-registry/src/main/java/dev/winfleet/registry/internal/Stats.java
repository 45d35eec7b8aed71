package dev.winfleet.registry.internal;

import dev.winfleet.registry.api.InspectorStats;
import java.util.concurrent.atomic.LongAdder;

/** Mutable counters behind {@link InspectorStats}. */
final class Stats {
  final LongAdder manifestGets = new LongAdder();
  final LongAdder manifestHeads = new LongAdder();
  final LongAdder blobGets = new LongAdder();
  final LongAdder tokenRequests = new LongAdder();
  final LongAdder retries = new LongAdder();
  final LongAdder cacheHits = new LongAdder();

  InspectorStats snapshot() {
    return new InspectorStats(
        manifestGets.sum(),
        manifestHeads.sum(),
        blobGets.sum(),
        tokenRequests.sum(),
        retries.sum(),
        cacheHits.sum());
  }
}
