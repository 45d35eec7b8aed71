package dev.winfleet.core.rules;

import static dev.winfleet.core.rules.RulesEngine.vars;

import dev.winfleet.core.catalog.PatchCatalog;
import dev.winfleet.core.compat.CompatibilityEngine;
import dev.winfleet.core.compat.ImagePlatform;
import dev.winfleet.core.compat.OsFamily;
import dev.winfleet.core.compat.PatchIncident;
import dev.winfleet.core.fleet.FleetNode;
import dev.winfleet.core.image.ImageProfile;
import dev.winfleet.core.placement.NodeVerdict;
import dev.winfleet.core.version.OsVersion;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Rules about monthly revisions: images of a newer update than the nodes they land on, and the
 * known incidents where that keeps them from starting.
 */
final class PatchRules {

  private PatchRules() {}

  /** A node of the image's build whose revision is below the image's. */
  private record Behind(FleetNode node, OsVersion image, Optional<PatchIncident> incident) {}

  static void imageAheadOfHost(PodContext pod, Reporter r) {
    CompatibilityEngine engine = pod.placementEngine().compatibility();
    List<NodeVerdict> landing = pod.placement().verdicts(v -> v.canLand() && v.node().isWindows());
    Set<String> seen = new LinkedHashSet<>();
    for (ContainerInfo c : pod.containers()) {
      if (!c.profile().isWindows() || !seen.add(c.image())) {
        continue;
      }
      List<Behind> behind = behind(engine, c.profile(), landing);
      if (behind.isEmpty()
          || (behind.size() == landing.size()
              && behind.stream().allMatch(b -> b.incident().isPresent()))) {
        continue; // none, or no node runs it: no-compatible-node denies with the fix
      }
      PatchCatalog patches = engine.patches();
      OsVersion image = behind.get(0).image();
      OsVersion oldest =
          behind.stream().map(b -> b.node().windowsVersion()).min(OsVersion::compareTo).get();
      int months = patches.monthsBetween(oldest, image);
      String ahead =
          months > 0
              ? "up to " + months + " monthly update" + (months == 1 ? "" : "s") + " ahead of"
              : "of a newer revision than";
      List<PatchIncident> incidents =
          behind.stream().flatMap(b -> b.incident().stream()).distinct().toList();
      String incident =
          incidents.isEmpty()
              ? ""
              : "; under known incident "
                  + incidents.get(0).id()
                  + " it does not start on "
                  + Describe.nodes(
                      behind.stream()
                          .filter(b -> b.incident().isPresent())
                          .map(Behind::node)
                          .toList())
                  + " ("
                  + String.join(" ", incidents.get(0).sources())
                  + ")";
      String target =
          patches
              .atOrBelow(image)
              .map(u -> u.kb() + " (" + u.version() + ", " + u.released() + ")")
              .orElse(image.toString());
      String advice =
          "Patch those nodes to "
              + target
              + " or later before rolling the image out (patch hosts first, then images), or keep"
              + " the image on the revision of the nodes (tag "
              + oldest
              + ")."
              + (incidents.isEmpty() ? "" : " Until then only Hyper-V isolation runs it.");
      r.report(
          c.imagePath(),
          c,
          vars(
              "imageVersion",
              patches.find(image).map(u -> image + ", " + u.label()).orElse(image.toString()),
              "ahead",
              ahead,
              "nodes",
              Describe.nodes(behind.stream().map(Behind::node).toList()),
              "incident",
              incident,
              "advice",
              advice));
    }
  }

  private static List<Behind> behind(
      CompatibilityEngine engine, ImageProfile profile, List<NodeVerdict> landing) {
    List<Behind> out = new ArrayList<>();
    for (NodeVerdict v : landing) {
      OsVersion host = v.node().windowsVersion();
      if (host == null || !host.hasRevision()) {
        continue;
      }
      for (ImagePlatform p : profile.platforms()) {
        OsVersion image = p.version();
        if (p.os() == OsFamily.WINDOWS
            && image != null
            && image.hasRevision()
            && image.sameBuild(host)
            && image.revision() > host.revision()) {
          out.add(new Behind(v.node(), image, engine.incident(host, image)));
          break;
        }
      }
    }
    return out;
  }

  /**
   * What no-compatible-node advises when a known incident is why the nodes do not run the image:
   * the update to install, not a rebuild on another release.
   */
  static Optional<String> incidentAdvice(
      PodContext pod, ImageProfile profile, List<FleetNode> nodes) {
    CompatibilityEngine engine = pod.placementEngine().compatibility();
    for (FleetNode n : nodes) {
      OsVersion host = n.windowsVersion();
      if (!n.isWindows() || host == null) {
        continue;
      }
      for (ImagePlatform p : profile.platforms()) {
        if (p.os() != OsFamily.WINDOWS || p.version() == null) {
          continue;
        }
        Optional<PatchIncident> incident = engine.incident(host, p.version());
        if (incident.isPresent()) {
          PatchIncident i = incident.get();
          String fix =
              i.kind() == PatchIncident.Kind.IMAGE_NEEDS_HOST
                  ? "Install "
                      + i.kb()
                      + " (or a later monthly update) on the nodes, or use an image older than "
                      + i.version()
                  : "Bring the nodes and the image to the same side of "
                      + i.version()
                      + " ("
                      + i.kb()
                      + ")";
          return Optional.of(
              fix
                  + ": known incident "
                  + i.id()
                  + " ("
                  + String.join(" ", i.sources())
                  + "). Hyper-V isolation would run it, but Kubernetes does not schedule Hyper-V"
                  + " isolated pods.");
        }
      }
    }
    return Optional.empty();
  }
}
