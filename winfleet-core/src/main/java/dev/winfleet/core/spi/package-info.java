/**
 * The ports the edges implement and the front ends read, so that no edge module needs another: what
 * the fleet is now ({@link dev.winfleet.core.spi.FleetView}, {@link
 * dev.winfleet.core.spi.FleetInventory} with its {@link dev.winfleet.core.spi.InventoryStatus}),
 * the pull secrets of a namespace ({@link dev.winfleet.core.spi.PullSecretSource}), what the live
 * audit has judged ({@link dev.winfleet.core.spi.AuditView}) and extra lines for {@code /metrics}
 * ({@link dev.winfleet.core.spi.MetricsSection}). {@code winfleet-kube} implements them from the
 * cluster; {@code winfleet-server} reads them. A {@link dev.winfleet.core.spi.ParameterMessage}
 * lets each front end name a request's parameters its own way (the command line by its flags).
 */
package dev.winfleet.core.spi;
