package dev.winfleet.core.manifest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A quick reader for the plain shape most manifests have, which gives up (returns null) on anything
 * else so that {@link ManifestReader}'s SnakeYAML path reads the file instead.
 *
 * <p>Why: SnakeYAML's scanner and parser were about two thirds of {@code winfleet check}'s CPU on a
 * large corpus (issue 21, decision 0021-check-performance). Generated and hand-written manifests
 * are mostly block maps and lists of one-line scalars, which a direct reader goes through several
 * times faster.
 *
 * <p>What it reads: printable ASCII with {@code \n} line ends; documents separated by {@code ---}
 * lines; block maps whose keys are plain words ({@code [A-Za-z0-9_][A-Za-z0-9_./-]*}); block lists
 * (indented or not) whose items are one-line scalars or block maps; one-line plain, single- and
 * double-quoted scalars without escapes; one-line flow lists and maps of those ({@code [a, "b"]},
 * {@code {app: web}}); comments. Everything else (tabs, CR, non-ASCII text, anchors, aliases, tags,
 * block scalars, flow collections over several lines or with ':' in a plain scalar, multi-line
 * scalars, escapes, quoted keys, merge keys, duplicate keys, documents that are not objects,
 * anything SnakeYAML would report) makes it give up on the whole file. It never reports a problem
 * itself: on the files it reads, the result equals SnakeYAML's (values, their types, every
 * position, the document count), which {@code PlainBlockReaderTest} checks on every test manifest
 * in the project and on generated ones.
 */
final class PlainBlockReader {

  /** Thrown to give up on the file. */
  private static final class GiveUp extends RuntimeException {
    private static final long serialVersionUID = 1L;
    static final GiveUp INSTANCE = new GiveUp();

    private GiveUp() {
      super(null, null, false, false);
    }
  }

  private final char[] c;
  private final int n;
  private final ManifestReader reader;
  private final ManifestReader.Limits limits;

  // The current content line: where it starts, its number (0-based) and indentation.
  private int lineStart;
  private int line;
  private int indent;
  private boolean eof;
  private boolean separator; // the current line is a '---' document separator
  private int p; // the reading position on the current line
  private int nodes;

  private PlainBlockReader(char[] c, ManifestReader reader) {
    this.c = c;
    this.n = c.length;
    this.reader = reader;
    this.limits = reader.limits();
  }

  /** The file read, or null when it holds anything this reader leaves to SnakeYAML. */
  static ManifestFile read(String source, String text, ManifestReader reader) {
    if (text.length() > reader.limits().maxDocumentChars()) {
      return null;
    }
    char[] chars = text.toCharArray();
    for (char ch : chars) {
      if ((ch < 0x20 || ch > 0x7E) && ch != '\n') {
        return null;
      }
    }
    try {
      return new PlainBlockReader(chars, reader).file(source);
    } catch (GiveUp e) {
      return null;
    }
  }

  private ManifestFile file(String source) {
    List<ManifestObject> objects = new ArrayList<>();
    List<ReadProblem> problems = new ArrayList<>();
    int documents = 0;
    startLine(0);
    skipToContent();
    if (!eof && !separator) {
      documents++;
      document(source, objects, problems);
    }
    while (!eof) {
      if (!separator) {
        throw GiveUp.INSTANCE; // a document that ends above its own indentation
      }
      documents++;
      nextLine();
      skipToContent();
      if (!eof && !separator) {
        document(source, objects, problems);
      }
    }
    if (!problems.isEmpty()) {
      throw GiveUp.INSTANCE; // SnakeYAML's path words every problem
    }
    return new ManifestFile(source, objects, problems, documents);
  }

  private void document(String source, List<ManifestObject> objects, List<ReadProblem> problems) {
    nodes = 0;
    int col = indent;
    if (keyEnd(p) < 0) {
      throw GiveUp.INSTANCE; // not a map: SnakeYAML's path says what it is
    }
    SourcePositions.Node[] positions = new SourcePositions.Node[1];
    Map<String, Object> value = mapping(col, 1, positions);
    if (!eof && !separator) {
      throw GiveUp.INSTANCE;
    }
    ManifestReader.addObjects(source, null, value, positions[0], objects, problems);
  }

