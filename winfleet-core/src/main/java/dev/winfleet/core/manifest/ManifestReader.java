package dev.winfleet.core.manifest;

import dev.winfleet.core.manifest.ReadProblem.Kind;
import dev.winfleet.core.manifest.SourcePositions.Entry;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
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
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(true); // reported by the conversion below, not thrown
    options.setMaxAliasesForCollections(limits.maxAliases());
    options.setAllowRecursiveKeys(false);
    options.setNestingDepthLimit(limits.maxDepth());
    options.setCodePointLimit(limits.maxDocumentChars());
    options.setMergeOnCompose(true);
    options.setProcessComments(false);
    Composer composer =
        new Composer(new ParserImpl(new StreamReader(text), options), new Resolver(), options);
    List<ManifestObject> objects = new ArrayList<>();
    List<ReadProblem> problems = new ArrayList<>();
    int documents = 0;
    int lastLine = 1;
    try {
      while (composer.checkNode()) {
        Node node = composer.getNode();
        documents++;
        if (node == null) {
          continue;
        }
        lastLine = node.getEndMark() == null ? lastLine : node.getEndMark().getLine() + 1;
        Converter converter = new Converter(problems);
        Object value = converter.convert(node, 0);
        if (converter.aborted) {
          continue;
        }
        addObjects(source, node, value, converter.positions(node), objects, problems);
      }
    } catch (MarkedYAMLException e) {
      problems.add(new ReadProblem(Kind.SYNTAX, position(e.getProblemMark(), lastLine), words(e)));
    } catch (YAMLException e) {
      problems.add(
          new ReadProblem(
              Kind.SYNTAX,
              new Position(lastLine, 1),
              "cannot read the rest of the file: " + e.getMessage()));
    }
    return new ManifestFile(source, objects, problems, Math.max(documents, 0));
  }

  private static void addObjects(
      String source,
      Node node,
      Object value,
      SourcePositions.Node positions,
      List<ManifestObject> objects,
      List<ReadProblem> problems) {
    Position at = position(node.getStartMark(), 1);
    if (value == null) {
      return; // an empty document, or one holding only comments
    }
    if (!(value instanceof Map<?, ?> map)) {
      problems.add(
          new ReadProblem(
              Kind.NOT_AN_OBJECT,
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
              Kind.NOT_AN_OBJECT,
              at,
              "this document has no "
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

  /** Converts one document's node graph into values and positions. */
  private final class Converter {
    private final List<ReadProblem> problems;
    private final Map<Node, SourcePositions.Node> positionOf = new IdentityHashMap<>();
    private int nodes;
    boolean aborted;

    Converter(List<ReadProblem> problems) {
      this.problems = problems;
    }

    SourcePositions.Node positions(Node node) {
      SourcePositions.Node p = positionOf.get(node);
      return p == null ? leaf(node) : p;
    }

    Object convert(Node node, int depth) {
      if (aborted) {
        return null;
      }
      if (++nodes > limits.maxNodes() || depth > limits.maxDepth()) {
        aborted = true;
        problems.add(
            new ReadProblem(
                Kind.SYNTAX,
                position(node.getStartMark(), 1),
                nodes > limits.maxNodes()
                    ? "this document expands to more than "
                        + limits.maxNodes()
                        + " values (aliases included); it was not read"
                    : "this document nests deeper than "
                        + limits.maxDepth()
                        + " levels (or an alias refers to itself); it was not read"));
        return null;
      }
      checkTag(node);
      if (node instanceof MappingNode m) {
        SourcePositions.Node pos = leaf(node);
        positionOf.put(node, pos);
        Map<String, Object> out = new LinkedHashMap<>(Math.max(4, m.getValue().size() * 2));
        Map<String, Integer> firstLine = null;
        for (NodeTuple t : m.getValue()) {
          Node keyNode = t.getKeyNode();
          String key;
          if (keyNode instanceof ScalarNode ks) {
            key = ks.getValue();
          } else {
            problems.add(
                new ReadProblem(
                    Kind.SYNTAX,
                    position(keyNode.getStartMark(), 1),
                    "a map key must be a plain value, not a map or list"));
            continue;
          }
          Object value = convert(t.getValueNode(), depth + 1);
          if (out.containsKey(key)) {
            if (firstLine == null) {
              firstLine = firstLines(m);
            }
            problems.add(
                new ReadProblem(
                    Kind.DUPLICATE_KEY,
                    position(keyNode.getStartMark(), 1),
                    "the key '"
                        + key
                        + "' appears twice in this map (first on line "
                        + firstLine.get(key)
                        + "); only the last value counts"));
          }
          out.put(key, value);
          Mark km = keyNode.getStartMark();
          pos.addKey(
              key,
              new Entry(km.getLine() + 1, km.getColumn() + 1, valuePositions(t.getValueNode())));
        }
        return out;
      }
      if (node instanceof SequenceNode s) {
        SourcePositions.Node pos = leaf(node);
        positionOf.put(node, pos);
        List<Object> out = new ArrayList<>(s.getValue().size());
        for (Node item : s.getValue()) {
          out.add(convert(item, depth + 1));
          pos.addItem(valuePositions(item));
        }
        return out;
      }
      return scalar((ScalarNode) node);
    }

    private Map<String, Integer> firstLines(MappingNode m) {
      Map<String, Integer> lines = new HashMap<>();
      for (NodeTuple t : m.getValue()) {
        if (t.getKeyNode() instanceof ScalarNode ks) {
          lines.putIfAbsent(ks.getValue(), ks.getStartMark().getLine() + 1);
        }
      }
      return lines;
    }

    private SourcePositions.Node valuePositions(Node node) {
      SourcePositions.Node p = positionOf.get(node);
      return p == null ? leaf(node) : p;
    }

    private void checkTag(Node node) {
      Tag tag = node.getTag();
      if (tag != null && !CORE_TAGS.contains(tag.getValue())) {
        problems.add(
            new ReadProblem(
                Kind.SYNTAX,
                position(node.getStartMark(), 1),
                "the tag "
                    + tag.getValue()
                    + " is not allowed: Kubernetes manifests use plain YAML types only (the value"
                    + " is read as text)"));
      }
    }
  }

  private static SourcePositions.Node leaf(Node node) {
    Mark m = node.getStartMark();
    return m == null
        ? new SourcePositions.Node(1, 1)
        : new SourcePositions.Node(m.getLine() + 1, m.getColumn() + 1);
  }

  private static Object scalar(ScalarNode node) {
    // The composer already resolved the tag: quoted text is a string, plain text by its form.
    Tag tag = node.getTag();
    return tag == null ? node.getValue() : typed(tag, node.getValue());
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
