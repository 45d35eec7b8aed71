package dev.winfleet.core.compat;

import dev.winfleet.core.catalog.WindowsUpdate;
import dev.winfleet.core.version.OsVersion;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How a host's and an image's monthly revisions relate: the update each carries, how many monthly
 * updates each is behind the newest winfleet knows, whether the image is ahead of the host, and the
 * known incident that applies, if any.
 *
 * @param hostUpdate the update that brought the host's revision, when winfleet knows it
 * @param imageUpdate likewise for the image
 * @param hostAgeMonths monthly updates of the build newer than the host's revision
 * @param imageAgeMonths likewise for the image
 * @param monthsImageAhead monthly updates between the host's revision and the image's (0 if none)
 */
public record PatchAssessment(
    OsVersion host,
    OsVersion image,
    Optional<WindowsUpdate> hostUpdate,
    Optional<WindowsUpdate> imageUpdate,
    OptionalInt hostAgeMonths,
    OptionalInt imageAgeMonths,
    int monthsImageAhead,
    Optional<PatchIncident> incident) {

  public PatchAssessment {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(hostUpdate, "hostUpdate");
    Objects.requireNonNull(imageUpdate, "imageUpdate");
    Objects.requireNonNull(hostAgeMonths, "hostAgeMonths");
    Objects.requireNonNull(imageAgeMonths, "imageAgeMonths");
    Objects.requireNonNull(incident, "incident");
  }

  /** Same build, both revisions known, and the image's revision above the host's. */
  public boolean imageAhead() {
    return host.sameBuild(image)
        && host.hasRevision()
        && image.hasRevision()
        && image.revision() > host.revision();
  }
}
