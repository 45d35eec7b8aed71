package dev.winfleet.core.compat;

import dev.winfleet.core.catalog.WindowsRelease;
import java.util.ArrayList;
import java.util.List;

/**
 * Every host release against every image release, like Microsoft's published compatibility table.
 * Rows are hosts, newest first; columns are images, newest first.
 */
public record CompatibilityMatrix(
    List<WindowsRelease> hosts, List<WindowsRelease> images, List<Cell> cells) {

  /** One host and one image. */
  public record Cell(WindowsRelease host, WindowsRelease image, Compatibility compatibility) {}

  public CompatibilityMatrix {
    hosts = List.copyOf(hosts);
    images = List.copyOf(images);
    cells = List.copyOf(cells);
  }

  /** Judges every pair with the given engine. */
  public static CompatibilityMatrix of(
      CompatibilityEngine engine, List<WindowsRelease> hosts, List<WindowsRelease> images) {
    List<WindowsRelease> h = newestFirst(hosts);
    List<WindowsRelease> i = newestFirst(images);
    List<Cell> cells = new ArrayList<>();
    for (WindowsRelease host : h) {
      for (WindowsRelease image : i) {
        cells.add(new Cell(host, image, engine.evaluate(host.version(), image.version())));
      }
    }
    return new CompatibilityMatrix(h, i, cells);
  }

  /** The catalog's server releases as hosts, and those with base images as images. */
  public static CompatibilityMatrix servers(CompatibilityEngine engine) {
    List<WindowsRelease> servers = engine.catalog().serverReleases();
    List<WindowsRelease> images = servers.stream().filter(r -> !r.baseImages().isEmpty()).toList();
    return of(engine, servers, images);
  }

  /** The cell for this host and image. */
  public Cell cell(WindowsRelease host, WindowsRelease image) {
    return cells.get(hosts.indexOf(host) * images.size() + images.indexOf(image));
  }

  private static List<WindowsRelease> newestFirst(List<WindowsRelease> releases) {
    List<WindowsRelease> sorted = new ArrayList<>(releases);
    sorted.sort((a, b) -> Integer.compare(b.build(), a.build()));
    return sorted;
  }
}
