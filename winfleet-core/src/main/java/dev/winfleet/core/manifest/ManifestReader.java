package dev.winfleet.core.manifest;

import dev.winfleet.core.manifest.ReadProblem.Kind;
import dev.winfleet.core.manifest.SourcePositions.Entry;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.MappingStartEvent;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.events.SequenceStartEvent;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads Kubernetes manifests (YAML, multi-document YAML, JSON) into {@link ManifestObject}s with
 * the line and column of every field.
 *
 * <p>Safe by construction: it composes SnakeYAML's node graph and converts it itself, so no tag
 * ever instantiates a class; tags other than YAML's core types are reported; aliases, nesting and
 * document size are bounded by {@link Limits}; duplicate keys are reported (the last value is
 * kept). {@code kind: List} is unpacked into its items. Broken text becomes a {@link ReadProblem}
 * with the parser's words, and what was read before it is kept.
 *
 * <p>Thread-safe: every call builds its own parser.
 */
public final class ManifestReader {

  /**
   * Safety limits.
   *
   * @param maxDocumentChars the largest document, in characters
   * @param maxAliases how many aliases to maps or lists a file may use (billion laughs)
   * @param maxDepth how deeply maps and lists may nest
   * @param maxNodes how many values one document may expand to, aliases included
   */
  public record Limits(int maxDocumentChars, int maxAliases, int maxDepth, int maxNodes) {
    public Limits {
      if (maxDocumentChars < 1 || maxAliases < 0 || maxDepth < 1 || maxNodes < 1) {
        throw new IllegalArgumentException("limits must be positive");
      }
    }

    /** 16 Mi characters per document, 50 aliases, depth 64, a million values. */
    public static Limits defaults() {
      return new Limits(16 * 1024 * 1024, 50, 64, 1_000_000);
    }
  }

  private static final Set<String> CORE_TAGS =
      Set.of(
          Tag.STR.getValue(),
          Tag.INT.getValue(),
          Tag.FLOAT.getValue(),
          Tag.BOOL.getValue(),
          Tag.NULL.getValue(),
          Tag.MAP.getValue(),
          Tag.SEQ.getValue(),
          Tag.TIMESTAMP.getValue(),
          Tag.BINARY.getValue(),
          Tag.MERGE.getValue(),
          Tag.OMAP.getValue(),
          Tag.PAIRS.getValue(),
          Tag.SET.getValue());

  private final Limits limits;

  /**
   * Plain scalars that need YAML's type regexes ("8080", "250m", "1Gi"), with their values:
   * manifests repeat them, and the regexes were a tenth of reading a large corpus. Values are
   * immutable (strings, numbers, booleans; {@link #NULL} for null); bounded, per reader.
   */
  private final java.util.concurrent.ConcurrentHashMap<String, Object> typedScalars =
      new java.util.concurrent.ConcurrentHashMap<>();

  private static final Object NULL = new Object();
  private static final int TYPED_SCALARS_MAX = 4096;

  public ManifestReader(Limits limits) {
    this.limits = limits;
  }

  /** A reader with {@link Limits#defaults()}. */
  public static ManifestReader defaults() {
    return new ManifestReader(Limits.defaults());
  }

  /**
   * Reads every document of a file's text.
   *
   * @param source the file as the user named it; it is what findings will show
   */
  public ManifestFile read(String source, String text) {
    // Most manifests are plain block YAML, which a direct reader goes through several times faster
    // than SnakeYAML; it gives up on anything else, and SnakeYAML reads the file.
    ManifestFile plain = PlainBlockReader.read(source, text, this);
    if (plain != null) {
      return plain;
    }
    ManifestFile file = readWithSnakeYaml(source, text);
    if (!file.problems().isEmpty()
        && file.problems().get(file.problems().size() - 1).kind() == Kind.SYNTAX
        && isTabbedJson(text)) {
      // JSON indented with tabs, which kubectl reads (it decodes JSON as JSON) and SnakeYAML,
      // a YAML 1.1 reader, refuses. Valid JSON has tabs only between tokens (a tab inside a
      // string must be written \t), so a space in place of each leaves every value, line and
      // column as it was.
      return readWithSnakeYaml(source, text.replace('\t', ' '));
    }
    return file;
  }