  /** A block map whose keys stand at column {@code col}; the first key is at {@link #p}. */
  private Map<String, Object> mapping(int col, int depth, SourcePositions.Node[] out) {
    count(depth);
    SourcePositions.Node node = new SourcePositions.Node(line + 1, col + 1);
    Map<String, Object> map = new LinkedHashMap<>();
    while (true) {
      int colon = keyEnd(p);
      if (colon < 0) {
        throw GiveUp.INSTANCE;
      }
      String key = new String(c, p, colon - p);
      if (map.containsKey(key)) {
        throw GiveUp.INSTANCE;
      }
      nodes++;
      int keyLine = line;
      p = colon + 1;
      skipSpaces();
      Object value;
      SourcePositions.Node valuePositions = null;
      if (atLineEnd()) {
        nextLine();
        skipToContent();
        if (!eof && !separator && indent > col) {
          SourcePositions.Node[] child = new SourcePositions.Node[1];
          value = block(depth + 1, child);
          valuePositions = child[0];
        } else if (!eof && !separator && indent == col && dash()) {
          SourcePositions.Node[] child = new SourcePositions.Node[1];
          value = sequence(col, depth + 1, child); // a list not indented under its key
          valuePositions = child[0];
        } else {
          count(depth + 1);
          value = reader.plainScalar("");
        }
      } else {
        SourcePositions.Node[] child = new SourcePositions.Node[1];
        value = inline(depth + 1, child);
        // A scalar in a map is found by its key's position (as in ManifestReader's Composer).
        valuePositions = value instanceof Map || value instanceof List ? child[0] : null;
        endOfLine();
        if (!eof && !separator && indent > col) {
          throw GiveUp.INSTANCE; // a scalar going on over lines, or a stray indentation
        }
      }
      map.put(key, value);
      node.addKey(key, new SourcePositions.Entry(keyLine + 1, col + 1, valuePositions));
      if (eof || separator || indent < col) {
        out[0] = node;
        return map;
      }
      if (indent > col) {
        throw GiveUp.INSTANCE;
      }
      p = lineStart + col;
    }
  }

  /** The block value starting on the current line, more indented than its key. */
  private Object block(int depth, SourcePositions.Node[] out) {
    return dash() ? sequence(indent, depth, out) : mapping(indent, depth, out);
  }

  /** A block list whose dashes stand at column {@code col}; the first dash is at {@link #p}. */
  private List<Object> sequence(int col, int depth, SourcePositions.Node[] out) {
    count(depth);
    SourcePositions.Node node = new SourcePositions.Node(line + 1, col + 1);
    List<Object> list = new ArrayList<>();
    while (true) {
      p++; // the dash
      skipSpaces();
      if (atLineEnd() || dash()) {
        throw GiveUp.INSTANCE; // an empty item, an item on the next lines, or a list in a list
      }
      SourcePositions.Node[] child = new SourcePositions.Node[1];
      if (keyEnd(p) >= 0) {
        list.add(mapping(p - lineStart, depth + 1, child));
      } else {
        list.add(inline(depth + 1, child));
        endOfLine();
        if (!eof && !separator && indent > col) {
          throw GiveUp.INSTANCE;
        }
      }
      node.addItem(child[0]);
      if (eof || separator || indent < col) {
        out[0] = node;
        return list;
      }
      if (indent > col) {
        throw GiveUp.INSTANCE;
      }
      p = lineStart + col;
      if (!dash()) {
        out[0] = node; // the next key of the map this list is not indented under
        return list;
      }
    }
  }

  /**
   * A value on the rest of this line: a scalar or a flow collection; its positions (a leaf where it
   * starts, or the collection's node) go to {@code out}.
   */
  private Object inline(int depth, SourcePositions.Node[] out) {
    count(depth);
    int start = p;
    out[0] = new SourcePositions.Node(line + 1, start - lineStart + 1);
    char ch = c[p];
    if (ch == '"' || ch == '\'') {
      return quoted(ch);
    }
    if (ch == '{' || ch == '[') {
      Object value = flow(depth, out);
      if (p < n && c[p] != ' ' && c[p] != '\n') {
        throw GiveUp.INSTANCE;
      }
      return value;
    }
    if (!plainStart(start)) {
      throw GiveUp.INSTANCE;
    }
    int end = start;
    int last = start; // one past the last non-space character
    while (end < n && c[end] != '\n') {
      char x = c[end];
      if (x == '#' && c[end - 1] == ' ') {
        break; // a comment
      }
      if (x == ':' && (end + 1 >= n || c[end + 1] == ' ' || c[end + 1] == '\n')) {
        throw GiveUp.INSTANCE; // a key on a value's line: SnakeYAML reports it
      }
      end++;
      if (x != ' ') {
        last = end;
      }
    }
    p = end;
    return reader.plainScalar(new String(c, start, last - start));
  }

