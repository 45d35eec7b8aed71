package dev.winfleet.cli;

import dev.winfleet.core.fleet.Fleet;
import dev.winfleet.core.fleet.FleetObjects;
import dev.winfleet.core.fleet.RuntimeClassSpec;
import dev.winfleet.core.manifest.ManifestFile;
import dev.winfleet.core.manifest.ManifestObject;
import dev.winfleet.core.manifest.ManifestReader;
import dev.winfleet.core.planning.DisruptionBudget;
import dev.winfleet.core.planning.Workload;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/** The inputs the planners share: the fleet (file or cluster) and the workload manifests. */
final class PlanInputs {

  private PlanInputs() {}

  /** The fleet from {@code --fleet} or {@code --kubeconfig}: exactly one of them. */
  static Fleet fleet(Path fleetFile, Path kubeconfig, String context) {
    if (fleetFile != null && kubeconfig != null) {
      throw new UserException("give either --fleet or --kubeconfig, not both");
    }
    if (fleetFile == null && kubeconfig == null) {
      throw new UserException(
          "the plan needs the nodes: give --fleet FILE ('kubectl get nodes,runtimeclasses -o yaml')"
              + " or --kubeconfig FILE");
    }
    if (context != null && kubeconfig == null) {
      throw new UserException("--context needs --kubeconfig");
    }
    Fleet fleet =
        fleetFile != null ? FleetFiles.readFleet(fleetFile) : KubeFleet.read(kubeconfig, context);
    if (!fleet.hasNodes()) {
      throw new UserException("the fleet lists no nodes; nothing to plan for");
    }
    return fleet;
  }

  /** What the workload manifests hold. */
  record Manifests(
      List<Workload> workloads, List<DisruptionBudget> budgets, List<RuntimeClassSpec> classes) {}

  /**
   * Reads the manifests (files, directories, {@code -}).
   *
   * @throws UserException for unreadable paths and broken YAML (with file and line)
   */
  static Manifests manifests(List<String> paths, InputStream stdin) {
    List<ManifestSources.Source> sources = ManifestSources.collect(paths);
    ManifestFile[] files = new ManifestFile[sources.size()];
    ManifestReader reader = ManifestReader.defaults();
    String[] texts = new String[sources.size()];
    for (int i = 0; i < sources.size(); i++) {
      texts[i] = ManifestSources.read(sources.get(i), stdin);
    }
    IntStream.range(0, sources.size())
        .parallel()
        .forEach(i -> files[i] = reader.read(sources.get(i).name(), texts[i]));
    List<Workload> workloads = new ArrayList<>();
    List<DisruptionBudget> budgets = new ArrayList<>();
    List<RuntimeClassSpec> classes = new ArrayList<>();
    for (ManifestFile f : files) {
      ManifestSources.refuseUnreadable(f, "");
      for (ManifestObject o : f.objects()) {
        if (o.kind().equals("RuntimeClass")) {
          classes.add(FleetObjects.runtimeClass(o.tree()));
        }
        DisruptionBudget.of(o).ifPresent(budgets::add);
        Workload.of(o).ifPresent(workloads::add);
      }
    }
    return new Manifests(workloads, budgets, classes);
  }
}
