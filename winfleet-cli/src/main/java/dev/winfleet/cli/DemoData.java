package dev.winfleet.cli;

import dev.winfleet.core.fleet.Fleet;
import dev.winfleet.core.fleet.FleetObjects;
import dev.winfleet.core.image.ImageMetadataSource;
import dev.winfleet.core.image.InspectedImage;
import dev.winfleet.core.image.InspectedImageSource;
import dev.winfleet.core.manifest.ManifestFile;
import dev.winfleet.core.manifest.ManifestReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code winfleet demo} shows, bundled in the jar under {@code dev/winfleet/cli/demo/}:
 *
 * <ul>
 *   <li>{@code fleet.yaml}: a mixed cluster (Linux nodes; Windows Server 2019, 2022 and 2025 nodes)
 *       as {@code kubectl get nodes -o yaml} prints it;
 *   <li>{@code workloads/}: the seeds' examples (seed 000's IIS site, seed 002's win-server, seed
 *       003's IIS pod and DaemonSet) and a few realistic workloads, one kind of problem each;
 *       {@code workloads/index.txt} lists them in the order shown;
 *   <li>{@code images.json}: what {@code winfleet inspect --json} would report for the one image
 *       the tags cannot describe, seed 000's locally built {@code iis-site} (built on the article's
 *       Windows Server 2019 node, so Windows 10.0.17763); every other image is judged by its tag.
 * </ul>
 */
final class DemoData {

  private static final String ROOT = "/dev/winfleet/cli/demo/";

  private DemoData() {}

  static Fleet fleet() {
    ManifestFile file = ManifestReader.defaults().read("demo/fleet.yaml", text("fleet.yaml"));
    if (!file.problems().isEmpty()) {
      throw new IllegalStateException("demo/fleet.yaml: " + file.problems().get(0).message());
    }
    return FleetObjects.fromObjects(file.objects());
  }

  static List<ManifestFile> workloads() {
    List<ManifestFile> files = new ArrayList<>();
    ManifestReader reader = ManifestReader.defaults();
    for (String name : text("workloads/index.txt").split("\n")) {
      if (!name.isBlank()) {
        files.add(reader.read(name.trim(), text("workloads/" + name.trim())));
      }
    }
    return files;
  }

  /** The demo's saved inspect result: what its images' registry would answer. */
  static List<InspectedImage> inspectedImages() {
    return FleetFiles.parseImages(
        text("images.json").getBytes(StandardCharsets.UTF_8), "the demo's images.json");
  }

  /** The saved inspect result, falling back to tag hints. */
  static ImageMetadataSource images() {
    return InspectedImageSource.fromFile(inspectedImages());
  }

  static String text(String name) {
    try (InputStream in = DemoData.class.getResourceAsStream(ROOT + name)) {
      if (in == null) {
        throw new IllegalStateException("the demo file " + name + " is not in the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
