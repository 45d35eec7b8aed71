package dev.winfleet.cli;

import dev.winfleet.core.catalog.PatchCatalog;
import dev.winfleet.core.catalog.WindowsCatalog;
import dev.winfleet.core.catalog.WindowsRelease;
import dev.winfleet.core.catalog.WindowsUpdate;
import dev.winfleet.core.compat.Compatibility;
import dev.winfleet.core.compat.CompatibilityEngine;
import dev.winfleet.core.compat.CompatibilityMatrix;
import dev.winfleet.core.compat.HostPlatform;
import dev.winfleet.core.compat.ImagePlatform;
import dev.winfleet.core.compat.PatchAssessment;
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
      "  winfleet compat --host 10.0.26100.2894 --image 10.0.26100.3194",
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
            : HostPlatform.windows(WindowsCatalog.builtIn().parseVersion(mode.pair.host));
    ImagePlatform image =
        isLinux(mode.pair.image)
            ? ImagePlatform.linux()
            : ImagePlatform.windows(WindowsCatalog.builtIn().parseVersion(mode.pair.image));
    Compatibility result = engine.evaluate(host, image);
    if (output.structured()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("host", label(host.version(), host.os().label()));
      m.put("image", label(image.version(), image.os().label()));
      m.put("process", verdictJson(result.process()));
      m.put("hyperv", verdictJson(result.hyperv()));
      if (host.version() != null && image.version() != null) {
        m.put("patch", patchJson(engine.assessPatch(host.version(), image.version())));
      }
      output.print(out, m);
    } else {
      WindowsCatalog catalog = engine.catalog();
      out.println(
          "host:  "
              + (host.version() == null
                  ? "linux"
                  : catalog.describe(host.version()) + patchLine(engine, host.version())));
      out.println(
          "image: "
              + (image.version() == null
                  ? "linux"
                  : catalog.describe(image.version()) + patchLine(engine, image.version())));
      printVerdict(out, "process isolation", result.process());
      printVerdict(out, "Hyper-V isolation", result.hyperv());
      out.flush();
    }
    return result.process().supported() ? ExitCodes.OK : ExitCodes.FOUND;
  }

  /** {@code , 2025-01 KB5050009, 19 monthly updates behind}: empty without a revision. */
  static String patchLine(CompatibilityEngine engine, OsVersion version) {
    PatchCatalog patches = engine.patches();
    if (!version.hasRevision() || patches.updates(version.build()).isEmpty()) {
      return "";
    }
    String update =
        patches
            .find(version)
            .map(WindowsUpdate::label)
            .orElseGet(
                () ->
                    patches
                        .atOrBelow(version)
                        .map(u -> "not a monthly update winfleet knows; at least " + u.label())
                        .orElse(
                            "older than every update winfleet knows (since "
                                + patches.updates(version.build()).get(0).released()
                                + ")"));
    java.util.OptionalInt known = patches.patchAgeMonths(version);
    if (known.isEmpty()) {
      return ", " + update;
    }
    int age = known.getAsInt();
    String behind =
        age == 0
            ? "the newest monthly update winfleet knows (to " + patches.lastUpdated() + ")"
            : age + " monthly update" + (age == 1 ? "" : "s") + " behind the newest winfleet knows";
    return ", " + update + ", " + behind;
  }

  static Map<String, Object> patchJson(PatchAssessment p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("hostUpdate", p.hostUpdate().map(CompatCommand::updateJson).orElse(null));
    m.put("imageUpdate", p.imageUpdate().map(CompatCommand::updateJson).orElse(null));
    m.put("hostAgeMonths", p.hostAgeMonths().isPresent() ? p.hostAgeMonths().getAsInt() : null);
    m.put("imageAgeMonths", p.imageAgeMonths().isPresent() ? p.imageAgeMonths().getAsInt() : null);
    m.put("imageAhead", p.imageAhead());
    m.put("monthsImageAhead", p.monthsImageAhead());
    m.put(
        "incident",
        p.incident()
            .map(
                i -> {
                  Map<String, Object> e = new LinkedHashMap<>();
                  e.put("id", i.id());
                  e.put("kb", i.kb());
                  e.put("version", i.version().toString());
                  e.put("summary", i.summary());
                  e.put("sources", i.sources());
                  return e;
                })
            .orElse(null));
    return m;
  }

  private static Map<String, Object> updateJson(WindowsUpdate u) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("version", u.version().toString());
    m.put("released", u.released().toString());
    m.put("kb", u.kb());
    m.put("outOfBand", u.outOfBand());
    return m;
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
