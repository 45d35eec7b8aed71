package dev.winfleet.server.policy;

import dev.winfleet.core.fleet.Fleet;
import dev.winfleet.core.fleet.FleetObjects;
import dev.winfleet.core.manifest.ManifestFile;
import dev.winfleet.core.manifest.ManifestReader;
import dev.winfleet.core.spi.FleetView;
import dev.winfleet.server.AdmissionHandler;
import dev.winfleet.server.RecentVerdicts;
import dev.winfleet.server.ValidateFailureMode;
import dev.winfleet.server.WebhookMetrics;
import dev.winfleet.server.api.AdmissionPolicy;
import dev.winfleet.server.api.ImageLookup;
import dev.winfleet.server.api.PolicySettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** The fleet and handlers the placement tests share. */
public final class PlacementFixtures {

  public static final Clock CLOCK =
      Clock.fixed(Instant.parse("2025-03-01T00:00:00Z"), ZoneOffset.UTC);

  private PlacementFixtures() {}

  static String resource(String name) {
    try (InputStream in =
        PlacementFixtures.class.getResourceAsStream("/dev/winfleet/server/placement/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Linux, Windows Server 2019 and 2022 (tainted os=windows:NoSchedule) and 2025 nodes. */
  public static Fleet fleet() {
    ManifestFile file = ManifestReader.defaults().read("fleet.yaml", resource("fleet.yaml"));
    return FleetObjects.fromObjects(file.objects());
  }

  public static PlacementPolicy policy(PolicySettings settings, ImageLookup lookup) {
    return new PlacementPolicy(FleetView.of(fleet(), CLOCK.instant()), lookup, settings, CLOCK);
  }

  static AdmissionHandler handler(AdmissionPolicy policy) {
    return new AdmissionHandler(
        policy, new WebhookMetrics(), new RecentVerdicts(10), ValidateFailureMode.DENY, CLOCK);
  }
}
