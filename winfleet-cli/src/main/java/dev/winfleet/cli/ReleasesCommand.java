package dev.winfleet.cli;

import dev.winfleet.core.catalog.BaseImage;
import dev.winfleet.core.catalog.PatchCatalog;
import dev.winfleet.core.catalog.WindowsCatalog;
import dev.winfleet.core.catalog.WindowsRelease;
import dev.winfleet.core.catalog.WindowsUpdate;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code winfleet releases}: the Windows release catalog. */
@Command(
    name = "releases",
    mixinStandardHelpOptions = true,
    description = {
      "List the Windows releases that host or run containers: build, image tags, channel,"
          + " edition, support dates and the base images Microsoft published for each.",
      "",
      "Any ID, TAG or build listed here can be given wherever winfleet takes a Windows version"
          + " (for example 'winfleet compat --host ws2022 --image ltsc2019')."
    })
final class ReleasesCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin OutputOptions output;

  @Option(
      names = "--servers-only",
      description = "Only Windows Server releases (the ones Kubernetes nodes run).")
  boolean serversOnly;

  @Option(
      names = "--updates",
      paramLabel = "BUILD",
      description =
          "List the monthly updates (revision, date, KB) winfleet knows for this build or alias"
              + " (17763, ltsc2022, ws2025...).")
  String updatesOf;

  @Option(
      names = "--today",
      hidden = true,
      paramLabel = "YYYY-MM-DD",
      description = "The day to judge support and staleness against (default: today, UTC).")
  LocalDate today;

  @Override
  public Integer call() {
    WindowsCatalog catalog = WindowsCatalog.builtIn();
    PatchCatalog patches = PatchCatalog.builtIn();
    List<WindowsRelease> releases = serversOnly ? catalog.serverReleases() : catalog.releases();
    PrintWriter out = spec.commandLine().getOut();
    LocalDate day = today != null ? today : LocalDate.now(ZoneOffset.UTC);
    warnWhenStale(patches, day);
    if (updatesOf != null) {
      return printUpdates(out, patches, WindowsCatalog.builtIn().parseVersion(updatesOf).build());
    }
    if (output.structured()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("releases", releases.stream().map(r -> toJson(r, day)).toList());
      m.put("patchKnowledge", knowledgeJson(patches, day));
      output.print(out, m);
      return ExitCodes.OK;
    }
    TextTable table =
        new TextTable(
            "ID",
            "NAME",
            "VERSION",
            "CHANNEL",
            "EDITION",
            "TAGS",
            "RELEASED",
            "END OF SUPPORT",
            "STATUS",
            "BASE IMAGES");
    for (WindowsRelease r : releases) {
      table.row(
          r.id(),
          r.name(),
          r.version(),
          r.channel().label(),
          r.edition().label(),
          r.tags().isEmpty() ? "-" : String.join(",", r.tags()),
          r.released() == null ? "?" : r.released(),
          r.endOfSupport() == null ? "?" : r.endOfSupport(),
          r.endOfSupport() == null ? "unknown" : r.supportedOn(day) ? "supported" : "ended",
          r.baseImages().isEmpty()
              ? "- (host only)"
              : r.baseImages().stream().map(BaseImage::label).collect(Collectors.joining(",")));
    }
    table.print(out);
    out.println();
    out.println(
        "Monthly updates known up to "
            + patches.lastUpdated()
            + " ('winfleet releases --updates BUILD' lists them).");
    out.flush();
    return ExitCodes.OK;
  }

  private void warnWhenStale(PatchCatalog patches, LocalDate day) {
    if (patches.isStale(day)) {
      PrintWriter err = spec.commandLine().getErr();
      err.println(
          "warning: winfleet's knowledge of monthly Windows updates was last updated "
              + patches.lastUpdated()
              + " ("
              + patches.ageInDays(day)
              + " days ago, more than "
              + PatchCatalog.STALE_AFTER_DAYS
              + "); updates released since are unknown to it and newer revisions count as"
              + " current. Use a newer winfleet, or check Microsoft's update history pages.");
      err.flush();
    }
  }

  private int printUpdates(PrintWriter out, PatchCatalog patches, int build) {
    List<WindowsUpdate> updates = patches.updates(build);
    if (updates.isEmpty()) {
      throw new UserException(
          "winfleet knows no monthly updates of build "
              + build
              + "; it knows builds "
              + patches.builds()
              + ".");
    }
    if (output.structured()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("build", build);
      m.put("source", patches.source(build).orElse(null));
      m.put("lastUpdated", patches.lastUpdated().toString());
      m.put(
          "updates",
          updates.stream()
              .map(
                  u -> {
                    Map<String, Object> e = new LinkedHashMap<>();
                    e.put("version", u.version().toString());
                    e.put("released", u.released().toString());
                    e.put("kb", u.kb());
                    e.put("outOfBand", u.outOfBand());
                    e.put("patchAgeMonths", patches.patchAgeMonths(u.version()).orElse(-1));
                    return e;
                  })
              .toList());
      output.print(out, m);
      return ExitCodes.OK;
    }
    TextTable table = new TextTable("VERSION", "RELEASED", "KB", "KIND", "MONTHS BEHIND");
    for (WindowsUpdate u : updates) {
      table.row(
          u.version(),
          u.released(),
          u.kb(),
          u.outOfBand() ? "out-of-band" : "monthly",
          patches.patchAgeMonths(u.version()).orElse(-1));
    }
    table.print(out);
    out.println();
    out.println("Source: " + patches.source(build).orElse("?"));
    out.println("Known up to " + patches.lastUpdated() + ".");
    out.flush();
    return ExitCodes.OK;
  }

  private static Map<String, Object> knowledgeJson(PatchCatalog patches, LocalDate day) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("lastUpdated", patches.lastUpdated().toString());
    m.put("ageDays", patches.ageInDays(day));
    m.put("stale", patches.isStale(day));
    m.put("builds", patches.builds());
    return m;
  }

  private static Map<String, Object> toJson(WindowsRelease r, LocalDate today) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", r.id());
    m.put("name", r.name());
    m.put("aliases", r.aliases());
    m.put("build", r.build());
    m.put("version", r.version().toString());
    m.put("edition", r.edition().label());
    m.put("channel", r.channel().label());
    m.put("marketingVersion", r.marketingVersion());
    m.put("tags", r.tags());
    m.put("released", r.released() == null ? null : r.released().toString());
    m.put("mainstreamEnd", r.mainstreamEnd() == null ? null : r.mainstreamEnd().toString());
    m.put("endOfSupport", r.endOfSupport() == null ? null : r.endOfSupport().toString());
    m.put("supported", r.endOfSupport() == null ? null : r.supportedOn(today));
    m.put("baseImages", r.baseImages().stream().map(BaseImage::label).toList());
    m.put("source", r.source());
    return m;
  }
}
