package dev.winfleet.registry.api;

import dev.winfleet.core.image.Evidence;
import dev.winfleet.core.image.ImageMetadataSource;
import dev.winfleet.core.image.ImageProfile;
import dev.winfleet.core.image.ImageReference;
import dev.winfleet.core.image.InspectedImage;
import dev.winfleet.core.image.InspectedImageSource;
import dev.winfleet.core.image.InvalidImageReferenceException;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Answers the rules' and placement's "what is this image?" by asking its registry through the
 * inspector, so the checker and the webhook learn an image's real platforms instead of guessing
 * from its tag. References that cannot be read fall back to the given source (tag hints), without
 * turning "nothing in the name says Windows" into "Linux" for an image nobody could read.
 */
public final class RegistryImageSource implements ImageMetadataSource {

  private final RegistryInspector inspector;
  private final Supplier<InspectOptions> options;
  private final ImageMetadataSource fallback;

  /**
   * @param options asked once per lookup, so that a deadline can be computed per request
   */
  public RegistryImageSource(
      RegistryInspector inspector, Supplier<InspectOptions> options, ImageMetadataSource fallback) {
    this.inspector = Objects.requireNonNull(inspector, "inspector");
    this.options = Objects.requireNonNull(options, "options");
    this.fallback = Objects.requireNonNull(fallback, "fallback");
  }

  @Override
  public ImageProfile describe(String reference) {
    ImageReference ref;
    try {
      ref = ImageReference.parse(reference);
    } catch (InvalidImageReferenceException e) {
      return fallback.describe(reference);
    }
    InspectionResult result = inspector.inspect(List.of(ref), options.get()).get(0);
    return new InspectedImageSource(
            List.of(toInspectedImage(reference, result)), fallback, Evidence.REGISTRY)
        .describe(reference);
  }

  /** An inspection result in the core's form, which is also the {@code inspect --json} contract. */
  public static InspectedImage toInspectedImage(String asGiven, InspectionResult result) {
    if (result instanceof InspectionResult.Inspected ok) {
      List<InspectedImage.InspectedPlatform> platforms =
          ok.platforms().stream()
              .map(
                  p ->
                      new InspectedImage.InspectedPlatform(
                          p.platform().os(),
                          p.platform().architecture(),
                          p.platform().osVersion(),
                          p.digest(),
                          p.layerCount(),
                          p.compressedSize(),
                          p.foreignLayerCount()))
              .toList();
      return new InspectedImage(asGiven, ok.digest(), ok.mediaType(), platforms, null);
    }
    RegistryError error = ((InspectionResult.Failed) result).error();
    return new InspectedImage(asGiven, null, null, List.of(), error.message());
  }
}
