package dev.winfleet.cli;

import dev.winfleet.core.catalog.PatchCatalog;
import dev.winfleet.core.catalog.WindowsUpdate;
import dev.winfleet.core.compat.CompatibilityEngine;
import dev.winfleet.core.image.FloatingTags;
import dev.winfleet.core.image.ImageReference;
import dev.winfleet.core.version.OsVersion;
import dev.winfleet.registry.api.ErrorKind;
import dev.winfleet.registry.api.InspectOptions;
import dev.winfleet.registry.api.InspectionResult;
import dev.winfleet.registry.api.InspectorConfig;
import dev.winfleet.registry.api.InspectorStats;
import dev.winfleet.registry.api.Platform;
import dev.winfleet.registry.api.PlatformImage;
import dev.winfleet.registry.api.PlatformSelector;
import dev.winfleet.registry.api.RegistryError;
import dev.winfleet.registry.api.RegistryException;
import dev.winfleet.registry.api.RegistryInspector;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code winfleet inspect}: what images really are, read from their registries. */
@Command(
    name = "inspect",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Read images from their registries and print, per platform, the OS, architecture, Windows"
          + " os.version, layer count, compressed size and foreign (non-distributable) layers.",
      "",
      "Works with any OCI distribution registry (MCR, Docker Hub, Harbor, ACR, ECR, GCR...):"
          + " image indexes and manifest lists, single OCI and Docker manifests, tags and digests."
          + " Short Docker Hub names work (nginx is docker.io/library/nginx). Credentials come"
          + " from Docker's config.json ($DOCKER_CONFIG or ~/.docker), including credential"
          + " helpers. Foreign layers are counted and sized, never downloaded.",
      ""
    },
    footerHeading = "%nExit codes:%n",
    footer = {
      "  0  every reference was read",
      "  1  at least one reference could not be read (all results are still printed)",
      "  2  bad usage, such as an invalid reference or platform",
      "",
      "Examples:",
      "  winfleet inspect mcr.microsoft.com/windows/servercore:ltsc2022",
      "  winfleet inspect --platform windows/amd64 -o json mcr.microsoft.com/windows/nanoserver:ltsc2022",
      "  winfleet inspect --insecure-registry localhost:5000 localhost:5000/app:1.0 nginx:1.27"
    })
final class InspectCommand implements Callable<Integer> {

  private static final int PROGRESS_THRESHOLD = 10;

