package dev.winfleet.cli;

import dev.winfleet.core.image.Evidence;
import dev.winfleet.core.image.ImageMetadataSource;
import dev.winfleet.core.image.ImageReference;
import dev.winfleet.core.image.InspectedImage;
import dev.winfleet.core.image.InspectedImageSource;
import dev.winfleet.core.image.InvalidImageReferenceException;
import dev.winfleet.core.image.RegistryMirrors;
import dev.winfleet.registry.api.CredentialSource;
import dev.winfleet.registry.api.DockerConfigCredentials;
import dev.winfleet.registry.api.InspectOptions;
import dev.winfleet.registry.api.InspectionResult;
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
 * with the user's Docker credentials, reading every image of the input in one batch before the
 * rules run, falling back to tag hints and knowledge for what it cannot read.
 */
final class RegistryLookup {

  /** How long one image may take before the checker falls back to its tag. */
  static final Duration PER_IMAGE_BUDGET = Duration.ofSeconds(20);

  private RegistryLookup() {}

  /** The answers of one batch: the references as the manifests give them, with their results. */
  record Answers(List<String> given, List<InspectionResult> results) {}

  /**
   * Reads all these images in one batch, through the mirrors the nodes use; invalid references are
   * left out (image-reference-invalid reports them).
   */
  static Answers readAll(
      List<String> insecureRegistries,
      Path dockerConfig,
      RegistryMirrors mirrors,
      java.util.Collection<String> images,
      Instant deadline) {
    java.util.Set<String> insecure = new LinkedHashSet<>(insecureRegistries);
    insecure.addAll(mirrors.insecureHosts());
    InspectorConfig config =
        InspectorConfig.builder()
            .insecureRegistries(insecure)
            .credentials(credentials(dockerConfig))
            .build();
    List<String> given = new java.util.ArrayList<>();
    List<ImageReference> refs = new java.util.ArrayList<>();
    for (String image : images) {
      try {
        ImageReference ref = ImageReference.parse(image);
        refs.add(mirrors.mirrored(ref).orElse(ref));
        given.add(image);
      } catch (InvalidImageReferenceException e) {
        // not readable; image-reference-invalid reports it
      }
    }
    if (refs.isEmpty()) {
      return new Answers(List.of(), List.of());
    }
    try (RegistryInspector inspector = RegistryInspector.create(config)) {
      return new Answers(
          given, inspector.inspect(refs, InspectOptions.defaults().withDeadline(deadline)));
    }
  }

  /**
   * The registries' answers for all these images, read in one batch before the rules run, as facts;
   * what cannot be read keeps its tag hints and knowledge.
   */
  static ImageMetadataSource batch(
      List<String> insecureRegistries,
      Path dockerConfig,
      RegistryMirrors mirrors,
      java.util.Collection<String> images) {
    Duration budget = PER_IMAGE_BUDGET.plusSeconds(Math.min(100, images.size()));
    Answers answers =
        readAll(insecureRegistries, dockerConfig, mirrors, images, Instant.now().plus(budget));
    List<InspectedImage> facts = new java.util.ArrayList<>();
    for (int i = 0; i < answers.results().size(); i++) {
      facts.add(
          RegistryImageSource.toInspectedImage(answers.given().get(i), answers.results().get(i)));
    }
    return new InspectedImageSource(facts, ImageMetadataSource.tagHints(), Evidence.REGISTRY);
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
