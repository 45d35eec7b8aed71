package dev.winfleet.core.compat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.winfleet.core.catalog.WindowsCatalog;
import dev.winfleet.core.catalog.WindowsRelease;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every row of Microsoft's "Windows container version compatibility" tables, the newest page and
 * the 2020 page that still had the Semi-Annual Channel host tabs. Server hosts are compared on both
 * columns; Windows 10 and 11 hosts on Hyper-V isolation, since Microsoft supports process isolation
 * on clients for development only and says so apart from the runtime's rule.
 */
class MicrosoftTableTest {

  private static final CompatibilityEngine ENGINE = CompatibilityEngine.builtIn();
  private static final WindowsCatalog CATALOG = WindowsCatalog.builtIn();

  record Row(
      String file, WindowsRelease host, WindowsRelease image, boolean hyperv, boolean process) {}

  static Stream<Arguments> rows() {
    List<Arguments> all = new ArrayList<>();
    for (String file :
        List.of("microsoft-compatibility-table.csv", "microsoft-compatibility-table-2020.csv")) {
      for (Row row : read(file)) {
        all.add(Arguments.of(row.host().id() + " runs " + row.image().id(), row));
      }
    }
    assertThat(all).hasSizeGreaterThan(100);
    return all.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void agreesWithMicrosoftsTable(String name, Row row) {
    Compatibility c = ENGINE.evaluate(row.host().version(), row.image().version());
    assertThat(c.hyperv().supported())
        .as(
            "Hyper-V isolation, %s host, %s image (%s)",
            row.host().id(), row.image().id(), row.file())
        .isEqualTo(row.hyperv());
    if (row.host().isServer()) {
      assertThat(c.process().supported())
          .as(
              "process isolation, %s host, %s image (%s)",
              row.host().id(), row.image().id(), row.file())
          .isEqualTo(row.process());
    }
    assertThat(c.process().reason()).isNotBlank();
    assertThat(c.hyperv().reason()).isNotBlank();
  }

  private static List<Row> read(String file) {
    List<Row> rows = new ArrayList<>();
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(
                Objects.requireNonNull(MicrosoftTableTest.class.getResourceAsStream(file), file),
                StandardCharsets.UTF_8))) {
      String line;
      boolean header = true;
      while ((line = in.readLine()) != null) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        if (header) {
          assertThat(line).startsWith("host,image,hyperv,process");
          header = false;
          continue;
        }
        String[] cells = line.split(",", 5);
        rows.add(
            new Row(
                file,
                CATALOG.findRelease(cells[0]).orElseThrow(() -> new AssertionError(cells[0])),
                CATALOG.findRelease(cells[1]).orElseThrow(() -> new AssertionError(cells[1])),
                yesNo(cells[2]),
                yesNo(cells[3])));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rows;
  }

  private static boolean yesNo(String cell) {
    return switch (cell.trim()) {
      case "yes" -> true;
      case "no" -> false;
      default -> throw new AssertionError("not yes/no: " + cell);
    };
  }
}