  /** A one-line quoted scalar without escapes at {@link #p}; moves past its closing quote. */
  private Object quoted(char quote) {
    int start = p;
    int end = start + 1;
    while (end < n && c[end] != quote && c[end] != '\n') {
      if (c[end] == '\\' && quote == '"') {
        throw GiveUp.INSTANCE;
      }
      end++;
    }
    if (end >= n || c[end] != quote || (quote == '\'' && end + 1 < n && c[end + 1] == '\'')) {
      throw GiveUp.INSTANCE;
    }
    p = end + 1;
    return ManifestReader.quotedScalar(new String(c, start + 1, end - start - 1));
  }

  /**
   * A flow list or map on one line at {@link #p} ({@code [a, "b"]}, {@code {app: web}}), of plain
   * or quoted scalars and flow collections; its node (where it starts) goes to {@code out}.
   */
  private Object flow(int depth, SourcePositions.Node[] out) {
    if (depth >= limits.maxDepth()) {
      throw GiveUp.INSTANCE;
    }
    SourcePositions.Node node = new SourcePositions.Node(line + 1, p - lineStart + 1);
    out[0] = node;
    boolean isMap = c[p] == '{';
    char close = isMap ? '}' : ']';
    p++;
    skipSpaces();
    Map<String, Object> map = isMap ? new LinkedHashMap<>() : null;
    List<Object> list = isMap ? null : new ArrayList<>();
    if (p < n && c[p] == close) {
      p++;
      return isMap ? map : list;
    }
    while (true) {
      if (isMap) {
        int colon = keyEnd(p);
        if (colon < 0 || colon + 1 >= n || c[colon + 1] != ' ') {
          throw GiveUp.INSTANCE;
        }
        String key = new String(c, p, colon - p);
        if (map.containsKey(key)) {
          throw GiveUp.INSTANCE;
        }
        nodes++;
        int keyColumn = p - lineStart;
        p = colon + 1;
        skipSpaces();
        SourcePositions.Node[] child = new SourcePositions.Node[1];
        Object value = flowItem(depth + 1, child);
        map.put(key, value);
        node.addKey(
            key,
            new SourcePositions.Entry(
                line + 1,
                keyColumn + 1,
                value instanceof Map || value instanceof List ? child[0] : null));
      } else {
        SourcePositions.Node[] child = new SourcePositions.Node[1];
        list.add(flowItem(depth + 1, child));
        node.addItem(child[0]);
      }
      skipSpaces();
      if (p >= n) {
        throw GiveUp.INSTANCE;
      }
      if (c[p] == close) {
        p++;
        return isMap ? map : list;
      }
      if (c[p] != ',') {
        throw GiveUp.INSTANCE;
      }
      p++;
      skipSpaces();
      if (p >= n || c[p] == close || c[p] == ',') {
        throw GiveUp.INSTANCE; // an empty entry
      }
    }
  }

  /** One entry of a flow collection: a scalar (its leaf goes to {@code out}) or a collection. */
  private Object flowItem(int depth, SourcePositions.Node[] out) {
    count(depth);
    if (p >= n) {
      throw GiveUp.INSTANCE;
    }
    char ch = c[p];
    out[0] = new SourcePositions.Node(line + 1, p - lineStart + 1);
    if (ch == '"' || ch == '\'') {
      return quoted(ch);
    }
    if (ch == '{' || ch == '[') {
      return flow(depth, out);
    }
    if (!plainStart(p)) {
      throw GiveUp.INSTANCE;
    }
    int start = p;
    int last = p;
    while (p < n) {
      char x = c[p];
      if (x == ',' || x == ']' || x == '}') {
        break;
      }
      if (x == '\n' || x == ':' || x == '[' || x == '{' || (x == '#' && c[p - 1] == ' ')) {
        throw GiveUp.INSTANCE;
      }
      p++;
      if (x != ' ') {
        last = p;
      }
    }
    return reader.plainScalar(new String(c, start, last - start));
  }

