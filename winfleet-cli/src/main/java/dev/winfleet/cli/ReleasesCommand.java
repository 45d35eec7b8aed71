package dev.winfleet.cli;

import dev.winfleet.core.catalog.BaseImage;
import dev.winfleet.core.catalog.WindowsCatalog;
import dev.winfleet.core.catalog.WindowsRelease;
import java.io.PrintWriter;
import java.time.LocalDate;
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

  @Override
  public Integer call() {
    WindowsCatalog catalog = WindowsCatalog.builtIn();
    List<WindowsRelease> releases = serversOnly ? catalog.serverReleases() : catalog.releases();
    PrintWriter out = spec.commandLine().getOut();
    LocalDate today = LocalDate.now();
    if (output.structured()) {
      output.print(out, Map.of("releases", releases.stream().map(r -> toJson(r, today)).toList()));
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
          r.endOfSupport() == null ? "unknown" : r.supportedOn(today) ? "supported" : "ended",
          r.baseImages().isEmpty()
              ? "- (host only)"
              : r.baseImages().stream().map(BaseImage::label).collect(Collectors.joining(",")));
    }
    table.print(out);
    return ExitCodes.OK;
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
