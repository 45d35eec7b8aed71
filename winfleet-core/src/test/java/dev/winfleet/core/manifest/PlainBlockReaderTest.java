package dev.winfleet.core.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The quick reader either gives up or reads exactly what SnakeYAML reads: the same values with the
 * same types and key order, the same position for every field, the same document count. Checked on
 * every YAML file in the project's sources and tests (real manifests from CSI drivers,
 * sig-windows-tools, the Kubernetes docs among them), on hand-made corner cases, and on seeded
 * random block YAML built from tricky scalars (YAML 1.1 booleans, numbers, timestamps, nulls,
 * comments, indicators).
 */
class PlainBlockReaderTest {

  private static final ManifestReader READER = ManifestReader.defaults();

  @Test
  void readsEveryProjectManifestAsSnakeYamlDoesOrGivesUp() throws IOException {
    Path root = Path.of("..").toAbsolutePath().normalize();
    List<Path> files;
    try (Stream<Path> walk = Files.walk(root)) {
      files =
          walk.filter(Files::isRegularFile)
              .filter(p -> p.toString().matches(".*\\.(ya?ml|json)$"))
              .filter(p -> p.toString().contains("/src/"))
              .filter(p -> !p.toString().contains("/node_modules/"))
              .toList();
    }
    int read = 0;
    for (Path f : files) {
      String text;
      try {
        text = Files.readString(f, StandardCharsets.UTF_8);
      } catch (IOException | UncheckedIOException e) {
        continue; // not UTF-8: the quick reader would give up on it anyway
      }
      if (compare(f.toString(), text)) {
        read++;
      }
    }
    assertThat(files).hasSizeGreaterThan(50);
    // Not a test that passes by giving up: many of the project's manifests are plain block YAML
    // (59 of 260 when this was written; the others use flow maps, block scalars, JSON, ...).
    assertThat(read).as("files the quick reader read").isGreaterThan(40);
  }

  @Test
  void readsCornerCasesAsSnakeYamlDoes() {
    List<String> cases =
        List.of(
            "",
            "# only a comment\n",
            "---\n",
            "---\n---\n",
            "a: 1\n---\n",
            "a: 1\n---\nb: 2\n...\n",
            "---\napiVersion: v1\nkind: Pod\n",
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n",
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p # a comment\n  labels: {}\n",
            "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: c\n    args:\n    - a\n    - "
                + "'b c'\n    - \"d\"\n  volumes: []\n",
            "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    -   name: c\n        image: x\n",
            "apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  data:\n   "
                + " k: v\n- apiVersion: v1\n  kind: Secret\n",
            "  apiVersion: v1\n  kind: Pod\n",
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  x:\n  y: ~\n  z: null\n  w:\n",
            "apiVersion: v1\nkind: Pod\nv: [a]\n",
            "apiVersion: v1\nkind: Pod\nv: |\n  text\n",
            "apiVersion: v1\nkind: Pod\nv: a\n  b\n",
            "apiVersion: v1\nkind: Pod\nv: &a x\nw: *a\n",
            "apiVersion: v1\nkind: Pod\nv: 1\nv: 2\n",
            "apiVersion: v1\nkind: Pod\n\tv: 1\n",
            "apiVersion: v1\r\nkind: Pod\r\n",
            "apiVersion: v1\nkind: Pod\nmetadata:\n    name: p\n  labels: {}\n",
            "apiVersion: v1\nkind: Pod\nspec:\n  - a\n  b: 1\n",
            "apiVersion: v1\nkind: Pod\nv: a: b\n",
            "apiVersion: v1\nkind: Pod\nv: 'it''s'\n",
            "apiVersion: v1\nkind: Pod\nv: \"a\\tb\"\n",
            "kind: Pod\n",
            "- a\n- b\n",
            "plain\n",
            "apiVersion: v1\nkind: Pod\nv: - x\n",
            "apiVersion: v1\nkind: Pod\nv:\n- - x\n",
            "apiVersion: v1\nkind: Pod\nv:\n-\n  a: 1\n",
            "apiVersion: v1\nkind: Pod\nv: -1\nw: -c\nx: a#b\ny: 'a #b'\nz: http://x:8080/\n",
            "apiVersion: v1\nkind: Pod\n--- \napiVersion: v1\nkind: Service\n",
            "apiVersion: v1\nkind: Pod\n--- # c\napiVersion: v1\nkind: Service\n",
            "%YAML 1.1\n---\napiVersion: v1\nkind: Pod\n",
            "apiVersion: v1\nkind: Pod\nv: x:\n",
            "apiVersion: v1\nkind: Pod\n\"q\": 1\n",
            "apiVersion: v1\nkind: Pod\nv: \"a\" b\n",
            "apiVersion: v1\nkind: Pod\nv: {} x\n");
    for (String text : cases) {
      compare(text, text);
    }
  }

