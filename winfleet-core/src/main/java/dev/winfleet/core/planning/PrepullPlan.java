package dev.winfleet.core.planning;

import dev.winfleet.core.compat.OsFamily;
import dev.winfleet.core.fleet.Taint;
import dev.winfleet.core.version.OsVersion;
import java.util.List;
import java.util.Objects;

/**
 * A layer-aware pre-pull plan: what each node downloads, in which wave, and how long it takes,
 * compared with every node pulling at once. Times are estimates in seconds from the bandwidths.
 *
 * @param nodes the nodes that get at least one image (nothing to download included), fleet order
 * @param waves the waves, one after another; nodes with nothing to download are in none
 * @param completionSeconds when the last wave ends
 * @param peakRegistryBytesPerSecond the highest rate asked of the registry in any wave
 * @param registryBytes bytes downloaded from the registry, all nodes
 * @param foreignBytes bytes of foreign layers, downloaded from their own URLs
 * @param bytesWithoutSharing what the nodes would download pulling each image whole (no layer
 *     shared between images, nothing already on the node)
 * @param bytesAlreadyPresent bytes of layers the nodes already hold
 * @param images per requested image, how many nodes get it
 * @param notes images no node can run, nodes of unknown version, and the like
 */
public record PrepullPlan(
    List<NodePull> nodes,
    List<Wave> waves,
    double completionSeconds,
    double peakRegistryBytesPerSecond,
    long registryBytes,
    long foreignBytes,
    long bytesWithoutSharing,
    long bytesAlreadyPresent,
    Naive naive,
    Bandwidth nodeBandwidth,
    Bandwidth registryBandwidth,
    List<ImageTargets> images,
    List<String> notes) {

  public PrepullPlan {
    nodes = List.copyOf(nodes);
    waves = List.copyOf(waves);
    images = List.copyOf(images);
    notes = List.copyOf(notes);
    Objects.requireNonNull(naive, "naive");
  }

  /**
   * What one node downloads.
   *
   * @param build its Windows build (no revision); null on Linux
   * @param images the requested images it can run, in request order
   * @param taints its NoSchedule/NoExecute taints (the pre-pull pods must tolerate them)
   * @param layers how many layers it downloads
   * @param seconds how long its download takes at the node's bandwidth
   */
  public record NodePull(
      String node,
      OsFamily os,
      String architecture,
      OsVersion build,
      List<String> images,
      List<Taint> taints,
      long registryBytes,
      long foreignBytes,
      long skippedBytes,
      int layers,
      double seconds) {
    public NodePull {
      Objects.requireNonNull(node, "node");
      images = List.copyOf(images);
      taints = List.copyOf(taints);
    }

    public long totalBytes() {
      return registryBytes + foreignBytes;
    }
  }

  /** Nodes that pull together. */
  public record Wave(
      int number,
      List<String> nodes,
      double startSeconds,
      double endSeconds,
      long registryBytes,
      long foreignBytes,
      double peakRegistryBytesPerSecond) {
    public Wave {
      nodes = List.copyOf(nodes);
    }
  }

  /**
   * Every node pulling now.
   *
   * @param completionSeconds when the last node is done; most nodes pull for about that long
   * @param demandBytesPerSecond what the nodes ask of the registry together
   * @param peakRegistryBytesPerSecond what the registry sends (its bandwidth, when oversubscribed)
   */
  public record Naive(
      double completionSeconds, double demandBytesPerSecond, double peakRegistryBytesPerSecond) {}

  /** How many nodes get one image. */
  public record ImageTargets(String reference, int nodes) {}
}
