package dev.winfleet.core.rules;

import dev.winfleet.core.catalog.WindowsCatalog;
import dev.winfleet.core.fleet.FleetNode;
import dev.winfleet.core.fleet.Toleration;
import dev.winfleet.core.version.OsVersion;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/** Words for rule messages: node lists, builds, tolerations. */
final class Describe {

  private static final int MAX_NAMES = 5;

  private Describe() {}

  /** {@code win19-a (10.0.17763.5206), lin-a (linux)}, at most five, then "and N more". */
  static String nodes(Collection<FleetNode> nodes) {
    List<String> parts = new ArrayList<>();
    int i = 0;
    for (FleetNode n : nodes) {
      if (i++ == MAX_NAMES) {
        parts.add("and " + (nodes.size() - MAX_NAMES) + " more");
        break;
      }
      parts.add(n.name() + " (" + nodeOs(n) + ")");
    }
    return String.join(", ", parts);
  }

  static String nodeOs(FleetNode n) {
    if (n.isWindows()) {
      return n.windowsVersion() == null ? "windows, build unknown" : n.windowsVersion().toString();
    }
    return n.os() == null ? "os unknown" : n.os().label();
  }

  /** {@code Windows Server 2022 (10.0.20348), Windows Server 2025 (10.0.26100)}. */
  static String releases(Collection<OsVersion> builds, WindowsCatalog catalog) {
    return builds.stream().map(catalog::describe).collect(Collectors.joining(", "));
  }

  /** {@code 10.0.17763, 10.0.20348}. */
  static String builds(Collection<OsVersion> builds) {
    return builds.stream().map(OsVersion::buildString).collect(Collectors.joining(", "));
  }

  /** A YAML flow list of tolerations: {@code [{key: os, operator: Equal, ...}]}. */
  static String tolerations(List<Toleration> tolerations) {
    return tolerations.stream()
        .map(Toleration::toString)
        .collect(Collectors.joining(", ", "[", "]"));
  }

  /** {@code "a", "b"} quoted and joined. */
  static String quoted(Collection<String> values) {
    return values.stream().map(v -> "\"" + v + "\"").collect(Collectors.joining(", "));
  }
}
