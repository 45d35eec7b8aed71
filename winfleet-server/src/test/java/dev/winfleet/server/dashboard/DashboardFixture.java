package dev.winfleet.server.dashboard;

import dev.winfleet.core.fleet.Fleet;
import dev.winfleet.core.fleet.FleetObjects;
import dev.winfleet.core.image.ImageMetadataSource;
import dev.winfleet.core.manifest.ManifestFile;
import dev.winfleet.core.manifest.ManifestReader;
import dev.winfleet.core.rules.RulesEngine;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The test fleet and workloads under src/test/resources/dev/winfleet/server/dashboard. */
final class DashboardFixture {

  private DashboardFixture() {}

  static Fleet fleet() {
    return FleetObjects.fromObjects(
        ManifestReader.defaults().read("fleet.yaml", text("fleet.yaml")).objects());
  }

  static List<ManifestFile> workloads() {
    return List.of(ManifestReader.defaults().read("workloads.yaml", text("workloads.yaml")));
  }

  static DashboardModel model() {
    return DashboardModel.build(
        fleet(), workloads(), ImageMetadataSource.tagHints(), RulesEngine.builtIn());
  }

  static String text(String name) {
    try (InputStream in = DashboardFixture.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