  private static final String[] SCALARS = {
    "web",
    "yes",
    "No",
    "on",
    "OFF",
    "y",
    "true",
    "False",
    "null",
    "Null",
    "~",
    "0",
    "1",
    "-1",
    "010",
    "0x1F",
    "0o17",
    "1_000",
    "1.5",
    "-1.5e3",
    ".inf",
    "-.Inf",
    ".nan",
    "1:30",
    "2001-12-14",
    "2001-12-14t21:59:43.10-05:00",
    "=",
    "a#b",
    "a #b",
    "http://x:80/y",
    "a, b",
    "[x",
    "x]",
    "-c",
    "--flag=1",
    "a: b",
    "- x",
    "{}",
    "[]",
    "x:",
    "@x",
    "%x",
    "`x",
    "!x",
    "&x",
    "*x",
    "|",
    ">",
    "'q'",
    "'it''s'",
    "\"d\"",
    "\"a\\\"b\"",
    "\"\"",
    "''",
    "",
    "a  ",
    "C:\\Windows",
    "$(VAR)",
    "/x/y",
    "[a, 'b', \"c\"]",
    "{app: web, tier: x}",
    "[ ]",
    "{ }",
    "[a,]",
    "[a, [b]]",
    "{a: [1, 2]}",
    "{a: b: c}",
    "[http://x]",
    "[a #b]",
    "{a: 1, a: 2}",
    "[-c, --x]",
    "[yes, 1.5, ~, null, 0x1F]",
    "[a, {b: c}]",
    "{a: {b: c}}",
    "[a] x",
    "[a]#x",
    "{\"q\": 1}",
    "{a: }",
    "[a, , b]",
    "[a b, c ]",
    "{a:b}",
    "[\"a\\\"\"]",
    "[a",
    "{a: 1"
  };
  private static final String[] KEYS = {
    "name",
    "image",
    "kubernetes.io/os",
    "app.kubernetes.io/name",
    "x-y",
    "_k",
    "1",
    "true",
    "a b",
    "\"q\"",
    "<<",
    "-k",
    "k:"
  };

  @Test
  void readsRandomBlockYamlAsSnakeYamlDoes() {
    Random random = new Random(21);
    int read = 0;
    int runs = 6000;
    for (int i = 0; i < runs; i++) {
      StringBuilder sb = new StringBuilder();
      int docs = 1 + random.nextInt(3);
      for (int d = 0; d < docs; d++) {
        if (d > 0 || random.nextInt(4) == 0) {
          sb.append("---\n");
        }
        sb.append("apiVersion: v1\nkind: ConfigMap\n");
        map(sb, random, 0, 0);
      }
      String text = sb.toString();
      if (compare("random " + i + ":\n" + text, text)) {
        read++;
      }
    }
    assertThat(read).as("random files the quick reader read").isGreaterThan(300);
  }

  private static void map(StringBuilder sb, Random random, int indent, int depth) {
    int entries = 1 + random.nextInt(4);
    for (int e = 0; e < entries; e++) {
      if (random.nextInt(8) == 0) {
        sb.append(" ".repeat(random.nextInt(6))).append("# note: x\n");
      }
      String key = random.nextInt(6) == 0 ? KEYS[random.nextInt(KEYS.length)] : "k" + depth + e;
      sb.append(" ".repeat(indent)).append(key).append(':');
      value(sb, random, indent, depth);
    }
  }

