package dev.winfleet.core.planning;

import dev.winfleet.core.compat.CompatibilityEngine;
import dev.winfleet.core.compat.HostPlatform;
import dev.winfleet.core.compat.ImagePlatform;
import dev.winfleet.core.fleet.Fleet;
import dev.winfleet.core.fleet.FleetNode;
import dev.winfleet.core.fleet.NodeImage;
import dev.winfleet.core.fleet.Taint;
import dev.winfleet.core.image.ImageReference;
import dev.winfleet.core.planning.ImageLayers.Layer;
import dev.winfleet.core.planning.ImageLayers.PlatformLayers;
import dev.winfleet.core.planning.PrepullPlan.ImageTargets;
import dev.winfleet.core.planning.PrepullPlan.Naive;
import dev.winfleet.core.planning.PrepullPlan.NodePull;
import dev.winfleet.core.planning.PrepullPlan.Wave;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Plans getting images onto every node that can run them without flooding the network: per node,
 * the layers it lacks (a layer shared by several images counted once, layers of images the node
 * already holds skipped, foreign layers fetched from their own URLs), then waves of nodes whose
 * downloads fit the registry's bandwidth. Pure: values in, a plan out. Thread-safe.
 *
 * <p>Which platform of an image a node pulls is the compatibility engine's call: the platform of
 * the node's own build when there is one, else the newest one the node can run with process
 * isolation.
 */
public final class PrepullPlanner {

  private final CompatibilityEngine compatibility;

  public PrepullPlanner(CompatibilityEngine compatibility) {
    this.compatibility = Objects.requireNonNull(compatibility, "compatibility");
  }

  public static PrepullPlanner builtIn() {
    return new PrepullPlanner(CompatibilityEngine.builtIn());
  }

  private record Chosen(int image, int platform) {}

  private record NeedKey(HostPlatform host, List<Integer> present) {}

  private record Need(
      List<String> images,
      long registryBytes,
      long foreignBytes,
      long skippedBytes,
      long wholeBytes,
      int layers) {}

