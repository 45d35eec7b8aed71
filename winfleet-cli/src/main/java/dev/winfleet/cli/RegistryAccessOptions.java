package dev.winfleet.cli;

import dev.winfleet.registry.api.InspectorConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * {@code --insecure-registry HOST:PORT... --docker-config FILE}: how a command reaches registries.
 * A picocli mixin shared by every command that reads images from registries.
 */
final class RegistryAccessOptions {

  @Option(
      names = "--insecure-registry",
      paramLabel = "HOST:PORT",
      description =
          "Reach this registry over plain HTTP (repeatable). Only such a registry may name a"
              + " plain-HTTP token realm, and only on its own host.")
  List<String> insecureRegistries = new ArrayList<>();

  @Option(
      names = "--docker-config",
      paramLabel = "FILE",
      description =
          "Docker config.json with credentials (default: $DOCKER_CONFIG/config.json or"
              + " ~/.docker/config.json).")
  Path dockerConfig;

  /** An inspector configuration with these registries and credentials. */
  InspectorConfig.Builder inspectorConfig() {
    return InspectorConfig.builder()
        .insecureRegistries(new LinkedHashSet<>(insecureRegistries))
        .credentials(RegistryLookup.credentials(dockerConfig));
  }

  /** Whether any of these options was given. */
  boolean given() {
    return !insecureRegistries.isEmpty() || dockerConfig != null;
  }
}
