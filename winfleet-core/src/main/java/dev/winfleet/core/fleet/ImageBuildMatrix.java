package dev.winfleet.core.fleet;

import dev.winfleet.core.compat.Compatibility;
import dev.winfleet.core.compat.CompatibilityEngine;
import dev.winfleet.core.compat.HostPlatform;
import dev.winfleet.core.compat.ImagePlatform;
import dev.winfleet.core.compat.OsFamily;
import dev.winfleet.core.compat.PatchAssessment;
import dev.winfleet.core.image.ImageProfile;
import dev.winfleet.core.version.OsVersion;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The images in use against the node builds of a fleet: for each pair, the best way the image can
 * run there (process isolation, Hyper-V isolation only, not at all, or unknown) and the
 * compatibility engine's reason; and, per image, the nodes of its build whose monthly update is
 * behind the image's. Every answer comes from {@link CompatibilityEngine}; this class only picks,
 * like the runtime does, the image platform that fits the host best. The command line's {@code
 * fleet} and the dashboard both render it, so they cannot disagree.
 *
 * <p>Columns group nodes by OS, CPU architecture and Windows build (revisions aside): the build
 * decides process isolation, the architecture decides whether a platform entry runs at all.
 */
public record ImageBuildMatrix(List<Column> columns, List<Row> rows) {

  /** How an image can run on a column's nodes. */
  public enum Mode {
    /** With process isolation, the only mode Kubernetes runs Windows pods in. */
    PROCESS("process"),
    /** Only with Hyper-V isolation: an older image on a newer host; Kubernetes does not run it. */
    HYPERV_ONLY("hyperv-only"),
    /** Not at all: another OS, another architecture, or an image newer than the host. */
    NONE("none"),
    /** Not known: the image's OS or build, or the nodes' OS or build, is not known. */
    UNKNOWN("unknown");

    private final String wire;

    Mode(String wire) {
      this.wire = wire;
    }

    /** {@code process}, {@code hyperv-only}, {@code none}, {@code unknown}. */
    public String wire() {
      return wire;
    }
  }

  /**
   * The nodes of one OS, architecture and Windows build (revisions aside).
   *
   * @param id {@code windows/amd64/10.0.20348}, {@code linux/amd64}
   * @param label {@code Windows Server 2022 (10.0.20348)}, {@code Linux}
   * @param host the platform judged; null when the nodes' OS or Windows build is unknown
   */
  public record Column(String id, String label, HostPlatform host, List<String> nodes) {
    public Column {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(label, "label");
      nodes = List.copyOf(nodes);
    }
  }

  /**
   * One cell.
   *
   * @param platform the image platform judged ({@code windows/amd64 10.0.17763}); empty when none
   * @param reason why, in the compatibility engine's words (both modes' reasons when it matters)
   */
  public record Cell(Mode mode, String platform, String reason, List<String> notes) {
    public Cell {
      Objects.requireNonNull(mode, "mode");
      platform = platform == null ? "" : platform;
      Objects.requireNonNull(reason, "reason");
      notes = List.copyOf(notes);
    }
  }

  /**
   * A node whose monthly update is behind an image of its build: Microsoft's updates need hosts
   * first, then images.
   */
  public record PatchGap(
      String node, OsVersion nodeVersion, OsVersion imageVersion, PatchAssessment assessment) {
    public PatchGap {
      Objects.requireNonNull(node, "node");
      Objects.requireNonNull(nodeVersion, "nodeVersion");
      Objects.requireNonNull(imageVersion, "imageVersion");
      Objects.requireNonNull(assessment, "assessment");
    }
  }

  /**
   * One image.
   *
   * @param cells one per column, in column order
   * @param aheadOf the nodes behind the image's monthly update, per image version, in fleet order
   */
  public record Row(String image, ImageProfile profile, List<Cell> cells, List<PatchGap> aheadOf) {
    public Row {
      Objects.requireNonNull(image, "image");
      Objects.requireNonNull(profile, "profile");
      cells = List.copyOf(cells);
      aheadOf = List.copyOf(aheadOf);
    }
  }

  public ImageBuildMatrix {
    columns = List.copyOf(columns);
    rows = List.copyOf(rows);
  }

  /** Judges every image (reference to what is known of it) against every node build. */
  public static ImageBuildMatrix of(
      CompatibilityEngine engine, Fleet fleet, Map<String, ImageProfile> images) {
    List<Column> columns = columns(engine, fleet);
    List<Row> rows = new ArrayList<>();
    for (Map.Entry<String, ImageProfile> e : images.entrySet()) {
      List<Cell> cells = new ArrayList<>();
      for (Column c : columns) {
        cells.add(cell(engine, e.getValue(), c.host()));
      }
      rows.add(new Row(e.getKey(), e.getValue(), cells, aheadOf(engine, fleet, e.getValue())));
    }
    return new ImageBuildMatrix(columns, rows);
  }

  private static List<PatchGap> aheadOf(
      CompatibilityEngine engine, Fleet fleet, ImageProfile profile) {
    List<PatchGap> gaps = new ArrayList<>();
    for (OsVersion image : profile.windowsBuilds()) {
      if (!image.hasRevision()) {
        continue;
      }
      for (FleetNode n : fleet.windowsNodes()) {
        OsVersion host = n.windowsVersion();
        if (host == null || !host.hasRevision() || !host.sameBuild(image)) {
          continue;
        }
        PatchAssessment a = engine.assessPatch(host, image);
        if (a.imageAhead()) {
          gaps.add(new PatchGap(n.name(), host, image, a));
        }
      }
    }
    return gaps;
  }

