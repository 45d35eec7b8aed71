package dev.winfleet.core.compat;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.winfleet.core.catalog.CatalogFiles;
import dev.winfleet.core.catalog.PatchCatalog;
import dev.winfleet.core.catalog.WindowsCatalog;
import dev.winfleet.core.catalog.WindowsRelease;
import dev.winfleet.core.version.OsVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Decides whether an image can run on a host, with process isolation and with Hyper-V isolation,
 * separately. The one implementation of the image/host rule: the checker, the webhook, the planner
 * and the dashboard all ask this class.
 *
 * <p>Process isolation follows hcsshim's {@code CheckHostAndContainerCompat}; its parameters
 * (stable-ABI LTSC builds, builds whose revisions must match) come from {@code
 * process-isolation.yaml}. Hyper-V isolation runs any image whose build is not newer than the
 * host's.
 */
public final class CompatibilityEngine {

  static final String RULES_RESOURCE = "/dev/winfleet/core/compat/process-isolation.yaml";
  static final String INCIDENTS_RESOURCE = "/dev/winfleet/core/compat/patch-incidents.yaml";

  private final WindowsCatalog catalog;
  private final List<Integer> stableAbiLtscBuilds;
  private final Set<Integer> revisionMustMatchBuilds;
  private final int firstContainerBuild;
  private final PatchCatalog patches;
  private final List<PatchIncident> incidents;

  /**
   * Process-isolation answers per host and image platform: a fleet has few builds and manifests few
   * images, but every pod asks about every node. Bounded; owned by this engine.
   */
  private final Cache<ProcessQuestion, Boolean> processAnswers =
      Caffeine.newBuilder().maximumSize(100_000).build();

  private record ProcessQuestion(HostPlatform host, ImagePlatform image) {}

  /** An engine without knowledge of monthly updates or incidents. */
  public CompatibilityEngine(
      WindowsCatalog catalog,
      List<Integer> stableAbiLtscBuilds,
      Set<Integer> revisionMustMatchBuilds) {
    this(
        catalog,
        stableAbiLtscBuilds,
        revisionMustMatchBuilds,
        14393,
        PatchCatalog.of(java.time.LocalDate.EPOCH, List.of(), java.util.Map.of()),
        List.of());
  }

  /**
   * @param firstContainerBuild the first Windows build with container support (Windows Server 2016,
   *     14393): older hosts and images run no Windows container at all
   * @param patches the monthly updates known per build
   * @param incidents the known patch-level incidents between images and hosts
   */
  public CompatibilityEngine(
      WindowsCatalog catalog,
      List<Integer> stableAbiLtscBuilds,
      Set<Integer> revisionMustMatchBuilds,
      int firstContainerBuild,
      PatchCatalog patches,
      List<PatchIncident> incidents) {
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    this.firstContainerBuild = firstContainerBuild;
    this.patches = Objects.requireNonNull(patches, "patches");
    this.incidents = List.copyOf(incidents);
    if (stableAbiLtscBuilds.isEmpty()) {
      throw new IllegalArgumentException("at least one stable-ABI LTSC build is needed");
    }
    List<Integer> sorted = new ArrayList<>(stableAbiLtscBuilds);
    sorted.sort(null);
    this.stableAbiLtscBuilds = List.copyOf(sorted);
    this.revisionMustMatchBuilds = Set.copyOf(revisionMustMatchBuilds);
  }

  /**
   * A new engine with winfleet's bundled catalog and rule parameters (read once per process) and
   * caches of its own: make one per run or per server and share it.
   */
  public static CompatibilityEngine builtIn() {
    Bundled data = BuiltIn.DATA;
    return new CompatibilityEngine(
        data.catalog(),
        data.stableAbiLtscBuilds(),
        data.revisionMustMatchBuilds(),
        data.firstContainerBuild(),
        data.patches(),
        data.incidents());
  }

  /** The bundled knowledge an engine is built from; immutable. */
  private record Bundled(
      WindowsCatalog catalog,
      List<Integer> stableAbiLtscBuilds,
      Set<Integer> revisionMustMatchBuilds,
      int firstContainerBuild,
      PatchCatalog patches,
      List<PatchIncident> incidents) {}

  private static final class BuiltIn {
    static final Bundled DATA = load();

