package dev.winfleet.core.placement;

import dev.winfleet.core.catalog.CatalogFiles;
import dev.winfleet.core.fleet.Toleration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Scheduling facts from {@code scheduling.yaml}: what controllers add to the pods they make. */
public final class SchedulingFacts {

  static final String RESOURCE = "/dev/winfleet/core/placement/scheduling.yaml";

  private final List<Toleration> daemonSet;
  private final List<Toleration> daemonSetHostNetwork;

  private SchedulingFacts(List<Toleration> daemonSet, List<Toleration> daemonSetHostNetwork) {
    this.daemonSet = List.copyOf(daemonSet);
    this.daemonSetHostNetwork = List.copyOf(daemonSetHostNetwork);
  }

  public static SchedulingFacts builtIn() {
    return BuiltIn.FACTS;
  }

  private static final class BuiltIn {
    static final SchedulingFacts FACTS = load();

    private static SchedulingFacts load() {
      FactsFile file = CatalogFiles.read(RESOURCE, FactsFile.class);
      List<Toleration> all = new ArrayList<>();
      List<Toleration> hostNetworkOnly = new ArrayList<>();
      for (TolerationEntry e : file.daemonSetTolerations) {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("key", e.key);
        tree.put("operator", e.operator);
        tree.put("effect", e.effect);
        Toleration t =
            Toleration.fromTree(tree)
                .orElseThrow(
                    () -> new IllegalStateException(RESOURCE + ": invalid toleration " + e.key));
        (e.hostNetworkOnly ? hostNetworkOnly : all).add(t);
      }
      return new SchedulingFacts(all, hostNetworkOnly);
    }
  }

  static final class FactsFile {
    public List<TolerationEntry> daemonSetTolerations;
  }

  static final class TolerationEntry {
    public String key;
    public String operator;
    public String effect;
    public boolean hostNetworkOnly;
  }

  /** The tolerations the DaemonSet controller adds to its pods. */
  public List<Toleration> daemonSetTolerations(boolean hostNetwork) {
    if (!hostNetwork) {
      return daemonSet;
    }
    List<Toleration> all = new ArrayList<>(daemonSet);
    all.addAll(daemonSetHostNetwork);
    return all;
  }
}
