package dev.winfleet.cli;

import dev.winfleet.core.fleet.Fleet;
import java.nio.file.Path;

/** Reads the fleet of a live cluster through winfleet-kube. */
final class KubeFleet {

  private KubeFleet() {}

  static Fleet read(Path kubeconfig, String context) {
    throw new UserException("--kubeconfig is not available yet");
  }
}
