package dev.winfleet.core.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * Issue 17, item 6: reading one long scalar is linear in its length. Judged by the bytes the
 * reading thread allocates (deterministic, unlike wall-clock time): SnakeYAML's own StreamReader
 * copies its whole window of ints on every 1 KiB it reads inside a token, so a 4 MiB value
 * allocated about 16 times what a 1 MiB value did (quadratic: tens of GB); linear reading allocates
 * about 4 times as much, a small multiple of the text.
 */
class ManifestReaderScalingTest {

  private static final int MIB = 1024 * 1024;

  private static String configMap(String value) {
    return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n  blob: "
        + value
        + "\n";
  }

  private static long allocatedReading(String text) {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long id = Thread.currentThread().getId();
    long before = threads.getThreadAllocatedBytes(id);
    ManifestFile file = ManifestReader.defaults().read("big.yaml", text);
    long allocated = threads.getThreadAllocatedBytes(id) - before;
    assertThat(file.problems()).isEmpty();
    assertThat(file.objects()).hasSize(1);
    return allocated;
  }

  @Test
  void aLongPlainScalarIsReadInLinearSpaceAndTime() {
    allocatedReading(configMap("w".repeat(64 * 1024))); // warm up classes and catalogs
    long one = allocatedReading(configMap("x".repeat(MIB)));
    long four = allocatedReading(configMap("y".repeat(4 * MIB)));
    assertThat((double) four / one).as("4 MiB vs 1 MiB: %d vs %d bytes", four, one).isLessThan(7);
    assertThat(four).isLessThan(40L * 4 * MIB);
  }

  @Test
  void aLongQuotedScalarIsReadInLinearSpaceAndTime() {
    long one = allocatedReading(configMap("\"" + "a\\tb ".repeat(MIB / 5) + "\""));
    long four = allocatedReading(configMap("\"" + "a\\tb ".repeat(4 * MIB / 5) + "\""));
    assertThat((double) four / one).as("4 MiB vs 1 MiB: %d vs %d bytes", four, one).isLessThan(7);
  }

  @Test
  void aScalarWithCharactersOutsideTheBmpIsReadWhole() {
    String value = "\uD83D\uDE80".repeat(1000) + "x";
    ManifestFile file = ManifestReader.defaults().read("emoji.yaml", configMap(value));
    assertThat(file.problems()).isEmpty();
    assertThat(Values.getString(file.objects().get(0).tree(), "data", "blob")).isEqualTo(value);
  }

  @Test
  void aDocumentPastTheLimitIsAClearProblemAndEarlierDocumentsAreKept() {
    ManifestReader reader =
        new ManifestReader(new ManifestReader.Limits(64 * 1024, 50, 64, 1_000_000));
    String text =
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: small\n---\n"
            + configMap("z".repeat(128 * 1024));
    ManifestFile file = reader.read("two.yaml", text);
    assertThat(file.objects()).hasSize(1);
    assertThat(file.problems()).hasSize(1);
    assertThat(file.problems().get(0).message())
        .contains("larger than 65536 characters")
        .contains("split");
  }

  @Test
  void aNonPrintableCharacterIsReportedWhereItIs() {
    ManifestFile file =
        ManifestReader.defaults()
            .read("bad.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\u0007b\n");
    assertThat(file.problems()).hasSize(1);
    assertThat(file.problems().get(0).message()).contains("special characters are not allowed");
  }
}
