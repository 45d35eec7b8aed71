package dev.winfleet.cli;

import dev.winfleet.core.fleet.Fleet;
import dev.winfleet.core.image.Evidence;
import dev.winfleet.core.image.ImageMetadataSource;
import dev.winfleet.core.image.InspectedImage;
import dev.winfleet.core.image.InspectedImageSource;
import dev.winfleet.core.manifest.ManifestFile;
import dev.winfleet.core.manifest.ManifestReader;
import dev.winfleet.core.rules.RulesEngine;
import dev.winfleet.server.HttpRoutes;
import dev.winfleet.server.dashboard.DashboardModel;
import dev.winfleet.server.dashboard.DashboardRoutes;
import dev.winfleet.server.dashboard.UpgradeSimulator;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The dashboard {@code winfleet serve} mounts next to the webhook: its model is the fleet (the
 * {@code --fleet} file for now) and the workloads of {@code --workloads}, checked by the rules
 * engine once at start.
 *
 * <p>Where the live cluster plugs in: a fleet from the informers (and, later, the cluster's pods as
 * workloads) becomes a {@code Supplier<DashboardModel>} that rebuilds the model when the
 * inventory's snapshot changes; {@link DashboardRoutes#of} asks the supplier on every request.
 */
final class DashboardSetup {

  private DashboardSetup() {}

  static HttpRoutes forServe(
      boolean enabled, FleetSourceSpec source, List<String> workloads, InputStream stdin) {
    return forServe(enabled, source, workloads, List.of(), stdin);
  }

  /** With the facts of a lock file ({@code serve --images}) for the images it holds. */
  static HttpRoutes forServe(
      boolean enabled,
      FleetSourceSpec source,
      List<String> workloads,
      List<InspectedImage> locked,
      InputStream stdin) {
    if (!enabled) {
      return HttpRoutes.NONE;
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
        DashboardModel.build(
            fleet,
            files,
            locked.isEmpty()
                ? ImageMetadataSource.tagHints()
                : new InspectedImageSource(
                    locked, ImageMetadataSource.tagHints(), Evidence.LOCK_FILE),
            RulesEngine.builtIn());
    return DashboardRoutes.of(() -> model, UpgradeSimulator.builtIn());
  }
}
