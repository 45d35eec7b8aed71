package dev.winfleet.cli;

import dev.winfleet.core.fleet.Fleet;
import dev.winfleet.core.image.Evidence;
import dev.winfleet.core.image.ImageMetadataSource;
import dev.winfleet.core.image.InspectedImage;
import dev.winfleet.core.image.InspectedImageSource;
import dev.winfleet.core.manifest.ManifestFile;
import dev.winfleet.core.manifest.ManifestReader;
import dev.winfleet.core.rules.RulesEngine;
import dev.winfleet.core.spi.AuditView;
import dev.winfleet.server.HttpRoutes;
import dev.winfleet.server.dashboard.DashboardModel;
import dev.winfleet.server.dashboard.DashboardRoutes;
import dev.winfleet.server.dashboard.UpgradeSimulator;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The dashboard {@code winfleet serve} mounts next to the webhook. With {@code --fleet} or {@code
 * --workloads}, its model is that fleet and those workloads, checked by the rules engine once at
 * start. With a cluster and the audit on, the model is the live fleet and the audited objects with
 * the audit's findings, rebuilt when either changes; {@code /api/audit} tells when each object was
 * last judged.
 */
final class DashboardSetup {

  private DashboardSetup() {}

  static HttpRoutes forServe(
      boolean enabled,
      FleetSourceSpec source,
      List<String> workloads,
      List<InspectedImage> locked,
      InputStream stdin,
      WebhookBackend backend) {
    if (!enabled) {
      return HttpRoutes.NONE;
    }
    AuditView audit = backend.audit();
    if (!source.isStatic() && workloads.isEmpty() && audit.status().enabled()) {
      return DashboardRoutes.of(
          new LiveModel(backend.fleet(), audit, images(locked)), UpgradeSimulator.builtIn(), audit);
    }
    Fleet fleet = source.isStatic() ? FleetFiles.readFleet(source.fleetFile()) : Fleet.empty();
    List<ManifestFile> files = new ArrayList<>();
    if (!workloads.isEmpty()) {
      ManifestReader reader = ManifestReader.defaults();
      for (ManifestSources.Source s : ManifestSources.collect(workloads)) {
        files.add(reader.read(s.name(), ManifestSources.read(s, stdin)));
      }
    }
    DashboardModel model =
        DashboardModel.build(fleet, files, images(locked), RulesEngine.builtIn());
    return DashboardRoutes.of(() -> model, UpgradeSimulator.builtIn(), audit);
  }

  /** Tag hints and knowledge, with the facts of a lock file ({@code serve --images}) first. */
  private static ImageMetadataSource images(List<InspectedImage> locked) {
    return locked.isEmpty()
        ? ImageMetadataSource.tagHints()
        : new InspectedImageSource(locked, ImageMetadataSource.tagHints(), Evidence.LOCK_FILE);
  }

  /** The live model, rebuilt when the fleet snapshot or the audit's last evaluation changes. */
  private static final class LiveModel implements Supplier<DashboardModel> {
    private final Supplier<Fleet> fleet;
    private final AuditView audit;
    private final ImageMetadataSource images;
    private volatile Built built;

    private record Built(Fleet fleet, Instant evaluated, int objects, DashboardModel model) {}

    LiveModel(Supplier<Fleet> fleet, AuditView audit, ImageMetadataSource images) {
      this.fleet = fleet;
      this.audit = audit;
      this.images = images;
    }

    @Override
    public DashboardModel get() {
      Fleet f = fleet.get();
      AuditView.Status s = audit.status();
      Built b = built;
      if (b == null
          || b.fleet() != f
          || !Objects.equals(b.evaluated(), s.lastEvaluation())
          || b.objects() != s.objects()) {
        b =
            new Built(
                f,
                s.lastEvaluation(),
                s.objects(),
                DashboardModel.live(f, audit.objects(), images, RulesEngine.builtIn()));
        built = b;
      }
      return b.model();
    }
  }
}
