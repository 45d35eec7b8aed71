package dev.winfleet.cli;

import dev.winfleet.core.image.ImageMetadataSource;

/**
 * The seam where {@code --registry-lookup} gets its {@link ImageMetadataSource}: the registry
 * inspector (winfleet-registry) answers with the platforms each reference has, falling back to tag
 * hints for what it cannot reach. Until that module is wired in, the option says so.
 */
final class RegistryLookup {

  private RegistryLookup() {}

  /**
   * The registry-backed image source.
   *
   * @throws UserException while this build has no registry inspector
   */
  static ImageMetadataSource source() {
    throw new UserException(
        "--registry-lookup is not available in this build yet (the registry inspector is not"
            + " wired in); save 'winfleet inspect --json' results and pass them with --images FILE");
  }
}