    private static Bundled load() {
      RulesFile rules = CatalogFiles.read(RULES_RESOURCE, RulesFile.class);
      IncidentsFile file = CatalogFiles.read(INCIDENTS_RESOURCE, IncidentsFile.class);
      List<PatchIncident> incidents = new ArrayList<>();
      for (IncidentsFile.Entry e : file.incidents) {
        try {
          incidents.add(
              new PatchIncident(
                  e.id,
                  PatchIncident.Kind.parse(e.kind),
                  e.build,
                  e.revision,
                  e.kb,
                  e.summary,
                  e.sources == null ? List.of() : e.sources));
        } catch (RuntimeException ex) {
          throw new IllegalStateException(
              INCIDENTS_RESOURCE + ": incident '" + e.id + "' is invalid: " + ex.getMessage(), ex);
        }
      }
      return new Bundled(
          WindowsCatalog.builtIn(),
          List.copyOf(rules.stableAbiLtscBuilds),
          Set.copyOf(rules.revisionMustMatchBuilds),
          rules.firstContainerBuild == null ? 14393 : rules.firstContainerBuild,
          PatchCatalog.builtIn(),
          List.copyOf(incidents));
    }
  }

  static final class IncidentsFile {
    public List<Entry> incidents;

    static final class Entry {
      public String id;
      public String kind;
      public int build;
      public int revision;
      public String kb;
      public String summary;
      public List<String> sources;
    }
  }

  static final class RulesFile {
    public List<Integer> stableAbiLtscBuilds;
    public List<Integer> revisionMustMatchBuilds;
    public Integer firstContainerBuild;
  }

  public WindowsCatalog catalog() {
    return catalog;
  }

  /** The monthly updates this engine knows. */
  public PatchCatalog patches() {
    return patches;
  }

  /** The known patch-level incidents this engine applies. */
  public List<PatchIncident> incidents() {
    return incidents;
  }

  /**
   * The known incident that keeps this host and image apart, if any; of several, the one at the
   * highest revision, whose KB is the one the host needs.
   */
  public Optional<PatchIncident> incident(OsVersion host, OsVersion image) {
    return incidents.stream()
        .filter(i -> i.matches(host, image))
        .max(java.util.Comparator.comparingInt(PatchIncident::revision));
  }

  /**
   * The patch-level relation of a Windows host and image: updates, ages, how far the image is
   * ahead, and the incident that applies.
   */
  public PatchAssessment assessPatch(OsVersion host, OsVersion image) {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(image, "image");
    return new PatchAssessment(
        host,
        image,
        patches.find(host),
        patches.find(image),
        patches.patchAgeMonths(host),
        patches.patchAgeMonths(image),
        patches.monthsBetween(host, image),
        incident(host, image));
  }

  /**
   * Whether the host runs the image with process isolation: {@link #evaluate}'s answer, remembered
   * by this engine.
   */
  public boolean processSupported(HostPlatform host, ImagePlatform image) {
    return processAnswers.get(
        new ProcessQuestion(host, image), q -> evaluate(q.host(), q.image()).process().supported());
  }

  /** Judges both isolation modes for this host and image. */
  public Compatibility evaluate(HostPlatform host, ImagePlatform image) {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(image, "image");
    if (image.os() == OsFamily.WINDOWS && host.os() == OsFamily.LINUX) {
      Verdict never =
          Verdict.no(
              "A Windows image never runs on a Linux host; schedule it on a Windows node"
                  + " (nodeSelector kubernetes.io/os: windows).");
      return new Compatibility(host, image, never, never);
    }
    if (!host.architecture().equals(image.architecture())) {
      Verdict arch =
          Verdict.no(
              "The image is built for "
                  + image.architecture()
                  + " but the host is "
                  + host.architecture()
                  + "; use an image with a "
                  + host.os().label()
                  + "/"
                  + host.architecture()
                  + " platform, or a node of that architecture.");
      return new Compatibility(host, image, arch, arch);
    }
    if (image.os() == OsFamily.LINUX && host.os() == OsFamily.LINUX) {
      return new Compatibility(
          host,
          image,
          Verdict.yes(
              "A Linux image runs on a Linux host of the same architecture; no version binding.",
              List.of()),
          Verdict.no("Hyper-V isolation is a Windows feature; a Linux host has none."));
    }
    if (image.os() == OsFamily.LINUX) {
      return new Compatibility(
          host,
          image,
          Verdict.no(
              "A Linux image cannot share a Windows kernel; run it on a Linux node"
                  + " (nodeSelector kubernetes.io/os: linux)."),
          Verdict.no(
              "A Linux image runs on a Windows host only as LCOW (Linux Containers on Windows, in a"
                  + " Hyper-V utility VM), which is experimental and never scheduled by Kubernetes;"
                  + " run it on a Linux node."));
    }
    OsVersion tooOld =
        before(host.version()) ? host.version() : before(image.version()) ? image.version() : null;
    if (tooOld != null) {
      Verdict none =
          Verdict.no(
              (tooOld == host.version() ? "The host (" : "The image (")
                  + catalog.describe(tooOld)
                  + ") is older than Windows Server 2016 ("
                  + OsVersion.ofBuild(firstContainerBuild).buildString()
                  + "), the first Windows release with containers: it runs no Windows container."
                  + " Use Windows Server 2016 or newer.");
      return new Compatibility(host, image, none, none);
    }
    return new Compatibility(
        host, image, process(host.version(), image.version()), hyperv(host, image.version()));
  }