  private static List<Column> columns(CompatibilityEngine engine, Fleet fleet) {
    Map<String, List<String>> nodesById = new LinkedHashMap<>();
    Map<String, Column> byId = new LinkedHashMap<>();
    for (FleetNode node : fleet.nodes()) {
      // Kubernetes always reports a node's architecture; a fleet file written by hand may not.
      String arch = node.architecture().isEmpty() ? "amd64" : node.architecture();
      HostPlatform host = null;
      String id;
      String label;
      if (node.os() == null) {
        id = "unknown";
        label = "OS unknown";
      } else if (node.isLinux()) {
        host = new HostPlatform(OsFamily.LINUX, arch, null);
        id = "linux/" + host.architecture();
        label = "Linux" + (host.architecture().equals("amd64") ? "" : " " + host.architecture());
      } else if (node.windowsVersion() == null) {
        id = "windows/" + arch + "/unknown";
        label = "Windows (build unknown)";
      } else {
        OsVersion build = node.windowsVersion().withoutRevision();
        host = new HostPlatform(OsFamily.WINDOWS, arch, build);
        id = "windows/" + host.architecture() + "/" + build;
        label =
            engine.catalog().describe(build)
                + (host.architecture().equals("amd64") ? "" : " " + host.architecture());
      }
      HostPlatform judged = host;
      nodesById.computeIfAbsent(id, k -> new ArrayList<>()).add(node.name());
      byId.putIfAbsent(id, new Column(id, label, judged, List.of()));
    }
    List<Column> out = new ArrayList<>();
    for (Column c : byId.values()) {
      out.add(new Column(c.id(), c.label(), c.host(), nodesById.get(c.id())));
    }
    out.sort(COLUMN_ORDER);
    return out;
  }

  /** Linux first, then Windows builds oldest first, unknowns last. */
  private static final Comparator<Column> COLUMN_ORDER =
      Comparator.<Column>comparingInt(
              c -> c.host() == null ? 2 : c.host().os() == OsFamily.LINUX ? 0 : 1)
          .thenComparing(
              c ->
                  c.host() == null || c.host().version() == null
                      ? OsVersion.ofBuild(0)
                      : c.host().version())
          .thenComparing(Column::id);

  /** The cell for one image on one host, as the runtime would pick the image's platform. */
  public static Cell cell(CompatibilityEngine engine, ImageProfile image, HostPlatform host) {
    if (host == null) {
      return new Cell(
          Mode.UNKNOWN,
          "",
          "These nodes report no OS or no Windows build (label kubernetes.io/os,"
              + " node.kubernetes.io/windows-build, status.nodeInfo.kernelVersion); winfleet cannot"
              + " judge any image against them.",
          List.of());
    }
    if (image.os() == ImageProfile.OsClass.UNKNOWN) {
      return new Cell(
          Mode.UNKNOWN,
          "",
          "winfleet cannot tell this image's OS from its reference ("
              + image.evidence()
              + "); its registry can: inspect the image.",
          List.of());
    }
    if (host.os() == OsFamily.WINDOWS && image.anyWindowsBuild()) {
      return new Cell(
          Mode.PROCESS,
          "windows/" + host.architecture(),
          "This image runs on every Windows build (" + image.evidence() + ").",
          List.of());
    }
    List<ImagePlatform> candidates = new ArrayList<>();
    for (ImagePlatform p : image.platforms()) {
      candidates.add(
          image.architectureKnown()
              ? p
              : new ImagePlatform(p.os(), host.architecture(), p.version(), p.features()));
    }
    boolean windowsBuildUnknown =
        (image.os() == ImageProfile.OsClass.WINDOWS || image.os() == ImageProfile.OsClass.MULTI_OS)
            && image.windowsBuilds().isEmpty();
    if (windowsBuildUnknown) {
      if (host.os() == OsFamily.WINDOWS) {
        return new Cell(
            Mode.UNKNOWN,
            "",
            (image.os() == ImageProfile.OsClass.MULTI_OS
                    ? "A manifest list with Windows and Linux entries whose Windows builds are not"
                        + " known ("
                    : "A Windows image of unknown build (")
                + image.evidence()
                + "): pin a tag that names the release (ltsc2022) or inspect the image.",
            List.of());
      }
      if (image.os() == ImageProfile.OsClass.WINDOWS) {
        // The engine's Windows-on-Linux answer does not depend on the build: ask it with any.
        List<dev.winfleet.core.catalog.WindowsRelease> servers = engine.catalog().serverReleases();
        candidates.add(ImagePlatform.windows(servers.get(servers.size() - 1).version()));
      }
    }
    Compatibility best = null;
    for (ImagePlatform p : candidates) {
      Compatibility c = engine.evaluate(host, p);
      if (best == null || c.mode().ordinal() < best.mode().ordinal()) {
        best = c;
      }
    }
    if (best == null) {
      return new Cell(Mode.UNKNOWN, "", "No platform of this image is known.", List.of());
    }
    String platform =
        windowsBuildUnknown && best.image().os() == OsFamily.WINDOWS
            ? "windows (build unknown)"
            : best.image().toString();
    return switch (best.mode()) {
      case PROCESS ->
          new Cell(Mode.PROCESS, platform, best.process().reason(), best.process().notes());
      case HYPERV_ONLY ->
          new Cell(
              Mode.HYPERV_ONLY,
              platform,
              "Process isolation: "
                  + best.process().reason()
                  + " Hyper-V isolation: "
                  + best.hyperv().reason(),
              best.hyperv().notes());
      case NONE -> new Cell(Mode.NONE, platform, best.process().reason(), List.of());
    };
  }
}
