package dev.winfleet.cli;

import dev.winfleet.core.image.ImageMetadataSource;
import dev.winfleet.registry.api.CredentialSource;
import dev.winfleet.registry.api.DockerConfigCredentials;
import dev.winfleet.registry.api.InspectOptions;
import dev.winfleet.registry.api.InspectorConfig;
import dev.winfleet.registry.api.RegistryImageSource;
import dev.winfleet.registry.api.RegistryInspector;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * Where {@code --registry-lookup} gets its {@link ImageMetadataSource}: the registry inspector,
 * with the user's Docker credentials, falling back to tag hints for what it cannot read.
 */
final class RegistryLookup {

  /** How long one image may take before the checker falls back to its tag. */
  static final Duration PER_IMAGE_BUDGET = Duration.ofSeconds(20);

  private RegistryLookup() {}

  /**
   * The registry-backed image source. The inspector lives as long as the process (a CLI run).
   *
   * @param insecureRegistries registries reached over plain HTTP
   * @param dockerConfig credentials file; null for the default location
   */
  static ImageMetadataSource source(List<String> insecureRegistries, Path dockerConfig) {
    InspectorConfig config =
        InspectorConfig.builder()
            .insecureRegistries(new LinkedHashSet<>(insecureRegistries))
            .credentials(credentials(dockerConfig))
            .build();
    RegistryInspector inspector = RegistryInspector.create(config);
    return new RegistryImageSource(
        inspector,
        () -> InspectOptions.defaults().withDeadline(Instant.now().plus(PER_IMAGE_BUDGET)),
        ImageMetadataSource.tagHints());
  }

  static CredentialSource credentials(Path dockerConfig) {
    Optional<Path> file =
        dockerConfig != null
            ? Optional.of(dockerConfig)
            : DockerConfigCredentials.defaultLocation();
    if (file.isEmpty()) {
      return CredentialSource.anonymous();
    }
    try {
      return DockerConfigCredentials.load(file.get());
    } catch (IllegalArgumentException e) {
      throw new UserException(e.getMessage() + " (fix it, or point --docker-config elsewhere)");
    }
  }
}
