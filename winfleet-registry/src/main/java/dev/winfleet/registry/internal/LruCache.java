package dev.winfleet.registry.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/** A small thread-safe least-recently-used map, for content kept by digest. */
final class LruCache<K, V> {

  private final Map<K, V> map;

  LruCache(int maxEntries) {
    this.map =
        new LinkedHashMap<>(64, 0.75f, true) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
            return size() > maxEntries;
          }
        };
  }

  synchronized V get(K key) {
    return map.get(key);
  }

  synchronized void put(K key, V value) {
    map.put(key, value);
  }

  synchronized boolean isEmpty() {
    return map.isEmpty();
  }
}
