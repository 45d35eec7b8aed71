package dev.winfleet.cli;

import dev.winfleet.core.cluster.ClusterSnapshot;
import dev.winfleet.core.manifest.ManifestFile;
import dev.winfleet.core.manifest.ManifestObject;
import dev.winfleet.core.manifest.ManifestReader;
import dev.winfleet.core.manifest.ReadProblem;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads cluster dumps ({@code kubectl get nodes,daemonsets,deployments,configmaps,services -A -o
 * yaml}) into a snapshot, keeping every object's file and positions.
 */
final class ClusterDumps {

  /** A snapshot and how many files and objects it came from. */
  record Dump(ClusterSnapshot snapshot, int files, int objects) {}

  private ClusterDumps() {}

  /**
   * @throws UserException for unreadable paths or broken YAML (a dump is input, not a subject)
   */
  static Dump read(List<String> paths, InputStream stdin) {
    List<ManifestSources.Source> sources = ManifestSources.collect(paths);
    List<ManifestObject> objects = new ArrayList<>();
    for (ManifestSources.Source source : sources) {
      ManifestFile file =
          ManifestReader.defaults().read(source.name(), ManifestSources.read(source, stdin));
      for (ReadProblem p : file.problems()) {
        if (p.kind() == ReadProblem.Kind.SYNTAX) {
          throw new UserException(
              "--dump "
                  + source.name()
                  + ": line "
                  + p.position().line()
                  + ": "
                  + p.message()
                  + "; export the cluster again with 'kubectl get"
                  + " nodes,daemonsets,deployments,configmaps,services -A -o yaml'");
        }
      }
      objects.addAll(file.objects());
    }
    if (objects.isEmpty()) {
      throw new UserException(
          "--dump holds no Kubernetes objects; export them with 'kubectl get"
              + " nodes,daemonsets,deployments,configmaps,services -A -o yaml > cluster.yaml'");
    }
    return new Dump(ClusterSnapshot.fromObjects(objects, null), sources.size(), objects.size());
  }
}
