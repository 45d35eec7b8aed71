package dev.winfleet.core.planning;

import dev.winfleet.core.catalog.CatalogFiles;
import dev.winfleet.core.catalog.WindowsCatalog;
import dev.winfleet.core.image.ImageReference;
import dev.winfleet.core.image.InvalidImageReferenceException;
import dev.winfleet.core.version.OsVersion;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How image repositories spell the Windows release in their tags ({@code tag-schemes.yaml}), and
 * the image a reference becomes for another build. Pure and thread-safe.
 */
public final class TagSchemes {

  static final String RESOURCE = "/dev/winfleet/core/planning/tag-schemes.yaml";
  private static final String ANY = "*";

  /** The image a reference becomes for the target build. */
  public record Suggestion(
      String from, String to, String scheme, boolean ownImage, List<String> notes) {
    public Suggestion {
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(to, "to");
      notes = List.copyOf(notes);
    }
  }

  private record Scheme(
      String id,
      Set<String> repositories,
      boolean wholeTag,
      String flavour,
      Map<Integer, String> releases,
      String successor) {}

  private record Adjustment(
      String scheme, Set<String> repositories, Pattern tag, String replace, String note) {}

  private record Move(String to, String note) {}

  private final List<Scheme> schemes;
  private final List<Adjustment> adjustments;
  private final Map<String, Move> moved;
  private final List<String> publishers;
  private final Set<String> listedRepositories;
  private final Map<String, Integer> releaseTokens;

  private TagSchemes(
      List<Scheme> schemes,
      List<Adjustment> adjustments,
      Map<String, Move> moved,
      List<String> publishers,
      Map<String, Integer> releaseTokens) {
    this.schemes = List.copyOf(schemes);
    this.adjustments = List.copyOf(adjustments);
    this.moved = Map.copyOf(moved);
    this.publishers = List.copyOf(publishers);
    Set<String> listed = new HashSet<>();
    for (Scheme s : schemes) {
      listed.addAll(s.repositories());
    }
    listed.remove(ANY);
    this.listedRepositories = Set.copyOf(listed);
    this.releaseTokens = Map.copyOf(releaseTokens);
  }

  public static TagSchemes builtIn() {
    return BuiltIn.SCHEMES;
  }

  private static final class BuiltIn {
    static final TagSchemes SCHEMES = load(WindowsCatalog.builtIn());
  }

  static TagSchemes load(WindowsCatalog catalog) {
    SchemesFile file = CatalogFiles.read(RESOURCE, SchemesFile.class);
    List<Scheme> schemes = new ArrayList<>();
    Map<String, Integer> tokens = new HashMap<>(catalog.tagTokens());
    tokens.put("sac2016", 14393);
    Set<String> ids = new HashSet<>();
    for (SchemeEntry e : file.schemes) {
      if (!ids.add(e.id)) {
        throw new IllegalStateException(RESOURCE + ": scheme listed twice: " + e.id);
      }
      Set<String> repos = new HashSet<>();
      for (String r : e.repositories) {
        repos.add(r.equals(ANY) ? ANY : ImageReference.parse(r).name());
      }
      if (!e.match.equals("whole-tag") && !e.match.equals("release-token")) {
        throw new IllegalStateException(RESOURCE + ": " + e.id + ": unknown match " + e.match);
      }
      e.releases.forEach((b, t) -> tokens.putIfAbsent(t.toLowerCase(Locale.ROOT), b));
      schemes.add(
          new Scheme(
              e.id,
              repos,
              e.match.equals("whole-tag"),
              e.flavour == null ? null : e.flavour.toLowerCase(Locale.ROOT),
              Map.copyOf(e.releases),
              e.successor));
    }
    for (Scheme s : schemes) {
      if (s.successor() != null && !ids.contains(s.successor())) {
        throw new IllegalStateException(RESOURCE + ": unknown successor " + s.successor());
      }
    }
    List<Adjustment> adjustments = new ArrayList<>();
    for (AdjustmentEntry a : file.adjustments) {
      if (!ids.contains(a.scheme)) {
        throw new IllegalStateException(RESOURCE + ": adjustment for unknown scheme " + a.scheme);
      }
      Set<String> repos = new HashSet<>();
      for (String r : a.repositories) {
        repos.add(ImageReference.parse(r).name());
      }
      adjustments.add(new Adjustment(a.scheme, repos, Pattern.compile(a.tag), a.replace, a.note));
    }
    Map<String, Move> moved = new HashMap<>();
    for (MoveEntry m : file.moved) {
      String to = ImageReference.parse(m.to).name();
      boolean known = schemes.stream().anyMatch(s -> s.repositories().contains(to));
      if (!known) {
        throw new IllegalStateException(
            RESOURCE + ": " + m.from + " moved to " + to + ", no scheme");
      }
      moved.put(ImageReference.parse(m.from).name(), new Move(to, m.note));
    }
    List<String> publishers = new ArrayList<>();
    for (String p : file.publishers) {
      publishers.add(p.toLowerCase(Locale.ROOT));
    }
    return new TagSchemes(schemes, adjustments, moved, publishers, tokens);
  }

  static final class SchemesFile {
    public List<SchemeEntry> schemes = List.of();
    public List<AdjustmentEntry> adjustments = List.of();
    public List<MoveEntry> moved = List.of();
    public List<String> publishers = List.of();
  }

  static final class MoveEntry {
    public String from;
    public String to;
    public String note;
    public String source;
  }

  static final class SchemeEntry {
    public String id;
    public List<String> repositories = List.of();
    public String match;
    public String flavour;
    public Map<Integer, String> releases = Map.of();
    public String successor;
    public String source;
  }

