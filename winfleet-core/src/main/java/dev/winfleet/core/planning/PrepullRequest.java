package dev.winfleet.core.planning;

import dev.winfleet.core.fleet.Fleet;
import java.util.List;
import java.util.Objects;

/**
 * What to pre-pull where, and the network it has to go through.
 *
 * @param images the references to get onto every node that can run them
 * @param known layer knowledge: the requested images, and any others, so that what nodes already
 *     hold ({@code status.images}) can be mapped to layers
 * @param nodeBandwidth what one node can download
 * @param registryBandwidth what the registry can send, all nodes together
 * @param maxConcurrent at most this many nodes pulling at once; 0 for as many as the registry's
 *     bandwidth allows
 */
public record PrepullRequest(
    Fleet fleet,
    List<String> images,
    List<ImageLayers> known,
    Bandwidth nodeBandwidth,
    Bandwidth registryBandwidth,
    int maxConcurrent) {

  public PrepullRequest {
    Objects.requireNonNull(fleet, "fleet");
    images = List.copyOf(images);
    known = List.copyOf(known);
    Objects.requireNonNull(nodeBandwidth, "nodeBandwidth");
    Objects.requireNonNull(registryBandwidth, "registryBandwidth");
    if (maxConcurrent < 0) {
      throw new IllegalArgumentException("maxConcurrent must be 0 or more");
    }
  }
}
