package dev.winfleet.core.fleet;

import java.util.List;

/**
 * An image a node already holds ({@code status.images}).
 *
 * @param names the references the node knows it by (tags and digests)
 * @param sizeBytes its size on the node; 0 when not reported
 */
public record NodeImage(List<String> names, long sizeBytes) {
  public NodeImage {
    names = List.copyOf(names);
    if (sizeBytes < 0) {
      throw new IllegalArgumentException("sizeBytes must be 0 or more");
    }
  }
}
