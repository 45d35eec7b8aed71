package dev.winfleet.cli;

import dev.winfleet.core.image.ImageMetadataSource;
import dev.winfleet.core.image.InspectedImageSource;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --images FILE}: a lock file or saved inspect result whose images are judged on its facts
 * instead of their tags. A picocli mixin; {@code --images-file} is the planners' older spelling.
 */
final class ImageFactsOptions {

  @Option(
      names = {"--images", "--images-file"},
      paramLabel = "FILE",
      description =
          "A lock file ('winfleet images lock') or saved 'winfleet inspect --json' result: its"
              + " images are judged on these facts, not on their tags.")
  Path imagesFile;

  boolean given() {
    return imagesFile != null;
  }

  /** The file's facts, or tag hints when no file was given. */
  ImageMetadataSource source() {
    return imagesFile == null
        ? ImageMetadataSource.tagHints()
        : InspectedImageSource.fromFile(FleetFiles.readImages(imagesFile));
  }
}
