package dev.winfleet.cli;

import dev.winfleet.core.catalog.WindowsCatalog;
import dev.winfleet.core.catalog.WindowsRelease;
import dev.winfleet.core.compat.Compatibility;
import dev.winfleet.core.compat.CompatibilityEngine;
import dev.winfleet.core.compat.CompatibilityMatrix;
import dev.winfleet.core.compat.HostPlatform;
import dev.winfleet.core.compat.ImagePlatform;
import dev.winfleet.core.compat.Verdict;
import dev.winfleet.core.version.OsVersion;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code winfleet compat}: can this image run on that host, and how. */
@Command(
    name = "compat",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Tell whether an image of one Windows version runs on a host of another, with process"
          + " isolation (what Kubernetes uses) and with Hyper-V isolation, and why.",
      "",
      "Versions are 10.0.17763, 10.0.17763.5206, or an alias from 'winfleet releases'"
          + " (ltsc2019, 1809, ltsc2022, ws2025, win11-24h2...). 'linux' stands for a Linux"
          + " host or image.",
      ""
    },
    footerHeading = "%nExit codes:%n",
    footer = {
      "  0  process isolation runs the image on the host (or --matrix was printed)",
      "  1  process isolation does not run it",
      "  2  bad usage, such as an unknown version",
      "",
      "Examples:",
      "  winfleet compat --host ltsc2022 --image ltsc2019",
      "  winfleet compat --host 10.0.14393.1914 --image 10.0.14393.1944 -o json",
      "  winfleet compat --matrix"
    })
final class CompatCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Mode mode;

  static final class Mode {
    @ArgGroup(exclusive = false)
    Pair pair;

    @Option(
        names = "--matrix",
        required = true,
        description = "Print the host x image table for every Windows Server release.")
    boolean matrix;
  }

  static final class Pair {
    @Option(
        names = "--host",
        required = true,
        paramLabel = "H",
        description = "The host's Windows version or alias, or 'linux'.")
    String host;

    @Option(
        names = "--image",
        required = true,
        paramLabel = "I",
        description = "The image's Windows version (its os.version) or alias, or 'linux'.")
    String image;
  }

  @Mixin OutputOptions output;

  @Override
  public Integer call() {
    CompatibilityEngine engine = CompatibilityEngine.builtIn();
    PrintWriter out = spec.commandLine().getOut();
    if (mode.matrix) {
      printMatrix(out, CompatibilityMatrix.servers(engine));
      return ExitCodes.OK;
    }
    HostPlatform host =
        isLinux(mode.pair.host)
            ? HostPlatform.linux()
            : HostPlatform.windows(OsVersion.parse(mode.pair.host));
    ImagePlatform image =
        isLinux(mode.pair.image)
            ? ImagePlatform.linux()
            : ImagePlatform.windows(OsVersion.parse(mode.pair.image));
    Compatibility result = engine.evaluate(host, image);
    if (output.structured()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("host", label(host.version(), host.os().label()));
      m.put("image", label(image.version(), image.os().label()));
      m.put("process", verdictJson(result.process()));
      m.put("hyperv", verdictJson(result.hyperv()));
      output.print(out, m);
    } else {
      WindowsCatalog catalog = engine.catalog();
      out.println(
          "host:  " + (host.version() == null ? "linux" : catalog.describe(host.version())));
      out.println(
          "image: " + (image.version() == null ? "linux" : catalog.describe(image.version())));
      printVerdict(out, "process isolation", result.process());
      printVerdict(out, "Hyper-V isolation", result.hyperv());
      out.flush();
    }
    return result.process().supported() ? ExitCodes.OK : ExitCodes.FOUND;
  }

  private static boolean isLinux(String text) {
    return text != null && text.trim().toLowerCase(Locale.ROOT).equals("linux");
  }

  private static String label(OsVersion version, String os) {
    return version == null ? os : version.toString();
  }

  private static Map<String, Object> verdictJson(Verdict v) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("supported", v.supported());
    m.put("reason", v.reason());
    m.put("notes", v.notes());
    return m;
  }

  private static void printVerdict(PrintWriter out, String title, Verdict v) {
    out.println();
    out.println(title + ": " + (v.supported() ? "yes" : "no"));
    out.println("  " + v.reason());
    for (String note : v.notes()) {
      out.println("  note: " + note);
    }
  }

  private void printMatrix(PrintWriter out, CompatibilityMatrix matrix) {
    if (output.structured()) {
      List<Map<String, Object>> cells = new ArrayList<>();
      for (CompatibilityMatrix.Cell c : matrix.cells()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("host", c.host().id());
        m.put("image", c.image().id());
        m.put("process", verdictJson(c.compatibility().process()));
        m.put("hyperv", verdictJson(c.compatibility().hyperv()));
        cells.add(m);
      }
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("hosts", matrix.hosts().stream().map(CompatCommand::releaseJson).toList());
      m.put("images", matrix.images().stream().map(CompatCommand::releaseJson).toList());
      m.put("cells", cells);
      output.print(out, m);
      return;
    }
    List<String> header = new ArrayList<>();
    header.add("HOST \\ IMAGE");
    for (WindowsRelease image : matrix.images()) {
      header.add(image.preferredTag());
    }
    TextTable table = new TextTable(header.toArray(String[]::new));
    for (WindowsRelease host : matrix.hosts()) {
      List<Object> row = new ArrayList<>();
      row.add(
          host.name().replace("Windows Server, version ", "Windows Server ") + " " + host.build());
      for (WindowsRelease image : matrix.images()) {
        row.add(
            switch (matrix.cell(host, image).compatibility().mode()) {
              case PROCESS -> "process+hyperv";
              case HYPERV_ONLY -> "hyperv";
              case NONE -> "-";
            });
      }
      table.row(row.toArray());
    }
    table.print(out);
    out.println();
    out.println(
        "process+hyperv: runs with process isolation (what Kubernetes uses) and Hyper-V isolation");
    out.println("hyperv:         runs only with Hyper-V isolation (not schedulable by Kubernetes)");
    out.println("-:              does not run");
    out.println("Reasons: winfleet compat --host H --image I");
    out.flush();
  }

  private static Map<String, Object> releaseJson(WindowsRelease r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", r.id());
    m.put("name", r.name());
    m.put("version", r.version().toString());
    m.put("tags", r.tags());
    return m;
  }
}