  private static void value(StringBuilder sb, Random random, int indent, int depth) {
    int kind = depth > 3 ? 0 : random.nextInt(4);
    if (kind <= 1) {
      sb.append(' ').append(SCALARS[random.nextInt(SCALARS.length)]);
      if (random.nextInt(6) == 0) {
        sb.append(" # c");
      }
      sb.append('\n');
    } else if (kind == 2) {
      sb.append('\n');
      map(sb, random, indent + 1 + random.nextInt(4), depth + 1);
    } else {
      sb.append('\n');
      int dash = random.nextBoolean() ? indent : indent + 2;
      int items = 1 + random.nextInt(3);
      for (int i = 0; i < items; i++) {
        sb.append(" ".repeat(dash)).append("- ");
        if (random.nextBoolean()) {
          sb.append(SCALARS[random.nextInt(SCALARS.length)]).append('\n');
        } else {
          int col = dash + 2;
          sb.append("k").append(i).append(": ").append(SCALARS[random.nextInt(SCALARS.length)]);
          sb.append('\n');
          if (random.nextBoolean()) {
            map(sb, random, col, depth + 1);
          }
        }
      }
    }
  }

  /** Compares both readers on a text; true when the quick reader read it. */
  private static boolean compare(String name, String text) {
    ManifestFile plain = PlainBlockReader.read(name, text, READER);
    ManifestFile snake = READER.readWithSnakeYaml(name, text);
    if (plain == null) {
      return false; // SnakeYAML reads it, as before
    }
    assertThat(snake.problems()).as("SnakeYAML's problems with %s", name).isEmpty();
    assertThat(plain.documents()).as("documents of %s", name).isEqualTo(snake.documents());
    assertThat(plain.objects()).as("objects of %s", name).hasSameSizeAs(snake.objects());
    for (int i = 0; i < plain.objects().size(); i++) {
      ManifestObject a = plain.objects().get(i);
      ManifestObject b = snake.objects().get(i);
      sameValue(name, a.tree(), b.tree());
      samePositions(
          name, ((SourcePositions) a.positions()).root(), ((SourcePositions) b.positions()).root());
    }
    return true;
  }

  private static void sameValue(String name, Object a, Object b) {
    if (a instanceof Map<?, ?> ma && b instanceof Map<?, ?> mb) {
      assertThat(new ArrayList<>(ma.keySet())).as(name).isEqualTo(new ArrayList<>(mb.keySet()));
      for (Object k : ma.keySet()) {
        sameValue(name, ma.get(k), mb.get(k));
      }
    } else if (a instanceof List<?> la && b instanceof List<?> lb) {
      assertThat(la).as(name).hasSameSizeAs(lb);
      for (int i = 0; i < la.size(); i++) {
        sameValue(name, la.get(i), lb.get(i));
      }
    } else {
      assertThat(a).as(name).isEqualTo(b);
      if (a != null) {
        assertThat(a.getClass()).as(name).isEqualTo(b.getClass());
      }
    }
  }

  private static void samePositions(String name, SourcePositions.Node a, SourcePositions.Node b) {
    if (a == null || b == null) {
      assertThat(a).as(name).isSameAs(b);
      return;
    }
    assertThat(a.getClass()).as(name).isEqualTo(b.getClass());
    assertThat(new int[] {a.line, a.column, a.size})
        .as("%s: position (line, column, children)", name)
        .isEqualTo(new int[] {b.line, b.column, b.size});
    assertThat(a.keys == null).as(name).isEqualTo(b.keys == null);
    for (int i = 0; i < a.size; i++) {
      if (a.keys != null) {
        assertThat(a.keys[i]).as(name).isEqualTo(b.keys[i]);
      }
      samePositions(name, a.children[i], b.children[i]);
    }
    if (a instanceof SourcePositions.Entry ea) {
      samePositions(name, ea.value, ((SourcePositions.Entry) b).value);
    } else if (!(b instanceof SourcePositions.Node)) {
      fail("not a node: " + b);
    }
  }
}