  /** Whether the text is one JSON value with a tab somewhere: strict JSON, checked by Jackson. */
  private static boolean isTabbedJson(String text) {
    int first = 0;
    while (first < text.length() && Character.isWhitespace(text.charAt(first))) {
      first++;
    }
    if (first == text.length()
        || (text.charAt(first) != '{' && text.charAt(first) != '[')
        || text.indexOf('\t') < 0) {
      return false;
    }
    try (com.fasterxml.jackson.core.JsonParser p = JSON.createParser(text)) {
      while (p.nextToken() != null) {
        // reads the whole value: a syntax error throws
      }
      return true;
    } catch (java.io.IOException e) {
      return false;
    }
  }

  private static final com.fasterxml.jackson.core.JsonFactory JSON =
      new com.fasterxml.jackson.core.JsonFactory();

  /** {@link #read} through SnakeYAML, whatever the text holds. */
  ManifestFile readWithSnakeYaml(String source, String text) {
    LoaderOptions options = new LoaderOptions();
    options.setMaxAliasesForCollections(limits.maxAliases());
    options.setNestingDepthLimit(limits.maxDepth());
    options.setCodePointLimit(limits.maxDocumentChars());
    options.setProcessComments(false);
    // Not SnakeYAML's StreamReader: it is quadratic in the length of one scalar (WholeTextReader).
    Parser parser = new ParserImpl(new WholeTextReader(text), options);
    List<ManifestObject> objects = new ArrayList<>();
    List<ReadProblem> problems = new ArrayList<>();
    Composer composer = new Composer(parser, problems);
    int documents = 0;
    try {
      parser.getEvent(); // stream start
      while (!parser.checkEvent(Event.ID.StreamEnd)) {
        Event start = parser.getEvent(); // document start
        documents++;
        composer.startDocument(start.getStartMark());
        Object value = composer.compose(0);
        SourcePositions.Node positions = composer.lastPositions;
        parser.getEvent(); // document end
        if (!composer.aborted) {
          addObjects(source, start.getStartMark(), value, positions, objects, problems);
        }
      }
    } catch (MarkedYAMLException e) {
      problems.add(
          new ReadProblem(
              Kind.SYNTAX,
              position(e.getProblemMark(), composer.lastLine),
              "invalid YAML, the rest of the file is not checked: " + words(e)));
    } catch (YAMLException e) {
      String message = e.getMessage() == null ? "" : e.getMessage();
      problems.add(
          new ReadProblem(
              Kind.SYNTAX,
              new Position(Math.max(1, composer.lastLine), 1),
              message.contains("exceeds the limit")
                  ? "document "
                      + Math.max(1, documents)
                      + " is larger than "
                      + limits.maxDocumentChars()
                      + " characters, the most winfleet reads in one document (Kubernetes"
                      + " stores objects up to 1.5 MiB); split it, the rest of the file is not"
                      + " checked"
                  : "the rest of the file is not checked: " + message));
    } catch (StopReading e) {
      // the problem is recorded
    }
    return new ManifestFile(source, objects, problems, documents);
  }

