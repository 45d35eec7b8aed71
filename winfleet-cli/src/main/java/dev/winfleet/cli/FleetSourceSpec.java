package dev.winfleet.cli;

import java.nio.file.Path;

/**
 * Where {@code winfleet serve} takes the fleet from.
 *
 * @param fleetFile {@code --fleet FILE}: a static fleet; null otherwise
 * @param kubeconfig {@code --kubeconfig FILE}; null with no fleet file means in-cluster config
 * @param context {@code --context}; null for the kubeconfig's current context
 */
record FleetSourceSpec(Path fleetFile, Path kubeconfig, String context) {
  boolean isStatic() {
    return fleetFile != null;
  }
}
