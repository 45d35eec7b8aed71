package dev.winfleet.cli;

import dev.winfleet.core.fleet.Fleet;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * {@code --fleet FILE | --kubeconfig FILE [--context NAME]}: where a command reads the fleet's
 * Nodes and RuntimeClasses. A picocli mixin, so that {@code check}, {@code fleet} and the planners
 * spell, check and read them one way.
 */
final class FleetSourceOptions {

  @Option(
      names = "--fleet",
      paramLabel = "FILE",
      description =
          "Nodes and RuntimeClasses as 'winfleet fleet export' or 'kubectl get"
              + " nodes,runtimeclasses -o yaml' wrote them.")
  Path fleetFile;

  @Option(
      names = "--kubeconfig",
      paramLabel = "FILE",
      description = "Read the fleet from the live cluster of this kubeconfig.")
  Path kubeconfig;

  @Option(
      names = "--context",
      paramLabel = "NAME",
      description = "The kubeconfig context to use (default: its current context).")
  String context;

  /** Refuses both sources at once, and a context without a kubeconfig. */
  void validate() {
    if (fleetFile != null && kubeconfig != null) {
      throw new UserException("give either --fleet or --kubeconfig, not both");
    }
    if (context != null && kubeconfig == null) {
      throw new UserException("--context needs --kubeconfig");
    }
  }

  /** The fleet when one was named, else empty. */
  Optional<Fleet> readIfGiven() {
    validate();
    if (fleetFile != null) {
      return Optional.of(FleetFiles.readFleet(fleetFile));
    }
    if (kubeconfig != null) {
      return Optional.of(KubeFleet.read(kubeconfig, context));
    }
    return Optional.empty();
  }

  /** The fleet, which must be named and have nodes: the planners have nothing to plan without. */
  Fleet readRequired() {
    Fleet fleet =
        readIfGiven()
            .orElseThrow(
                () ->
                    new UserException(
                        "the plan needs the nodes: give --fleet FILE ('kubectl get"
                            + " nodes,runtimeclasses -o yaml') or --kubeconfig FILE"));
    if (!fleet.hasNodes()) {
      throw new UserException("the fleet lists no nodes; nothing to plan for");
    }
    return fleet;
  }

  /** The fleet, from kubectl's default kubeconfig ($KUBECONFIG, then ~/.kube/config) if unnamed. */
  Fleet readOrDefaultKubeconfig() {
    if (fleetFile == null && kubeconfig == null) {
      kubeconfig =
          Kubeconfigs.defaultPath()
              .orElseThrow(
                  () ->
                      new UserException(
                          "name the fleet: --fleet FILE (as 'winfleet fleet export' writes it)"
                              + " or --kubeconfig FILE for a live cluster (there is no"
                              + " $KUBECONFIG or ~/.kube/config)"));
    }
    return readIfGiven().orElseThrow();
  }
}
