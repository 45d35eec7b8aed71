package dev.winfleet.core.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Damaged manifests straight at the reader, seeded and bounded so that it runs in CI: flipped and
 * deleted characters, control characters, characters outside the BMP, long scalars, deep nesting,
 * anchors and aliases, stray tags and document markers. The reader must never throw and must keep
 * what it read: every answer is objects and problems. Reproduce a failure with {@code
 * -Dfuzz.seed=N}.
 */
class ManifestReaderFuzzTest {

  private static final String BASE =
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
        namespace: shop
        labels: {app: web}
      spec:
        replicas: 2
        template:
          spec:
            nodeSelector:
              kubernetes.io/os: windows
            securityContext: {runAsUser: 1000}
            containers:
              - name: web
                image: "mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022"
                args: ['-c', "echo \\"hi\\""]
      ---
      apiVersion: v1
      kind: List
      items:
        - {apiVersion: v1, kind: ConfigMap, metadata: {name: a}, data: {k: v}}
      """;

  private static final String[] INSERTS = {
    "\u0000",
    "\u0007",
    "\t",
    "\r",
    "\r\n",
    "\uFEFF",
    "\uD83D\uDE80",
    "\uD800",
    ": ",
    "- ",
    "{",
    "}",
    "[",
    "]",
    "&a ",
    "*a",
    "<<: *a\n",
    "!!python/object ",
    "!custom ",
    "---\n",
    "...\n",
    "'",
    "\"",
    "\\",
    "#",
    "|\n",
    ">-\n",
    "%YAML 1.1\n",
    "? ",
    "@",
    "`",
  };

  @Test
  void everyDamagedManifestIsReadWithoutThrowing() {
    long seed = Long.getLong("fuzz.seed", 20261201L);
    Random random = new Random(seed);
    ManifestReader reader =
        new ManifestReader(new ManifestReader.Limits(256 * 1024, 20, 32, 50_000));
    int withProblems = 0;
    int withObjects = 0;
    for (int i = 0; i < 600; i++) {
      String text = damage(BASE, random);
      ManifestFile file;
      try {
        file = reader.read("fuzz.yaml", text);
      } catch (RuntimeException | StackOverflowError e) {
        throw new AssertionError("seed " + seed + " case " + i + " threw on:\n" + text, e);
      }
      if (!file.problems().isEmpty()) {
        withProblems++;
      }
      if (!file.objects().isEmpty()) {
        withObjects++;
      }
    }
    // Both paths must be exercised, or the test proves nothing.
    assertThat(withProblems).isGreaterThan(50);
    assertThat(withObjects).isGreaterThan(50);
  }

  private static String damage(String base, Random random) {
    StringBuilder sb = new StringBuilder(base);
    int edits = 1 + random.nextInt(4);
    for (int e = 0; e < edits; e++) {
      int at = random.nextInt(sb.length() + 1);
      switch (random.nextInt(6)) {
        case 0 -> sb.insert(at, INSERTS[random.nextInt(INSERTS.length)]);
        case 1 -> {
          if (at < sb.length()) {
            sb.deleteCharAt(at);
          }
        }
        case 2 -> {
          if (at < sb.length()) {
            sb.setCharAt(at, (char) random.nextInt(0x3000));
          }
        }
        case 3 -> sb.insert(at, "x".repeat(random.nextInt(100_000)));
        case 4 -> sb.insert(at, "[".repeat(random.nextInt(200)));
        default -> sb.insert(at, "a: &a [*a, *a]\n".repeat(random.nextInt(30)));
      }
    }
    return sb.toString();
  }
}