  private boolean before(OsVersion v) {
    return v.major() < 10 || v.build() < firstContainerBuild;
  }

  /** Convenience for the common case: Windows amd64 host and image of these versions. */
  public Compatibility evaluate(OsVersion host, OsVersion image) {
    return evaluate(HostPlatform.windows(host), ImagePlatform.windows(image));
  }

  /** The oldest image build a host of this build runs with process isolation. */
  public int processFloor(int hostBuild) {
    int first = stableAbiLtscBuilds.get(0);
    if (hostBuild < first) {
      return hostBuild;
    }
    int floor = first;
    for (int ltsc : stableAbiLtscBuilds) {
      if (hostBuild > ltsc) {
        floor = ltsc;
      }
    }
    return floor;
  }

  /** Whether process isolation runs an image of this build on a host of that build. */
  public boolean processBuildsCompatible(int hostBuild, int imageBuild) {
    if (hostBuild < firstContainerBuild || imageBuild < firstContainerBuild) {
      return false; // no Windows containers before Windows Server 2016
    }
    return imageBuild >= processFloor(hostBuild) && imageBuild <= hostBuild;
  }

  private Verdict process(OsVersion host, OsVersion image) {
    String hostName = catalog.describe(host);
    String imageName = catalog.describe(image);
    if (host.major() != image.major() || host.minor() != image.minor()) {
      return Verdict.no(
          "Major and minor versions differ (host "
              + host
              + ", image "
              + image
              + "); process isolation needs them equal. Rebuild the image on a base image of"
              + " the host's release.");
    }
    int floor = processFloor(host.build());
    if (image.build() > host.build()) {
      return Verdict.no(
          "The image ("
              + imageName
              + ") is newer than the host ("
              + hostName
              + "); a newer image never runs on an older host. "
              + fixForBuilds(host, floor));
    }
    if (image.build() < floor) {
      String range =
          floor == host.build()
              ? "only " + OsVersion.ofBuild(floor).buildString() + " images"
              : "images from "
                  + OsVersion.ofBuild(floor).buildString()
                  + " up to its own build "
                  + host.buildString();
      return Verdict.no(
          "A "
              + hostName
              + " host runs "
              + range
              + " with process isolation; this image is "
              + imageName
              + ". "
              + fixForBuilds(host, floor)
              + " Hyper-V isolation would run it, but Kubernetes does not schedule"
              + " Hyper-V isolated pods.");
    }
    List<String> notes = new ArrayList<>();
    Optional<PatchIncident> incident = incident(host, image);
    if (incident.isPresent()) {
      return Verdict.no(incidentReason(host, image, incident.get()));
    }
    if (revisionMustMatchBuilds.contains(host.build())) {
      if (host.hasRevision() && image.hasRevision() && host.revision() != image.revision()) {
        return Verdict.no(
            "On "
                + catalog.describe(host.withoutRevision())
                + " the host and image revisions must match, but the host is "
                + host
                + " and the image "
                + image
                + ". Use the base image tagged "
                + host
                + ", or patch the host to "
                + image
                + ".");
      }
      if (!host.hasRevision() || !image.hasRevision()) {
        notes.add(
            "On build "
                + host.build()
                + " the host and image revisions must be equal; "
                + (host.hasRevision() ? "the image's" : "the host's")
                + " revision is not known here, so check it.");
      }
    } else if (host.hasRevision()
        && image.hasRevision()
        && host.sameBuild(image)
        && image.revision() > host.revision()) {
      notes.add(imageAheadNote(host, image));
    } else if (host.hasRevision() && image.hasRevision() && host.revision() != image.revision()) {
      notes.add(
          "Revisions differ (host "
              + host
              + ", image "
              + image
              + "); from Windows Server 2019 on they need not match, but patch both.");
    }
    catalog
        .primaryRelease(host.build())
        .filter(r -> !r.isServer())
        .ifPresent(
            r ->
                notes.add(
                    r.name()
                        + " is a client release: Microsoft supports process isolation there for"
                        + " development only, and Kubernetes Windows nodes must run Windows"
                        + " Server."));
    String reason;
    if (image.build() == host.build()) {
      reason = "Same build (" + host.buildString() + "): process isolation works.";
    } else {
      reason =
          "A "
              + hostName
              + " host runs images from "
              + OsVersion.ofBuild(floor).buildString()
              + " up to its own build with process isolation (stable container ABI since "
              + catalog.describe(OsVersion.ofBuild(stableAbiLtscBuilds.get(0)))
              + "); this image is "
              + imageName
              + ".";
    }
    return Verdict.yes(reason, notes);
  }

