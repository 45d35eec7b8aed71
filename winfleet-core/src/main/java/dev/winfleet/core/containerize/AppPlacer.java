package dev.winfleet.core.containerize;

import dev.winfleet.core.admission.AdmissionPlanner;
import dev.winfleet.core.admission.AdmissionSettings;
import dev.winfleet.core.admission.PodMutation;
import dev.winfleet.core.catalog.KubernetesWindowsCatalog;
import dev.winfleet.core.catalog.WindowsCatalog;
import dev.winfleet.core.compat.ImagePlatform;
import dev.winfleet.core.fleet.Fleet;
import dev.winfleet.core.fleet.FleetNode;
import dev.winfleet.core.fleet.FleetObjects;
import dev.winfleet.core.fleet.Taint;
import dev.winfleet.core.fleet.Toleration;
import dev.winfleet.core.fleet.WindowsNodeTaints;
import dev.winfleet.core.image.Evidence;
import dev.winfleet.core.image.ImageMetadataSource;
import dev.winfleet.core.image.ImageProfile;
import dev.winfleet.core.manifest.ManifestObject;
import dev.winfleet.core.rules.CheckEnvironment;
import dev.winfleet.core.rules.RuleSelection;
import dev.winfleet.core.rules.Severity;
import dev.winfleet.core.version.OsVersion;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Places an app's pods with the webhook's own decisions ({@link AdmissionPlanner#mutation}): the
 * app image is known to be Windows of its base image's build, and the target's nodes are the fleet.
 * Every build that runs the image with process isolation is named; nodes of the others are left out
 * with a warning.
 */
final class AppPlacer {

  private final AdmissionPlanner planner;
  private final WindowsCatalog catalog;
  private final WindowsNodeTaints windowsTaints;

  AppPlacer(AdmissionPlanner planner, WindowsCatalog catalog, WindowsNodeTaints windowsTaints) {
    this.planner = planner;
    this.catalog = catalog;
    this.windowsTaints = windowsTaints;
  }

  static AppPlacer builtIn() {
    return new AppPlacer(
        AdmissionPlanner.builtIn(), WindowsCatalog.builtIn(), WindowsNodeTaints.builtIn());
  }

  AppPlacement place(TargetPlatform target, String appImage, ImageChoice runtime) {
    OsVersion imageBuild = OsVersion.ofBuild(runtime.imageBuild());
    ImageProfile app =
        ImageProfile.fromPlatforms(
            appImage,
            List.of(ImagePlatform.windows(imageBuild)),
            Evidence.KNOWLEDGE,
            "built FROM " + runtime.reference());
    ImageMetadataSource images =
        ref -> ref.equals(appImage) ? app : ImageProfile.unknown(ref, "not the image of this app");
    Map<String, Object> pod =
        Map.of(
            "apiVersion",
            "v1",
            "kind",
            "Pod",
            "metadata",
            Map.of("name", "app"),
            "spec",
            Map.of("containers", List.of(Map.of("name", "app", "image", appImage))));
    CheckEnvironment env =
        new CheckEnvironment(
            new Fleet(target.nodes(), List.of()),
            images,
            KubernetesWindowsCatalog.builtIn().releases().stream()
                .map(KubernetesWindowsCatalog.Release::version)
                .toList(),
            RuleSelection.ALL,
            true);
    PodMutation m =
        planner.mutation(
            ManifestObject.of(pod),
            env,
            new AdmissionSettings(false, windowsTaints.taints(), Severity.ERROR));
    if (m.outcome() != PodMutation.Outcome.WINDOWS) {
      String image = runtime.reference() + " (" + catalog.describe(imageBuild) + ")";
      throw new ContainerizeException(
          p ->
              "no Windows node of the target runs "
                  + image
                  + " with process isolation; give the nodes' Windows build ("
                  + p.apply(ContainerizeException.Parameter.TARGET)
                  + ")",
          true);
    }
    Set<String> placedBuilds = new TreeSet<>();
    Optional.ofNullable(m.nodeSelector().get(FleetObjects.WINDOWS_BUILD_LABEL))
        .ifPresent(placedBuilds::add);
    if (m.buildRequirement() != null) {
      placedBuilds.addAll(m.buildRequirement().values());
    }
    TreeMap<OsVersion, List<FleetNode>> placed = new TreeMap<>();
    TreeMap<OsVersion, List<FleetNode>> leftOut = new TreeMap<>();
    for (FleetNode n : target.nodes()) {
      OsVersion b = n.windowsVersion().withoutRevision();
      (placedBuilds.contains(b.buildString()) ? placed : leftOut)
          .computeIfAbsent(b, x -> new ArrayList<>())
          .add(n);
    }
    List<String> reasons = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    String builds =
        placed.keySet().stream().map(catalog::describe).collect(Collectors.joining(", "));
    reasons.add(
        (placed.size() == 1
                ? "nodeSelector node.kubernetes.io/windows-build: "
                    + placed.firstKey().buildString()
                : "required node affinity node.kubernetes.io/windows-build In ["
                    + String.join(", ", placedBuilds)
                    + "]")
            + ": process isolation runs the image, built on "
            + catalog.describe(imageBuild)
            + ", on hosts of "
            + builds
            + " (Microsoft's Windows container version compatibility)");
    for (Map.Entry<OsVersion, List<FleetNode>> e : leftOut.entrySet()) {
      warnings.add(
          "node(s) "
              + names(e.getValue())
              + " run "
              + catalog.describe(e.getKey())
              + ", which cannot run an image built on "
              + imageBuild.buildString()
              + " with process isolation: left out; for an image for them run again with"
              + " --target "
              + e.getKey().buildString()
              + " instead of --fleet");
    }
    if (m.tolerations().isEmpty()) {
      reasons.add("no toleration: those nodes carry no taint known to mark Windows nodes");
    } else {
      reasons.add(
          "toleration(s) "
              + m.tolerations().stream().map(AppPlacer::describe).collect(Collectors.joining(", "))
              + ": taints that mark Windows nodes (windows-node-taints.yaml), to keep other pods"
              + " off them");
    }
    Set<String> foreign = new LinkedHashSet<>();
    for (List<FleetNode> nodes : placed.values()) {
      for (FleetNode n : nodes) {
        for (Taint t : n.taints()) {
          if (t.effect().blocksScheduling()
              && !windowsTaints.marksWindows(t)
              && !t.key().startsWith("node.kubernetes.io/")
              && !t.key().startsWith("node.cloudprovider.kubernetes.io/")) {
            foreign.add(t + " on " + n.name());
          }
        }
      }
    }
    if (!foreign.isEmpty()) {
      warnings.add(
          "taints not tolerated (they do not mark Windows nodes; add tolerations yourself if the"
              + " app belongs there): "
              + String.join(", ", foreign));
    }
    return new AppPlacement(
        m.nodeSelector(),
        Optional.ofNullable(m.buildRequirement()),
        m.tolerations(),
        List.copyOf(placed.keySet()),
        reasons,
        warnings);
  }

  private static String describe(Toleration t) {
    return t.key() + "=" + t.value() + ":" + t.effect().wireName();
  }

  private static String names(List<FleetNode> nodes) {
    return nodes.stream().map(FleetNode::name).collect(Collectors.joining(", "));
  }
}