  /**
   * Whether a plain scalar may start at i (YAML's indicators may not, '-' may before a non-space).
   */
  private boolean plainStart(int i) {
    char ch = c[i];
    return switch (ch) {
      case '?',
              ':',
              ',',
              '[',
              ']',
              '{',
              '}',
              '#',
              '&',
              '*',
              '!',
              '|',
              '>',
              '\'',
              '"',
              '%',
              '@',
              '`',
              ' ' ->
          false;
      case '-' -> i + 1 < n && c[i + 1] != ' ' && c[i + 1] != '\n';
      default -> true;
    };
  }

  /** The index of the ':' ending a plain key that starts at i, or -1 when no such key is there. */
  private int keyEnd(int i) {
    if (i >= n) {
      return -1;
    }
    char first = c[i];
    if (!(letterOrDigit(first) || first == '_')) {
      return -1;
    }
    int j = i + 1;
    while (j < n) {
      char ch = c[j];
      if (letterOrDigit(ch) || ch == '_' || ch == '.' || ch == '/' || ch == '-') {
        j++;
      } else {
        break;
      }
    }
    if (j - i < 1000 // SnakeYAML's simple keys end within 1024 characters
        && j < n
        && c[j] == ':'
        && (j + 1 >= n || c[j + 1] == ' ' || c[j + 1] == '\n')) {
      return j;
    }
    return -1;
  }

  private static boolean letterOrDigit(char ch) {
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9');
  }

  private boolean dash() {
    return c[p] == '-' && (p + 1 >= n || c[p + 1] == ' ' || c[p + 1] == '\n');
  }

  private void skipSpaces() {
    while (p < n && c[p] == ' ') {
      p++;
    }
  }

  /** At the end of the line, or at a comment (which needs a space before it). */
  private boolean atLineEnd() {
    return p >= n || c[p] == '\n' || (c[p] == '#' && c[p - 1] == ' ');
  }

  /** After a value: only spaces and a comment may follow; moves to the next content line. */
  private void endOfLine() {
    skipSpaces();
    if (!atLineEnd()) {
      throw GiveUp.INSTANCE;
    }
    nextLine();
    skipToContent();
  }

  private void startLine(int at) {
    lineStart = at;
    p = at;
    eof = at >= n;
  }

  private void nextLine() {
    while (p < n && c[p] != '\n') {
      p++;
    }
    line++;
    startLine(p + 1);
  }

  /** Skips blank and comment lines; sets the indentation of the line it stops on. */
  private void skipToContent() {
    while (!eof) {
      int i = lineStart;
      while (i < n && c[i] == ' ') {
        i++;
      }
      if (i >= n) {
        eof = true;
        return;
      }
      if (c[i] == '\n' || c[i] == '#') {
        p = i;
        nextLine();
        continue;
      }
      indent = i - lineStart;
      p = i;
      separator = false;
      if (indent == 0 && (c[i] == '-' || c[i] == '.' || c[i] == '%') && startsMarker(i)) {
        if (c[i] != '-' || !lineIsBlankFrom(i + 3)) {
          throw GiveUp.INSTANCE; // '...', directives, '--- value'
        }
        separator = true;
      } else if (indent == 0 && c[i] == '%') {
        throw GiveUp.INSTANCE;
      }
      return;
    }
  }

  private boolean startsMarker(int i) {
    if (c[i] == '%') {
      return true;
    }
    return i + 2 < n
        && c[i + 1] == c[i]
        && c[i + 2] == c[i]
        && (i + 3 >= n || c[i + 3] == ' ' || c[i + 3] == '\n');
  }

  private boolean lineIsBlankFrom(int i) {
    while (i < n && c[i] == ' ') {
      i++;
    }
    return i >= n || c[i] == '\n';
  }

  /** Counts a value against the limits (SnakeYAML's path words the problem when one is passed). */
  private void count(int depth) {
    if (++nodes >= limits.maxNodes() || depth >= limits.maxDepth()) {
      throw GiveUp.INSTANCE;
    }
  }
}
