package dev.winfleet.core.image;

import dev.winfleet.core.compat.CompatibilityEngine;
import dev.winfleet.core.compat.HostPlatform;
import dev.winfleet.core.compat.ImagePlatform;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers process-isolation answers per engine, host platform and image platform: a fleet has few
 * builds and manifests few images, but every pod asks about every node.
 */
final class ProcessCompatCache {

  private record Key(CompatibilityEngine engine, HostPlatform host, ImagePlatform image) {}

  private static final int MAX = 100_000;
  private static final Map<Key, Boolean> CACHE = new ConcurrentHashMap<>();

  private ProcessCompatCache() {}

  static boolean supported(CompatibilityEngine engine, HostPlatform host, ImagePlatform image) {
    Key key = new Key(engine, host, image);
    Boolean known = CACHE.get(key);
    if (known != null) {
      return known;
    }
    boolean answer = engine.evaluate(host, image).process().supported();
    if (CACHE.size() >= MAX) {
      CACHE.clear();
    }
    CACHE.put(key, answer);
    return answer;
  }
}
