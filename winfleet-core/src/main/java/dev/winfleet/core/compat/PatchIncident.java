package dev.winfleet.core.compat;

import dev.winfleet.core.version.OsVersion;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A known case where a host and an image of the same build but different monthly revisions did not
 * run together with process isolation, read from {@code patch-incidents.yaml} with its sources.
 *
 * @param revision the revision the incident turns on ({@code 3194} in {@code 10.0.26100.3194})
 * @param kb the update that brings that revision: what to install
 */
public record PatchIncident(
    String id,
    Kind kind,
    int build,
    int revision,
    String kb,
    String summary,
    List<String> sources) {

  /** How the revision splits hosts and images. */
  public enum Kind {
    /** An image at or above the revision needs a host at or above it. */
    IMAGE_NEEDS_HOST,
    /** A host and an image on opposite sides of the revision do not mix. */
    BASELINE;

    static Kind parse(String text) {
      return switch (text == null ? "" : text.trim().toLowerCase(Locale.ROOT)) {
        case "imageneedshost" -> IMAGE_NEEDS_HOST;
        case "baseline" -> BASELINE;
        default ->
            throw new IllegalArgumentException(
                "kind must be imageNeedsHost or baseline, got " + text);
      };
    }
  }

  public PatchIncident {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind of " + id);
    Objects.requireNonNull(kb, "kb of " + id);
    Objects.requireNonNull(summary, "summary of " + id);
    sources = List.copyOf(sources);
    if (sources.isEmpty()) {
      throw new IllegalArgumentException("incident " + id + " needs at least one source");
    }
  }

  /** {@code 10.0.<build>.<revision>}. */
  public OsVersion version() {
    return new OsVersion(10, 0, build, revision);
  }

  /**
   * Whether this incident applies to a host and an image: same build as the incident and both
   * revisions known.
   */
  public boolean matches(OsVersion host, OsVersion image) {
    if (host.major() != 10
        || host.minor() != 0
        || !host.sameBuild(image)
        || host.build() != build
        || !host.hasRevision()
        || !image.hasRevision()) {
      return false;
    }
    boolean hostAt = host.revision() >= revision;
    boolean imageAt = image.revision() >= revision;
    return switch (kind) {
      case IMAGE_NEEDS_HOST -> imageAt && !hostAt;
      case BASELINE -> hostAt != imageAt;
    };
  }
}