  static void addObjects(
      String source,
      Mark start,
      Object value,
      SourcePositions.Node positions,
      List<ManifestObject> objects,
      List<ReadProblem> problems) {
    Position at =
        positions != null ? new Position(positions.line, positions.column) : position(start, 1);
    if (value == null) {
      return; // an empty document, or one holding only comments
    }
    if (!(value instanceof Map<?, ?> map)) {
      problems.add(
          new ReadProblem(
              Kind.NOT_KUBERNETES,
              at,
              "this document is a "
                  + (value instanceof List ? "list" : "plain value")
                  + ", not a Kubernetes object (a map with apiVersion and kind)"));
      return;
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> tree = (Map<String, Object>) map;
    Object kind = tree.get("kind");
    if (!(kind instanceof String) || ((String) kind).isBlank() || tree.get("apiVersion") == null) {
      problems.add(
          new ReadProblem(
              kind == null && !triedToBeAnObject(tree) ? Kind.NOT_KUBERNETES : Kind.NOT_AN_OBJECT,
              at,
              kind == null && !tree.containsKey("apiVersion")
                  ? "this document has neither apiVersion nor kind; every Kubernetes object needs"
                      + " both"
                  : "this document has no "
                      + (kind == null ? "kind" : "apiVersion")
                      + "; every Kubernetes object needs apiVersion and kind"));
      return;
    }
    if (kind.equals("List") && tree.get("items") instanceof List<?> items) {
      SourcePositions.Node itemsPos = positions.child("items");
      for (int i = 0; i < items.size(); i++) {
        SourcePositions.Node itemPos = itemsPos == null ? null : itemsPos.child(i);
        Object item = items.get(i);
        if (item instanceof Map<?, ?> && itemPos != null) {
          @SuppressWarnings("unchecked")
          Map<String, Object> itemTree = (Map<String, Object>) item;
          objects.add(new ManifestObject(itemTree, source, new SourcePositions(itemPos)));
        }
      }
      return;
    }
    objects.add(new ManifestObject(tree, source, new SourcePositions(positions)));
  }

  /**
   * Kubernetes' form of apiVersion, [group/]version with a version such as v1 or v2beta1 (API
   * conventions, "API versioning"): {@code v1}, {@code apps/v1}, {@code cert-manager.io/v1alpha2}.
   * An ARM template's {@code 2019-10-01} or aks-engine's {@code vlabs} is not.
   */
  private static final java.util.regex.Pattern KUBERNETES_API_VERSION =
      java.util.regex.Pattern.compile(
          "([a-z0-9]([-a-z0-9.]*[a-z0-9])?/)?v[1-9][0-9]*((alpha|beta)[1-9][0-9]*)?");

  static boolean isKubernetesApiVersion(String apiVersion) {
    return KUBERNETES_API_VERSION.matcher(apiVersion).matches();
  }

  /**
   * Whether a map without a kind still tried to be a Kubernetes object: an apiVersion of
   * Kubernetes' form and metadata, as every object has. A Helm repository's index.yaml has {@code
   * apiVersion: v1} and no metadata; an ARM template or aks-engine model has another apiVersion.
   */
  private static boolean triedToBeAnObject(Map<String, Object> tree) {
    return tree.get("apiVersion") instanceof String v
        && isKubernetesApiVersion(v)
        && tree.containsKey("metadata");
  }

  private static Position position(Mark mark, int fallbackLine) {
    if (mark == null) {
      return new Position(Math.max(1, fallbackLine), 1);
    }
    return new Position(mark.getLine() + 1, mark.getColumn() + 1);
  }

  /** The parser's own words, without its snippet of the text. */
  private static String words(MarkedYAMLException e) {
    StringBuilder sb = new StringBuilder();
    if (e.getContext() != null) {
      sb.append(e.getContext());
      if (e.getContextMark() != null) {
        sb.append(" (line ")
            .append(e.getContextMark().getLine() + 1)
            .append(", column ")
            .append(e.getContextMark().getColumn() + 1)
            .append(')');
      }
      sb.append(": ");
    }
    sb.append(e.getProblem() == null ? "invalid YAML" : e.getProblem());
    return sb.toString();
  }

  /** Thrown to stop reading a file after a problem that leaves the rest unreadable. */
  private static final class StopReading extends RuntimeException {
    private static final long serialVersionUID = 1L;

    StopReading() {
      super(null, null, false, false);
    }
  }

  /** A value and where it stands, remembered for aliases. */
  private record Anchored(Object value, SourcePositions.Node positions, boolean collection) {}

  /**
   * Builds values and positions straight from parser events, without SnakeYAML's node graph: fewer
   * objects, and aliases share the anchored value instead of copying it.
   */
  private final class Composer {
    private final Parser parser;
    private final List<ReadProblem> problems;
    private final Map<String, Anchored> anchors = new HashMap<>();
    private int collectionAliases;
    private int nodes;
    boolean aborted;
    int lastLine = 1;
    SourcePositions.Node lastPositions;
    Mark lastScalarMark;

    Composer(Parser parser, List<ReadProblem> problems) {
      this.parser = parser;
      this.problems = problems;
    }

    void startDocument(Mark start) {
      anchors.clear();
      nodes = 0;
      aborted = false;
      lastLine = start == null ? lastLine : start.getLine() + 1;
    }

    /** Composes the next node; its positions are left in {@link #lastPositions}. */
    Object compose(int depth) {
      Event event = parser.getEvent();
      Mark mark = event.getStartMark();
      if (mark != null) {
        lastLine = mark.getLine() + 1;
      }
      if (++nodes > limits.maxNodes() || depth > limits.maxDepth()) {
        fail(
            mark,
            nodes > limits.maxNodes()
                ? "this document has more than "
                    + limits.maxNodes()
                    + " values; the rest of the file is not checked"
                : "this document nests deeper than "
                    + limits.maxDepth()
                    + " levels; the rest of the file is not checked");
      }
      if (event instanceof AliasEvent alias) {
        Anchored a = anchors.get(alias.getAnchor());
        if (a == null) {
          fail(
              mark,
              "the alias *"
                  + alias.getAnchor()
                  + " refers to no anchor defined before it; the rest of the file is not checked");
        }
        if (a.collection() && ++collectionAliases > limits.maxAliases()) {
          fail(
              mark,
              "more than "
                  + limits.maxAliases()
                  + " aliases to maps or lists; the file was not read further (this limit guards"
                  + " against alias bombs)");
        }
        lastPositions = a.positions();
        return a.value();
      }
      String anchor = ((NodeEvent) event).getAnchor();
      if (event instanceof ScalarEvent scalar) {
        // A scalar in a map is found by its key's position; only list items and anchors need
        // their own, so most scalars get no position object at all.
        Object value = scalar(scalar);
        lastScalarMark = mark;
        lastPositions = null;
        if (anchor != null) {
          anchors.put(anchor, new Anchored(value, leaf(mark), false));
        }
        return value;
      }
      Object value;
      SourcePositions.Node positions = leaf(mark);
      if (event instanceof SequenceStartEvent seq) {
        checkTag(seq.getTag(), mark);
        List<Object> list = new ArrayList<>();
        while (!parser.checkEvent(Event.ID.SequenceEnd)) {
          list.add(compose(depth + 1));
          positions.addItem(lastPositions != null ? lastPositions : leaf(lastScalarMark));
        }
        parser.getEvent();
        value = list;
      } else if (event instanceof MappingStartEvent map) {
        checkTag(map.getTag(), mark);
        value = mapping(positions, depth);
      } else {
        throw new IllegalStateException("unexpected YAML event " + event);
      }
      if (anchor != null) {
        anchors.put(anchor, new Anchored(value, positions, true));
      }
      lastPositions = positions;
      return value;
    }

    private Map<String, Object> mapping(SourcePositions.Node positions, int depth) {
      Map<String, Object> out = new LinkedHashMap<>();
      List<Object> merges = null;
      List<SourcePositions.Node> mergePositions = null;
      while (!parser.checkEvent(Event.ID.MappingEnd)) {
        Event keyEvent = parser.peekEvent();
        Mark km = keyEvent.getStartMark();
        if (!(keyEvent instanceof ScalarEvent keyScalar)) {
          compose(depth + 1); // skip the key
          compose(depth + 1); // and its value
          problems.add(
              new ReadProblem(
                  Kind.SYNTAX,
                  position(km, lastLine),
                  "a map key must be a plain value, not a map or list"));
          continue;
        }
        parser.getEvent();
        nodes++;
        if (isMerge(keyScalar)) {
          Object merged = compose(depth + 1);
          if (merges == null) {
            merges = new ArrayList<>();
            mergePositions = new ArrayList<>();
          }
          merges.add(merged);
          mergePositions.add(lastPositions != null ? lastPositions : leaf(lastScalarMark));
          continue;
        }
        String key = keyScalar.getValue();
        Object value = compose(depth + 1);
        int line = km.getLine() + 1;
        if (out.containsKey(key)) {
          problems.add(
              new ReadProblem(
                  Kind.DUPLICATE_KEY,
                  new Position(line, km.getColumn() + 1),
                  "the key '"
                      + key
                      + "' appears twice in this map (first on line "
                      + positions.firstLineOf(key)
                      + "); only the last value counts"));
        }
        out.put(key, value);
        positions.addKey(key, new Entry(line, km.getColumn() + 1, lastPositions));
      }
      parser.getEvent();
      if (merges != null) {
        merge(out, positions, merges, mergePositions);
      }
      return out;
    }

    /** {@code <<} merge keys: keys of the merged maps that the map does not set itself. */
    private void merge(
        Map<String, Object> out,
        SourcePositions.Node positions,
        List<Object> merges,
        List<SourcePositions.Node> mergePositions) {
      for (int i = 0; i < merges.size(); i++) {
        Object m = merges.get(i);
        SourcePositions.Node mp = mergePositions.get(i);
        // Collections.singletonList: '<<:' with no value merges null (a problem below), not an NPE.
        List<Object> maps =
            m instanceof List<?> l ? new ArrayList<>(l) : java.util.Collections.singletonList(m);
        for (int j = 0; j < maps.size(); j++) {
          if (!(maps.get(j) instanceof Map<?, ?> source)) {
            problems.add(
                new ReadProblem(
                    Kind.SYNTAX,
                    new Position(mp.line, mp.column),
                    "a merge key (<<) must refer to a map or a list of maps"));
            continue;
          }
          SourcePositions.Node sp = m instanceof List ? mp.child(j) : mp;
          for (Map.Entry<?, ?> e : source.entrySet()) {
            String key = String.valueOf(e.getKey());
            if (!out.containsKey(key)) {
              out.put(key, e.getValue());
              SourcePositions.Node kp = sp == null ? null : sp.child(key);
              positions.addKey(key, kp != null ? kp : new Entry(mp.line, mp.column, mp));
            }
          }
        }
      }
    }

    private boolean isMerge(ScalarEvent key) {
      return key.getTag() == null
          && key.getImplicit().canOmitTagInPlainScalar()
          && "<<".equals(key.getValue());
    }

    private Object scalar(ScalarEvent e) {
      String tagText = e.getTag();
      Tag tag;
      if (tagText == null || tagText.equals("!")) {
        if (e.getImplicit().canOmitTagInPlainScalar() && isPlainText(e.getValue())) {
          return e.getValue(); // most values (names, images, kinds) need no resolver regexes
        }
        tag =
            RESOLVER.resolve(
                NodeId.scalar, e.getValue(), e.getImplicit().canOmitTagInPlainScalar());
      } else {
        tag = new Tag(tagText);
        checkTag(tagText, e.getStartMark());
      }
      return typed(tag, e.getValue());
    }

    private void checkTag(String tag, Mark mark) {
      if (tag != null && !tag.equals("!") && !CORE_TAGS.contains(tag)) {
        problems.add(
            new ReadProblem(
                Kind.SYNTAX,
                position(mark, lastLine),
                "the tag "
                    + tag
                    + " is not allowed: Kubernetes manifests use plain YAML types only (the value"
                    + " is read as text)"));
      }
    }

    private void fail(Mark mark, String message) {
      aborted = true;
      problems.add(new ReadProblem(Kind.SYNTAX, position(mark, lastLine), message));
      throw new StopReading();
    }
  }

  private static final Resolver RESOLVER = new Resolver();

  Limits limits() {
    return limits;
  }

  /** The value of a plain (unquoted, untagged) scalar, as {@link Composer} reads it. */
  Object plainScalar(String value) {
    if (isPlainText(value)) {
      return value;
    }
    Object known = typedScalars.get(value);
    if (known != null) {
      return known == NULL ? null : known;
    }
    Object typed = typed(RESOLVER.resolve(NodeId.scalar, value, true), value);
    if (typedScalars.size() < TYPED_SCALARS_MAX && value.length() <= 64) {
      typedScalars.put(value, typed == null ? NULL : typed);
    }
    return typed;
  }

  /** The value of a quoted, untagged scalar, as {@link Composer} reads it. */
  static Object quotedScalar(String value) {
    return typed(RESOLVER.resolve(NodeId.scalar, value, false), value);
  }

  /**
   * Whether a plain scalar is certainly a string for YAML 1.1's implicit types: it starts with a
   * letter that begins none of them (booleans y/n/t/f/o, null, numbers, timestamps, merge).
   */
  static boolean isPlainText(String value) {
    if (value.isEmpty()) {
      return false;
    }
    char c = value.charAt(0);
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) {
      return false;
    }
    return switch (c) {
      case 'y', 'Y', 'n', 'N', 't', 'T', 'f', 'F', 'o', 'O' -> false;
      default -> true;
    };
  }

  private static SourcePositions.Node leaf(Mark m) {
    return m == null
        ? new SourcePositions.Node(1, 1)
        : new SourcePositions.Node(m.getLine() + 1, m.getColumn() + 1);
  }

  private static Object typed(Tag tag, String value) {
    if (Tag.NULL.equals(tag)) {
      return null;
    }
    if (Tag.BOOL.equals(tag)) {
      return switch (value.toLowerCase(Locale.ROOT)) {
        case "true", "yes", "on", "y" -> Boolean.TRUE;
        case "false", "no", "off", "n" -> Boolean.FALSE;
        default -> value;
      };
    }
    if (Tag.INT.equals(tag)) {
      String digits = value.replace("_", "");
      try {
        return Long.parseLong(digits);
      } catch (NumberFormatException e) {
        try {
          return new BigInteger(digits);
        } catch (NumberFormatException e2) {
          return value; // hex, octal or sexagesimal forms stay text
        }
      }
    }
    if (Tag.FLOAT.equals(tag)) {
      try {
        return Double.parseDouble(value.replace("_", ""));
      } catch (NumberFormatException e) {
        return value;
      }
    }
    return value;
  }
}
