package dev.winfleet.server.dashboard;

/**
 * Answers "what breaks if these nodes move to that Windows release?" for the dashboard's {@code
 * /api/simulate}. {@link PlacementUpgradeSimulator} answers from the placement engine; the fleet
 * planner can answer instead through an adapter that returns the same {@link UpgradeSimulation}.
 *
 * <p>Implementations are pure and thread-safe; the request has been checked against the model's
 * fleet ({@link UpgradeRequest#parse}).
 */
@FunctionalInterface
public interface UpgradeSimulator {

  UpgradeSimulation simulate(DashboardModel model, UpgradeRequest request);
}
