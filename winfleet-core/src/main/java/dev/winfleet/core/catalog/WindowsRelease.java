package dev.winfleet.core.catalog;

import dev.winfleet.core.version.OsVersion;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * One Windows release that hosts or runs containers, as the catalog data file describes it.
 *
 * @param id short stable identifier, e.g. {@code ws2019} or {@code win11-24h2}
 * @param name the product name, e.g. {@code Windows Server 2019}
 * @param aliases other human names
 * @param build the build number (the third part of {@code 10.0.17763})
 * @param tags container image tag aliases that mean this build ({@code ltsc2019}, {@code 1809});
 *     only on the server release whose images carry them
 * @param baseImages the base OS images Microsoft published for this build
 * @param endOfSupport end of (extended) support; null where the source gives none
 */
public record WindowsRelease(
    String id,
    String name,
    List<String> aliases,
    int build,
    Edition edition,
    Channel channel,
    String marketingVersion,
    List<String> tags,
    LocalDate released,
    LocalDate mainstreamEnd,
    LocalDate endOfSupport,
    List<BaseImage> baseImages,
    String source) {

  public WindowsRelease {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(edition, "edition of " + id);
    Objects.requireNonNull(channel, "channel of " + id);
    if (build <= 0 || build > 65535) {
      throw new IllegalArgumentException("build of " + id + " must be 1-65535, got " + build);
    }
    aliases = aliases == null ? List.of() : List.copyOf(aliases);
    tags = tags == null ? List.of() : List.copyOf(tags);
    baseImages = baseImages == null ? List.of() : List.copyOf(baseImages);
    marketingVersion = marketingVersion == null ? "" : marketingVersion;
    source = source == null ? "" : source;
  }

  /** {@code 10.0.<build>}, without revision. */
  public OsVersion version() {
    return OsVersion.ofBuild(build);
  }

  public boolean isServer() {
    return edition == Edition.SERVER;
  }

  /** The tag a Dockerfile should use for this release's base images, e.g. {@code ltsc2022}. */
  public String preferredTag() {
    return tags.isEmpty() ? version().buildString() : tags.get(0);
  }

  /** Whether Microsoft still supports this release on the given day. */
  public boolean supportedOn(LocalDate day) {
    return endOfSupport == null || !day.isAfter(endOfSupport);
  }
}
