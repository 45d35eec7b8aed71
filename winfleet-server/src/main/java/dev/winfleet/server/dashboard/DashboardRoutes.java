package dev.winfleet.server.dashboard;

import dev.winfleet.server.HttpRoutes;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Mounts the dashboard on the webhook server: the page under {@code /ui/}, its JSON API under
 * {@code /api/}, and {@code /} redirecting to the page.
 *
 * <pre>{@code
 * HttpRoutes routes = DashboardRoutes.of(() -> model, UpgradeSimulator.builtIn());
 * WebhookServer.start(config, policy, inventory, clock, routes);
 * }</pre>
 */
public final class DashboardRoutes implements HttpRoutes {

  private final DashboardAssets assets;
  private final DashboardApi api;

  private DashboardRoutes(DashboardAssets assets, DashboardApi api) {
    this.assets = assets;
    this.api = api;
  }

  /**
   * @param model the current model, asked once per API request (rebuild it when the fleet changes)
   * @param simulator answers the upgrade simulation
   */
  public static DashboardRoutes of(Supplier<DashboardModel> model, UpgradeSimulator simulator) {
    return new DashboardRoutes(new DashboardAssets(), new DashboardApi(model, simulator));
  }

  /** As {@link #of(Supplier, UpgradeSimulator)}, also answering {@code /api/audit}. */
  public static DashboardRoutes of(
      Supplier<DashboardModel> model,
      UpgradeSimulator simulator,
      dev.winfleet.core.spi.AuditView audit) {
    return new DashboardRoutes(new DashboardAssets(), new DashboardApi(model, simulator, audit));
  }

  @Override
  public boolean serves(String path) {
    return path.equals("/")
        || path.equals("/ui")
        || path.startsWith(DashboardAssets.PREFIX)
        || path.equals("/api")
        || path.startsWith("/api/");
  }

  @Override
  public Reply handle(Request request) {
    String path = request.path();
    if (path.equals("/") || path.equals("/ui")) {
      return new Reply(
          302,
          "text/plain; charset=utf-8",
          "see /ui/".getBytes(java.nio.charset.StandardCharsets.UTF_8),
          Map.of("Location", DashboardAssets.PREFIX));
    }
    if (path.startsWith(DashboardAssets.PREFIX)) {
      return assets.serve(path);
    }
    return api.handle(request);
  }
}
