package dev.winfleet.core.spi;

import java.util.Objects;

/**
 * How many nodes of the fleet share an OS and build, for the {@code winfleet_fleet_nodes} metric.
 *
 * @param os {@code windows}, {@code linux} or {@code unknown}
 * @param build the Windows build label ({@code 10.0.20348}); empty for Linux or unknown
 */
public record NodeGroup(String os, String build, int count) {
  public NodeGroup {
    Objects.requireNonNull(os, "os");
    build = build == null ? "" : build;
    if (count < 0) {
      throw new IllegalArgumentException("count must not be negative: " + count);
    }
  }
}