  static final class AdjustmentEntry {
    public String scheme;
    public List<String> repositories = List.of();
    public String tag;
    public String replace;
    public String note;
    public String source;
  }

  /**
   * The image this reference becomes for the target build, when its repository follows a known
   * scheme and the tag names one of {@code currentBuilds}; empty otherwise (then winfleet does not
   * guess).
   *
   * @param reference as the manifest writes it
   * @param currentBuilds the builds the image is known to be for (tag hints or the registry)
   */
  public Optional<Suggestion> suggest(String reference, Set<Integer> currentBuilds, int target) {
    ImageReference ref;
    try {
      ref = ImageReference.parse(reference);
    } catch (InvalidImageReferenceException e) {
      return Optional.empty();
    }
    if (ref.tag() == null) {
      return Optional.empty();
    }
    Move move = moved.get(ref.name());
    String written = reference;
    if (move != null) {
      // The old repository publishes nothing new: the suggestion names the one it moved to.
      ImageReference to = ImageReference.parse(move.to());
      ref = new ImageReference(to.registry(), to.repository(), ref.tag(), null);
      written = ref.toString();
    }
    String name = ref.name();
    boolean listed = listedRepositories.contains(name);
    // A publisher's repository gets only the tags a scheme lists for it, never the spelling
    // winfleet suggests for images you build yourself: that tag might not exist.
    boolean publisher = publishers.stream().anyMatch(name.toLowerCase(Locale.ROOT)::startsWith);
    for (Scheme s : schemes) {
      boolean applies =
          s.repositories().contains(name)
              || (!listed && !publisher && s.repositories().contains(ANY));
      if (!applies) {
        continue;
      }
      Optional<Suggestion> found = apply(s, ref, written, currentBuilds, target);
      if (found.isPresent()) {
        Suggestion f = found.get();
        if (move == null) {
          return found;
        }
        List<String> notes = new ArrayList<>();
        if (move.note() != null) {
          notes.add(move.note());
        }
        notes.addAll(f.notes());
        return Optional.of(new Suggestion(reference, f.to(), f.scheme(), false, notes));
      }
    }
    return Optional.empty();
  }

  private Optional<Suggestion> apply(
      Scheme s, ImageReference ref, String reference, Set<Integer> current, int target) {
    String tag = ref.tag();
    String[] parts = tag.split("-", -1);
    if (s.flavour() != null && !containsIgnoreCase(parts, s.flavour())) {
      return Optional.empty();
    }
    String newTag;
    ImageReference base = ref;
    if (s.wholeTag()) {
      if (!namesBuild(parts[0], current) && !exactVersionOf(tag, current)) {
        return Optional.empty();
      }
      Scheme chosen = s;
      if (!s.releases().containsKey(target) && s.successor() != null) {
        chosen = byId(s.successor());
        String repo = chosen.repositories().iterator().next();
        ImageReference r = ImageReference.parse(repo);
        base = new ImageReference(r.registry(), r.repository(), null, null);
      }
      String token = chosen.releases().get(target);
      if (token == null) {
        return Optional.empty();
      }
      newTag = token;
    } else {
      int at = -1;
      for (int i = 0; i < parts.length; i++) {
        if (namesBuild(parts[i], current)) {
          if (at >= 0) {
            return Optional.empty(); // two release tokens: do not guess
          }
          at = i;
        }
      }
      String token = s.releases().get(target);
      if (at < 0 || token == null) {
        return Optional.empty();
      }
      parts[at] = token;
      newTag = String.join("-", parts);
    }
    List<String> notes = new ArrayList<>();
    for (Adjustment a : adjustments) {
      if (!a.scheme().equals(s.id()) || !a.repositories().contains(base.name())) {
        continue;
      }
      Matcher m = a.tag().matcher(newTag);
      if (!m.matches()) {
        continue;
      }
      String note = a.note() == null ? null : substitute(m, a.note());
      if (a.replace() != null) {
        newTag = m.replaceFirst(a.replace());
      }
      if (note != null) {
        notes.add(note);
      }
    }
    String to = base == ref ? retag(reference, ref, newTag) : base.withTag(newTag).toString();
    if (to.equals(reference)) {
      return Optional.empty();
    }
    return Optional.of(
        new Suggestion(reference, to, s.id(), s.repositories().contains(ANY), notes));
  }

  private static String substitute(Matcher m, String text) {
    String out = text;
    for (int g = m.groupCount(); g >= 1; g--) {
      out = out.replace("$" + g, m.group(g) == null ? "" : m.group(g));
    }
    return out;
  }

  private Scheme byId(String id) {
    return schemes.stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
  }

  private boolean namesBuild(String part, Set<Integer> builds) {
    Integer b = releaseTokens.get(part.toLowerCase(Locale.ROOT));
    return b != null && builds.contains(b);
  }

  private static boolean exactVersionOf(String tag, Set<Integer> builds) {
    return OsVersion.parseNumeric(tag)
        .map(v -> v.major() == 10 && builds.contains(v.build()))
        .orElse(false);
  }

  private static boolean containsIgnoreCase(String[] parts, String wanted) {
    for (String p : parts) {
      if (p.equalsIgnoreCase(wanted)) {
        return true;
      }
    }
    return false;
  }

  /** The reference as written, with only its tag changed (and any digest dropped). */
  private static String retag(String written, ImageReference ref, String newTag) {
    String s = written.trim();
    int at = s.indexOf('@');
    if (at >= 0) {
      s = s.substring(0, at);
    }
    String suffix = ":" + ref.tag();
    if (s.endsWith(suffix)) {
      return s.substring(0, s.length() - suffix.length()) + ":" + newTag;
    }
    return ref.withTag(newTag).toString();
  }
}