  /** Politeness towards one registry, whatever --concurrency says. */
  private static final int MAX_REQUESTS_PER_REGISTRY = 8;

  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "REF", description = "Image references to inspect.")
  List<String> references;

  @Mixin OutputOptions output;

  @Option(
      names = "--layers",
      description =
          "With -o json or yaml, list each platform's layers (digest, size, mediaType, urls) as"
              + " layerDescriptors: what 'winfleet plan prepull --images-file' reads.")
  boolean layers;

  @Mixin RegistryAccessOptions registries = new RegistryAccessOptions();

  @Option(
      names = "--platform",
      paramLabel = "OS/ARCH",
      description = "Read only this platform, such as windows/amd64 (others are not fetched).")
  String platform;

  @Option(
      names = "--concurrency",
      paramLabel = "N",
      defaultValue = "16",
      description =
          "References read at the same time, and requests per registry (default: ${DEFAULT-VALUE}).")
  int concurrency;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      description = "Give up on references not read within this many seconds (default: no limit).")
  Integer timeoutSeconds;

  @Option(
      names = "--timing",
      description =
          "Print on stderr how long the inspection took inside the JVM, and the requests made.")
  boolean timing;

  @Option(
      names = "--check-floating",
      description =
          "For tags that float (ltsc2019, 4.8-windowsservercore-ltsc2019), list the repository's"
              + " tags and report when the tag serves an older Windows revision than its newest"
              + " dated sibling (10.0.17763.7136, 4.8-20250513-windowsservercore-ltsc2019).")
  boolean checkFloating;

  @Override
  public Integer call() {
    if (concurrency < 1) {
      throw new UserException("--concurrency must be at least 1, not " + concurrency);
    }
    if (timeoutSeconds != null && timeoutSeconds < 1) {
      throw new UserException("--timeout must be at least 1 second, not " + timeoutSeconds);
    }
    List<ImageReference> refs = references.stream().map(ImageReference::parse).toList();
    PlatformSelector selector = null;
    if (platform != null) {
      try {
        selector = PlatformSelector.parse(platform);
      } catch (IllegalArgumentException e) {
        throw new UserException(e.getMessage());
      }
    }
    InspectorConfig config =
        registries
            .inspectorConfig()
            .maxConcurrentReferences(concurrency)
            .maxRequestsPerRegistry(Math.min(concurrency, MAX_REQUESTS_PER_REGISTRY))
            .build();
    PrintWriter err = spec.commandLine().getErr();
    InspectOptions options = InspectOptions.defaults().withPlatform(selector);
    if (timeoutSeconds != null) {
      options = options.withDeadline(Instant.now().plusSeconds(timeoutSeconds));
    }
    if (refs.size() >= PROGRESS_THRESHOLD) {
      int step = Math.max(1, refs.size() / 10);
      options =
          options.withListener(
              (r, done, total) -> {
                if (done % step == 0 || done == total) {
                  synchronized (err) {
                    err.println("inspected " + done + "/" + total);
                    err.flush();
                  }
                }
              });
    }
    List<InspectionResult> results;
    InspectorStats stats;
    long started = System.nanoTime();
    Map<Integer, FloatingCheck> floating = new LinkedHashMap<>();
    try (RegistryInspector inspector = RegistryInspector.create(config)) {
      results = inspector.inspect(refs, options);
      if (checkFloating) {
        for (int i = 0; i < results.size(); i++) {
          if (results.get(i) instanceof InspectionResult.Inspected ok) {
            FloatingCheck c = checkFloating(inspector, refs.get(i), ok);
            if (c != null) {
              floating.put(i, c);
            }
          }
        }
      }
      stats = inspector.stats();
    }
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    PrintWriter out = spec.commandLine().getOut();
    if (output.structured()) {
      printJson(out, results, floating);
    } else {
      printTable(out, results);
      printFloating(out, floating);
    }
    if (timing) {
      err.println(
          "inspected "
              + refs.size()
              + " references in "
              + took.toMillis()
              + " ms ("
              + stats.requests()
              + " requests: "
              + stats.manifestGets()
              + " manifest GETs, "
              + stats.manifestHeads()
              + " HEADs, "
              + stats.blobGets()
              + " config GETs, "
              + stats.tokenRequests()
              + " token requests, "
              + stats.retries()
              + " retries)");
      err.flush();
    }
    return results.stream().allMatch(InspectionResult::succeeded) ? ExitCodes.OK : ExitCodes.FOUND;
  }

  /** What --check-floating found for one reference: a stale tag, or why it could not tell. */
  record FloatingCheck(FloatingTags.Stale stale, String note) {}

  private static FloatingCheck checkFloating(
      RegistryInspector inspector, ImageReference ref, InspectionResult.Inspected ok) {
    if (ref.hasDigest() || FloatingTags.isDated(ref.effectiveTag())) {
      return null;
    }
    List<String> tags;
    try {
      tags = inspector.listTags(ref);
    } catch (RegistryException e) {
      return new FloatingCheck(null, "tags not listed: " + message(e.error()));
    }
    String tag = ref.effectiveTag();
    Optional<String> dated = FloatingTags.newestDatedSibling(tag, tags);
    Map<String, Platform> datedPlatforms = new LinkedHashMap<>();
    if (dated.isPresent()) {
      InspectionResult r = inspector.inspect(ref.withTag(dated.get()), InspectOptions.defaults());
      if (r instanceof InspectionResult.Inspected sibling) {
        for (PlatformImage p : sibling.platforms()) {
          datedPlatforms.put(p.platform().architecture(), p.platform());
        }
      }
    }
    PatchCatalog patches = PatchCatalog.builtIn();
    for (PlatformImage p : ok.platforms()) {
      if (!p.platform().isWindows()) {
        continue;
      }
      Optional<OsVersion> served = OsVersion.parseNumeric(p.platform().osVersion());
      if (served.isEmpty()) {
        continue;
      }
      Optional<Map.Entry<String, OsVersion>> byVersion =
          FloatingTags.newestVersionTag(tags, served.get().build());
      if (byVersion.isPresent()) {
        Optional<FloatingTags.Stale> stale =
            FloatingTags.judge(
                tag, served.get(), byVersion.get().getKey(), byVersion.get().getValue(), patches);
        if (stale.isPresent()) {
          return new FloatingCheck(stale.get(), null);
        }
      }
      Platform sibling = datedPlatforms.get(p.platform().architecture());
      if (sibling != null) {
        Optional<OsVersion> siblingVersion = OsVersion.parseNumeric(sibling.osVersion());
        if (siblingVersion.isPresent()) {
          Optional<FloatingTags.Stale> stale =
              FloatingTags.judge(tag, served.get(), dated.get(), siblingVersion.get(), patches);
          if (stale.isPresent()) {
            return new FloatingCheck(stale.get(), null);
          }
        }
      }
    }
    return null;
  }

  private void printFloating(PrintWriter out, Map<Integer, FloatingCheck> floating) {
    if (!checkFloating) {
      return;
    }
    out.println();
    if (floating.isEmpty()) {
      out.println("Floating tags: none behind its newest dated sibling.");
    } else {
      out.println("Floating tags:");
      for (Map.Entry<Integer, FloatingCheck> e : floating.entrySet()) {
        FloatingCheck c = e.getValue();
        out.println(
            "  "
                + references.get(e.getKey())
                + ": "
                + (c.stale() != null ? c.stale().message() : c.note()));
      }
    }
    out.flush();
  }

  private static Map<String, Object> patchJson(Platform platform) {
    Optional<OsVersion> v = OsVersion.parseNumeric(platform.osVersion());
    if (!platform.isWindows() || v.isEmpty() || !v.get().hasRevision()) {
      return null;
    }
    PatchCatalog patches = PatchCatalog.builtIn();
    Map<String, Object> m = new LinkedHashMap<>();
    Optional<WindowsUpdate> u = patches.find(v.get());
    m.put("kb", u.map(WindowsUpdate::kb).orElse(null));
    m.put("released", u.map(x -> x.released().toString()).orElse(null));
    m.put("outOfBand", u.map(WindowsUpdate::outOfBand).orElse(null));
    m.put(
        "ageMonths",
        patches.patchAgeMonths(v.get()).isPresent()
            ? patches.patchAgeMonths(v.get()).getAsInt()
            : null);
    return m;
  }

  private void printJson(
      PrintWriter out, List<InspectionResult> results, Map<Integer, FloatingCheck> floating) {
    output.print(out, toJson(references, results, layers, floating));
  }

  /**
   * Results as the JSON contract of {@code inspect --json} (also the lock file of {@code images
   * lock}), one entry per reference as given.
   */
  static List<Map<String, Object>> toJson(
      List<String> references, List<InspectionResult> results, boolean layers) {
    return toJson(references, results, layers, Map.of());
  }

  private static List<Map<String, Object>> toJson(
      List<String> references,
      List<InspectionResult> results,
      boolean layers,
      Map<Integer, FloatingCheck> floating) {
    List<Map<String, Object>> list = new ArrayList<>();
    for (int i = 0; i < results.size(); i++) {
      InspectionResult r = results.get(i);
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("reference", references.get(i));
      if (r instanceof InspectionResult.Inspected ok) {
        m.put("digest", ok.digest());
        m.put("mediaType", ok.mediaType());
        List<Map<String, Object>> platforms = new ArrayList<>();
        for (PlatformImage p : ok.platforms()) {
          Map<String, Object> pm = new LinkedHashMap<>();
          pm.put("os", p.platform().os());
          pm.put("architecture", p.platform().architecture());
          pm.put("osVersion", p.platform().osVersion());
          if (p.platform().isWindows()) {
            pm.put("patch", patchJson(p.platform()));
          }
          pm.put("digest", p.digest());
          pm.put("layers", p.layerCount());
          pm.put("compressedSize", p.compressedSize());
          pm.put("foreignLayers", p.foreignLayerCount());
          if (layers) {
            List<Map<String, Object>> descriptors = new ArrayList<>();
            for (var d : p.layers()) {
              Map<String, Object> dm = new LinkedHashMap<>();
              dm.put("digest", d.digest());
              dm.put("size", d.size());
              dm.put("mediaType", d.mediaType());
              if (!d.urls().isEmpty()) {
                dm.put("urls", d.urls());
              }
              descriptors.add(dm);
            }
            pm.put("layerDescriptors", descriptors);
          }
          platforms.add(pm);
        }
        m.put("platforms", platforms);
        FloatingCheck c = floating.get(i);
        if (c != null && c.stale() != null) {
          Map<String, Object> fm = new LinkedHashMap<>();
          fm.put("tag", c.stale().tag());
          fm.put("serves", c.stale().served().toString());
          fm.put("newestSibling", c.stale().sibling());
          fm.put("siblingVersion", c.stale().siblingVersion().toString());
          fm.put("monthsBehind", c.stale().monthsBehind());
          fm.put("message", c.stale().message());
          m.put("staleFloatingTag", fm);
        } else if (c != null) {
          m.put("floatingTagNote", c.note());
        }
      } else {
        m.put("error", message(((InspectionResult.Failed) r).error()));
      }
      list.add(m);
    }
    return list;
  }

  private void printTable(PrintWriter out, List<InspectionResult> results) {
    TextTable table =
        new TextTable("REFERENCE", "PLATFORM", "OS VERSION", "LAYERS", "SIZE", "FOREIGN", "PATCH");
    List<String> failures = new ArrayList<>();
    for (int i = 0; i < results.size(); i++) {
      InspectionResult r = results.get(i);
      String given = references.get(i);
      if (r instanceof InspectionResult.Inspected ok) {
        if (ok.platforms().isEmpty()) {
          table.row(given, "(no platforms)", "", "", "", "", "");
        }
        for (PlatformImage p : ok.platforms()) {
          table.row(
              given,
              p.platform().toString(),
              p.platform().osVersion().isEmpty() ? "-" : p.platform().osVersion(),
              p.layerCount(),
              HumanSize.format(p.compressedSize()),
              p.foreignLayerCount() == 0
                  ? "-"
                  : p.foreignLayerCount()
                      + " ("
                      + HumanSize.format(p.foreignLayers().stream().mapToLong(d -> d.size()).sum())
                      + ")",
              p.platform().isWindows()
                  ? FleetCommand.patchCell(
                      CompatibilityEngine.builtIn(),
                      OsVersion.parseNumeric(p.platform().osVersion()).orElse(null))
                  : "-");
        }
      } else {
        failures.add(given + ": " + message(((InspectionResult.Failed) r).error()));
      }
    }
    table.print(out);
    if (!failures.isEmpty()) {
      out.println();
      out.println("Not read:");
      for (String f : failures) {
        out.println("  " + f);
      }
    }
    out.flush();
  }

  /** The library's message, plus the flag that fixes it where there is one. */
  static String message(RegistryError e) {
    if (e.kind() == ErrorKind.UNREACHABLE && e.message().contains("marked insecure")) {
      return e.message() + " (--insecure-registry " + e.registry() + ")";
    }
    return e.message();
  }
}