  /**
   * Plans the pre-pull.
   *
   * @throws PlanningException when a requested image has no layer information
   */
  public PrepullPlan plan(PrepullRequest request) {
    Fleet fleet = request.fleet();
    List<String> notes = new ArrayList<>();
    Map<String, ImageLayers> byKey = new HashMap<>();
    // What status.images names map to: tag references and digests, per known platform.
    Map<String, Chosen> byNodeName = new HashMap<>();
    for (int k = 0; k < request.known().size(); k++) {
      ImageLayers image = request.known().get(k);
      byKey.putIfAbsent(image.reference(), image);
      Optional<ImageReference> ref = ImageReference.tryParse(image.reference());
      if (ref.isEmpty()) {
        continue;
      }
      byKey.putIfAbsent(ref.get().toString(), image);
      String name = ref.get().name();
      if (ref.get().tag() != null) {
        byNodeName.putIfAbsent(name + ":" + ref.get().tag(), new Chosen(k, -1));
      }
      if (image.digest() != null) {
        byNodeName.putIfAbsent(name + "@" + image.digest(), new Chosen(k, -1));
      }
      for (int pi = 0; pi < image.platforms().size(); pi++) {
        String digest = image.platforms().get(pi).digest();
        if (digest != null) {
          byNodeName.putIfAbsent(name + "@" + digest, new Chosen(k, pi));
        }
      }
    }
    List<ImageLayers> wanted = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (String r : request.images()) {
      ImageLayers found = byKey.get(r);
      if (found == null) {
        found = ImageReference.tryParse(r).map(x -> byKey.get(x.toString())).orElse(null);
      }
      if (found == null) {
        missing.add(r);
      } else {
        wanted.add(found);
      }
    }
    if (!missing.isEmpty()) {
      throw new MissingImageLayersException(missing);
    }

    Map<NeedKey, Need> needs = new HashMap<>();
    Map<HostPlatform, PlatformLayers[]> choices = new HashMap<>();
    List<NodePull> pulls = new ArrayList<>();
    int[] imageNodes = new int[wanted.size()];
    long registryBytes = 0;
    long foreignBytes = 0;
    long whole = 0;
    long skipped = 0;
    int unknownNodes = 0;
    for (FleetNode node : fleet.nodes()) {
      Optional<HostPlatform> host = node.hostPlatform();
      if (host.isEmpty()) {
        unknownNodes++;
        continue;
      }
      PlatformLayers[] chosen = choices.computeIfAbsent(host.get(), h -> choose(h, wanted));
      boolean any = false;
      for (PlatformLayers c : chosen) {
        any |= c != null;
      }
      if (!any) {
        continue;
      }
      List<Integer> present = presentKeys(node, byNodeName);
      NeedKey key = new NeedKey(host.get(), present);
      Need need =
          needs.computeIfAbsent(
              key, k -> need(chosen, wanted, k.present(), request.known(), host.get()));
      for (int i = 0; i < chosen.length; i++) {
        if (chosen[i] != null) {
          imageNodes[i]++;
        }
      }
      List<Taint> taints =
          node.effectiveTaints().stream().filter(t -> t.effect().blocksScheduling()).toList();
      pulls.add(
          new NodePull(
              node.name(),
              node.os(),
              node.architecture().isEmpty() ? "amd64" : node.architecture(),
              node.windowsVersion() == null ? null : node.windowsVersion().withoutRevision(),
              need.images(),
              taints,
              need.registryBytes(),
              need.foreignBytes(),
              need.skippedBytes(),
              need.layers(),
              request.nodeBandwidth().secondsFor(need.registryBytes() + need.foreignBytes())));
      registryBytes += need.registryBytes();
      foreignBytes += need.foreignBytes();
      whole += need.wholeBytes();
      skipped += need.skippedBytes();
    }
    if (unknownNodes > 0) {
      notes.add(
          unknownNodes
              + " node(s) report no OS or Windows version; they get nothing (which image platform"
              + " they can run is unknown)");
    }
    List<ImageTargets> targets = new ArrayList<>();
    for (int i = 0; i < wanted.size(); i++) {
      targets.add(new ImageTargets(request.images().get(i), imageNodes[i]));
      if (imageNodes[i] == 0) {
        notes.add("no node can run " + request.images().get(i) + "; nothing to pull for it");
      }
    }

    List<Wave> waves = waves(pulls, request);
    double end = waves.isEmpty() ? 0 : waves.get(waves.size() - 1).endSeconds();
    double peak = 0;
    for (Wave w : waves) {
      peak = Math.max(peak, w.peakRegistryBytesPerSecond());
    }
    return new PrepullPlan(
        pulls,
        waves,
        end,
        peak,
        registryBytes,
        foreignBytes,
        whole,
        skipped,
        naive(pulls, request),
        request.nodeBandwidth(),
        request.registryBandwidth(),
        targets,
        notes);
  }

  /** Per requested image, the platform a host pulls, or null when it runs none. */
  private PlatformLayers[] choose(HostPlatform host, List<ImageLayers> images) {
    PlatformLayers[] out = new PlatformLayers[images.size()];
    for (int i = 0; i < images.size(); i++) {
      out[i] = platformFor(host, images.get(i));
    }
    return out;
  }

  private PlatformLayers platformFor(HostPlatform host, ImageLayers image) {
    PlatformLayers best = null;
    for (PlatformLayers p : image.platforms()) {
      ImagePlatform ip = p.platform();
      if (ip.os() != host.os() || !compatibility.evaluate(host, ip).process().supported()) {
        continue;
      }
      if (best == null) {
        best = p;
      } else if (host.version() != null) {
        boolean exact = ip.version().sameBuild(host.version());
        boolean bestExact = best.platform().version().sameBuild(host.version());
        if ((exact && !bestExact)
            || (exact == bestExact && ip.version().compareTo(best.platform().version()) > 0)) {
          best = p;
        }
      }
    }
    return best;
  }

  /** Indices into {@code known} (and the platform chosen) of the images the node already holds. */
  private static List<Integer> presentKeys(FleetNode node, Map<String, Chosen> byNodeName) {
    if (node.images().isEmpty()) {
      return List.of();
    }
    Set<Integer> found = new java.util.TreeSet<>();
    for (NodeImage ni : node.images()) {
      for (String name : ni.names()) {
        Chosen c = byNodeName.get(normalize(name));
        if (c != null) {
          // The platform is known when the node names the image by its manifest digest.
          found.add(c.image() * 1024 + c.platform() + 1);
        }
      }
    }
    return List.copyOf(found);
  }

