package dev.winfleet.server.dashboard;

import dev.winfleet.server.HttpRoutes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The dashboard's static files (HTML, CSS, JavaScript, icon), read from the jar once. Only the
 * files listed here are served, so no path can reach anything else on the class path. Nothing is
 * loaded from other hosts: the Content-Security-Policy allows this origin only.
 */
final class DashboardAssets {

  static final String PREFIX = "/ui/";
  private static final String RESOURCES = "/dev/winfleet/server/dashboard/ui/";

  /** Same origin only, no inline script or style, no framing. */
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src"
          + " 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

  private static final Map<String, String> TYPES =
      Map.of(
          "html", "text/html; charset=utf-8",
          "css", "text/css; charset=utf-8",
          "js", "text/javascript; charset=utf-8",
          "svg", "image/svg+xml",
          "md", "text/markdown; charset=utf-8");

  private static final List<String> FILES =
      List.of(
          "index.html",
          "dashboard.css",
          "dashboard.js",
          "favicon.svg",
          // Chart.js, vendored from npm with its licence (docs/decisions/0020-dashboard-charts.md)
          "vendor/chart.umd.min.js",
          "vendor/chart.js-LICENSE.md");

  private final Map<String, byte[]> files = new LinkedHashMap<>();

  DashboardAssets() {
    for (String name : FILES) {
      try (InputStream in = DashboardAssets.class.getResourceAsStream(RESOURCES + name)) {
        if (in == null) {
          throw new IllegalStateException("the dashboard file " + name + " is not in the jar");
        }
        files.put(name, in.readAllBytes());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** The file for a path under {@code /ui/} ({@code /ui/} itself is the page). */
  HttpRoutes.Reply serve(String path) {
    String name = path.substring(PREFIX.length());
    if (name.isEmpty()) {
      name = "index.html";
    }
    byte[] body = files.get(name);
    if (body == null) {
      return new HttpRoutes.Reply(
          404,
          "text/plain; charset=utf-8",
          ("no such dashboard file: " + DashboardApi.clip(path)).getBytes(StandardCharsets.UTF_8),
          Map.of("X-Content-Type-Options", "nosniff"));
    }
    String type = TYPES.get(name.substring(name.lastIndexOf('.') + 1));
    return new HttpRoutes.Reply(
        200,
        type,
        body,
        Map.of(
            "Content-Security-Policy", CONTENT_SECURITY_POLICY,
            "X-Content-Type-Options", "nosniff",
            "Referrer-Policy", "no-referrer",
            "Cache-Control", "no-cache"));
  }
}
