package dev.winfleet.core.image;

import java.util.Objects;

/** Knows images from their references alone, through {@link ImageTagHints}. */
public final class TagHintImageSource implements ImageMetadataSource {

  private final ImageTagHints hints;

  public TagHintImageSource(ImageTagHints hints) {
    this.hints = Objects.requireNonNull(hints, "hints");
  }

  @Override
  public ImageProfile describe(String reference) {
    return ImageProfile.fromHint(reference, hints.hint(reference));
  }
}