  private static String normalize(String name) {
    Optional<ImageReference> r = ImageReference.tryParse(name);
    if (r.isEmpty()) {
      return name;
    }
    ImageReference ref = r.get();
    if (ref.digest() != null) {
      return ref.name() + "@" + ref.digest();
    }
    return ref.name() + ":" + ref.effectiveTag();
  }

  private Need need(
      PlatformLayers[] chosen,
      List<ImageLayers> wanted,
      List<Integer> present,
      List<ImageLayers> known,
      HostPlatform host) {
    Set<String> have = new HashSet<>();
    for (int code : present) {
      ImageLayers image = known.get(code / 1024);
      int platform = code % 1024 - 1;
      PlatformLayers p = platform >= 0 ? image.platforms().get(platform) : platformFor(host, image);
      if (p != null) {
        for (Layer l : p.layers()) {
          have.add(l.digest());
        }
      }
    }
    Set<String> downloading = new HashSet<>();
    Set<String> kept = new HashSet<>();
    List<String> images = new ArrayList<>();
    long registry = 0;
    long foreign = 0;
    long skipped = 0;
    long whole = 0;
    int layers = 0;
    for (int i = 0; i < chosen.length; i++) {
      if (chosen[i] == null) {
        continue;
      }
      images.add(wanted.get(i).reference());
      for (Layer l : chosen[i].layers()) {
        whole += l.size();
        if (have.contains(l.digest())) {
          if (kept.add(l.digest())) {
            skipped += l.size();
          }
          continue;
        }
        if (!downloading.add(l.digest())) {
          continue; // shared with an image listed earlier: pulled once
        }
        layers++;
        if (l.foreign()) {
          foreign += l.size();
        } else {
          registry += l.size();
        }
      }
    }
    return new Need(images, registry, foreign, skipped, whole, layers);
  }

  /**
   * Waves: nodes sorted by how much they download (most first), as many per wave as the registry
   * can feed at full node bandwidth (and {@code maxConcurrent} allows). A wave lasts as long as its
   * slowest node, or as long as the registry needs for its bytes, whichever is longer.
   */
  private static List<Wave> waves(List<NodePull> pulls, PrepullRequest request) {
    double node = request.nodeBandwidth().bytesPerSecond();
    double registry = request.registryBandwidth().bytesPerSecond();
    int registrySlots = (int) Math.max(1, Math.floor(registry / node + 1e-9));
    int limit = request.maxConcurrent() > 0 ? request.maxConcurrent() : Integer.MAX_VALUE;
    List<NodePull> todo =
        pulls.stream()
            .filter(p -> p.totalBytes() > 0)
            .sorted(
                Comparator.comparingLong(NodePull::totalBytes)
                    .reversed()
                    .thenComparing(NodePull::node))
            .toList();
    List<Wave> waves = new ArrayList<>();
    double start = 0;
    int i = 0;
    while (i < todo.size()) {
      List<String> names = new ArrayList<>();
      int fromRegistry = 0;
      long reg = 0;
      long foreign = 0;
      double slowest = 0;
      while (i < todo.size() && names.size() < limit) {
        NodePull p = todo.get(i);
        if (p.registryBytes() > 0 && fromRegistry >= registrySlots) {
          break;
        }
        names.add(p.node());
        fromRegistry += p.registryBytes() > 0 ? 1 : 0;
        reg += p.registryBytes();
        foreign += p.foreignBytes();
        slowest = Math.max(slowest, p.seconds());
        i++;
      }
      double duration = Math.max(slowest, reg / registry);
      double peak = Math.min(registry, fromRegistry * node);
      names.sort(null);
      waves.add(new Wave(waves.size() + 1, names, start, start + duration, reg, foreign, peak));
      start += duration;
    }
    return waves;
  }

  /** Every node pulling at once, sharing the registry's bandwidth. */
  private static Naive naive(List<NodePull> pulls, PrepullRequest request) {
    double node = request.nodeBandwidth().bytesPerSecond();
    double registry = request.registryBandwidth().bytesPerSecond();
    long reg = 0;
    double slowest = 0;
    int fromRegistry = 0;
    for (NodePull p : pulls) {
      reg += p.registryBytes();
      slowest = Math.max(slowest, p.seconds());
      fromRegistry += p.registryBytes() > 0 ? 1 : 0;
    }
    double demand = fromRegistry * node;
    return new Naive(Math.max(slowest, reg / registry), demand, Math.min(registry, demand));
  }
}
