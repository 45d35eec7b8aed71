package dev.winfleet.cli;

import dev.winfleet.core.fleet.FleetObjects;
import dev.winfleet.core.fleet.RuntimeClassSpec;
import dev.winfleet.core.manifest.ManifestFile;
import dev.winfleet.core.manifest.ManifestObject;
import dev.winfleet.core.manifest.ManifestReader;
import dev.winfleet.core.planning.DisruptionBudget;
import dev.winfleet.core.planning.Workload;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/** The workload manifests the planners read (the fleet: {@link FleetSourceOptions}). */
final class PlanInputs {

  private PlanInputs() {}

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