  private String incidentReason(OsVersion host, OsVersion image, PatchIncident incident) {
    String hostText = patches.describe(host);
    String imageText = patches.describe(image);
    String known = "Known incident (" + incident.id() + "): " + incident.summary() + " ";
    String sources = " Sources: " + String.join(", ", incident.sources()) + ".";
    String hyperv =
        " Until then only Hyper-V isolation runs it, which Kubernetes does not schedule.";
    if (incident.kind() == PatchIncident.Kind.IMAGE_NEEDS_HOST) {
      return known
          + "This image ("
          + imageText
          + ") needs a host at "
          + incident.version()
          + " or newer; the host is "
          + hostText
          + ". Install "
          + incident.kb()
          + " (or a later monthly update) on the host, or use an image older than "
          + incident.version()
          + "."
          + hyperv
          + sources;
    }
    boolean hostBehind = host.revision() < incident.revision();
    return known
        + "The host ("
        + hostText
        + ") and the image ("
        + imageText
        + ") are on opposite sides of "
        + incident.version()
        + ". "
        + (hostBehind
            ? "Install " + incident.kb() + " (or later) on the host."
            : "Rebuild the image on a base image of " + incident.version() + " or later.")
        + hyperv
        + sources;
  }

  private String imageAheadNote(OsVersion host, OsVersion image) {
    int months = patches.monthsBetween(host, image);
    String ahead =
        months > 0
            ? months + " monthly update" + (months == 1 ? "" : "s") + " ahead of"
            : "ahead of";
    String patchTo =
        patches
            .atOrBelow(image)
            .map(u -> "Patch the host to " + u.kb() + " (" + u.version() + ") or later")
            .orElse("Patch the host to " + image + " or later");
    return "The image ("
        + patches.describe(image)
        + ") is "
        + ahead
        + " the host ("
        + patches.describe(host)
        + "). Process isolation allows it, but images ahead of their host's update have failed to"
        + " start with 0xc0370106 until the host was patched (microsoft/Windows-Containers#591,"
        + " actions/runner-images#11582). "
        + patchTo
        + " before the image rolls out: patch hosts first, then images.";
  }

  private String fixForBuilds(OsVersion host, int floor) {
    List<String> tags = new ArrayList<>();
    for (WindowsRelease r : catalog.serverReleases()) {
      if (!r.tags().isEmpty() && processBuildsCompatible(host.build(), r.build())) {
        tags.add(r.preferredTag());
      }
    }
    String nodes = "or place the pod on a node whose build matches the image";
    if (tags.isEmpty()) {
      return "Rebuild on a base image of build "
          + (floor == host.build() ? host.buildString() : floor + " to " + host.build())
          + ", "
          + nodes
          + ".";
    }
    return "Rebuild on a base image tagged " + String.join(" or ", tags) + ", " + nodes + ".";
  }

  private Verdict hyperv(HostPlatform host, OsVersion image) {
    OsVersion hv = host.version();
    if (hv.major() != image.major() || hv.minor() != image.minor()) {
      return Verdict.no("Major and minor versions differ (host " + hv + ", image " + image + ").");
    }
    if (image.build() > hv.build()) {
      return Verdict.no(
          "The image ("
              + catalog.describe(image)
              + ") is newer than the host ("
              + catalog.describe(hv)
              + "); not even Hyper-V isolation runs a newer image. Use a node of build "
              + image.buildString()
              + " or newer.");
    }
    List<String> notes = new ArrayList<>();
    notes.add(
        "Kubernetes does not schedule Hyper-V isolated pods (KEP-1301 stalled); only"
            + " containerd's experimental runhcs-wcow-hypervisor handler offers it.");
    incident(hv, image)
        .ifPresent(
            i ->
                notes.add(
                    "In known incident "
                        + i.id()
                        + " Hyper-V isolation ran the image where process isolation did not."));
    return Verdict.yes(
        "Hyper-V isolation runs images up to the host's build in a utility VM with the image's"
            + " own kernel.",
        notes);
  }
}
