package dev.winfleet.core.image;

import dev.winfleet.core.catalog.PatchCatalog;
import dev.winfleet.core.version.OsVersion;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Floating tags ({@code ltsc2019}, {@code 4.8-windowsservercore-ltsc2019}) and their dated siblings
 * ({@code 10.0.17763.7136}, {@code 4.8-20250513-windowsservercore-ltsc2019}): whether the floating
 * tag serves an older Windows revision than its newest dated sibling, as the {@code ltsc2019} tags
 * did in April 2025 (microsoft/Windows-Containers#583; Microsoft advised explicit version tags or
 * digests).
 *
 * <p>Pure: the caller lists the tags and reads the versions.
 */
public final class FloatingTags {

  /** Where the lag was seen and Microsoft's advice given. */
  public static final String SOURCE = "https://github.com/microsoft/Windows-Containers/issues/583";

  private static final Pattern VERSION_TAG =
      Pattern.compile("10\\.0\\.(\\d{1,5})\\.(\\d{1,9})(-.*)?");
  private static final Pattern DATE_TOKEN = Pattern.compile("(?:^|-)(20\\d{6})(?=-|$)");
  private static final Pattern KB_TOKEN = Pattern.compile("(?i)(?:^|[-_])KB\\d{6,8}(?=[-_]|$)");

  private FloatingTags() {}

  /** A floating tag that serves an older revision than its newest dated sibling. */
  public record Stale(
      String tag, OsVersion served, String sibling, OsVersion siblingVersion, int monthsBehind) {
    public Stale {
      Objects.requireNonNull(tag, "tag");
      Objects.requireNonNull(served, "served");
      Objects.requireNonNull(sibling, "sibling");
      Objects.requireNonNull(siblingVersion, "siblingVersion");
    }

    /** In words, with the fix. */
    public String message() {
      return "the floating tag '"
          + tag
          + "' serves "
          + served
          + " but its dated sibling '"
          + sibling
          + "' is "
          + siblingVersion
          + (monthsBehind > 0
              ? " (" + monthsBehind + " monthly update" + (monthsBehind == 1 ? "" : "s") + " newer)"
              : "")
          + "; pull by the dated tag or by digest, as Microsoft advised when the ltsc2019 tags"
          + " lagged ("
          + SOURCE
          + ")";
    }
  }

  /** Whether a tag names a fixed patch level: a full version, a date or a KB number. */
  public static boolean isDated(String tag) {
    return VERSION_TAG.matcher(tag).matches()
        || DATE_TOKEN.matcher(tag).find()
        || KB_TOKEN.matcher(tag).find();
  }

  /**
   * The newest version-named sibling of a build ({@code 10.0.17763.7136}, {@code
   * 10.0.17763.7136-amd64}), its version read from the tag itself.
   */
  public static Optional<Map.Entry<String, OsVersion>> newestVersionTag(
      List<String> tags, int build) {
    TreeMap<OsVersion, String> found = new TreeMap<>();
    for (String t : tags) {
      Matcher m = VERSION_TAG.matcher(t);
      if (m.matches() && Integer.parseInt(m.group(1)) == build) {
        OsVersion v = new OsVersion(10, 0, build, Integer.parseInt(m.group(2)));
        found.merge(v, t, (a, b) -> a.length() <= b.length() ? a : b);
      }
    }
    return found.isEmpty()
        ? Optional.empty()
        : Optional.of(Map.entry(found.lastEntry().getValue(), found.lastKey()));
  }

  /**
   * The newest sibling that is the floating tag with a date inserted ({@code
   * 4.8-20250513-windowsservercore-ltsc2019} for {@code 4.8-windowsservercore-ltsc2019}): its
   * version must be read from the registry.
   */
  public static Optional<String> newestDatedSibling(String floating, List<String> tags) {
    String newest = null;
    String newestDate = null;
    for (String t : tags) {
      Matcher m = DATE_TOKEN.matcher(t);
      if (!m.find()) {
        continue;
      }
      String date = m.group(1);
      String without = (t.substring(0, m.start()) + t.substring(m.end())).replaceFirst("^-", "");
      if (without.equals(floating) && (newestDate == null || date.compareTo(newestDate) > 0)) {
        newest = t;
        newestDate = date;
      }
    }
    return Optional.ofNullable(newest);
  }

  /** The finding, when the floating tag serves an older revision of the same build. */
  public static Optional<Stale> judge(
      String tag,
      OsVersion served,
      String sibling,
      OsVersion siblingVersion,
      PatchCatalog patches) {
    if (!served.sameBuild(siblingVersion)
        || !served.hasRevision()
        || !siblingVersion.hasRevision()
        || served.revision() >= siblingVersion.revision()) {
      return Optional.empty();
    }
    return Optional.of(
        new Stale(
            tag, served, sibling, siblingVersion, patches.monthsBetween(served, siblingVersion)));
  }
}
