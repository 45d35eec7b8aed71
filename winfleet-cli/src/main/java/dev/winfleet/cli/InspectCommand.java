package dev.winfleet.cli;

import dev.winfleet.core.image.ImageReference;
import dev.winfleet.registry.api.ErrorKind;
import dev.winfleet.registry.api.InspectOptions;
import dev.winfleet.registry.api.InspectionResult;
import dev.winfleet.registry.api.InspectorConfig;
import dev.winfleet.registry.api.InspectorStats;
import dev.winfleet.registry.api.PlatformImage;
import dev.winfleet.registry.api.PlatformSelector;
import dev.winfleet.registry.api.RegistryError;
import dev.winfleet.registry.api.RegistryInspector;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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

  @Option(
      names = "--insecure-registry",
      paramLabel = "HOST:PORT",
      description =
          "Reach this registry over plain HTTP (repeatable). Only such a registry may name a"
              + " plain-HTTP token realm, and only on its own host.")
  List<String> insecureRegistries = new ArrayList<>();

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
      names = "--docker-config",
      paramLabel = "FILE",
      description =
          "Docker config.json with credentials (default: $DOCKER_CONFIG/config.json or ~/.docker/config.json).")
  Path dockerConfig;

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
        InspectorConfig.builder()
            .insecureRegistries(new LinkedHashSet<>(insecureRegistries))
            .maxConcurrentReferences(concurrency)
            .maxRequestsPerRegistry(Math.min(concurrency, MAX_REQUESTS_PER_REGISTRY))
            .credentials(RegistryLookup.credentials(dockerConfig))
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
    try (RegistryInspector inspector = RegistryInspector.create(config)) {
      results = inspector.inspect(refs, options);
      stats = inspector.stats();
    }
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    PrintWriter out = spec.commandLine().getOut();
    if (output.structured()) {
      printJson(out, results);
    } else {
      printTable(out, results);
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

  private void printJson(PrintWriter out, List<InspectionResult> results) {
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
      } else {
        m.put("error", message(((InspectionResult.Failed) r).error()));
      }
      list.add(m);
    }
    output.print(out, list);
  }

  private void printTable(PrintWriter out, List<InspectionResult> results) {
    TextTable table =
        new TextTable("REFERENCE", "PLATFORM", "OS VERSION", "LAYERS", "SIZE", "FOREIGN");
    List<String> failures = new ArrayList<>();
    for (int i = 0; i < results.size(); i++) {
      InspectionResult r = results.get(i);
      String given = references.get(i);
      if (r instanceof InspectionResult.Inspected ok) {
        if (ok.platforms().isEmpty()) {
          table.row(given, "(no platforms)", "", "", "", "");
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
                      + ")");
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
