package dev.winfleet.kube;

import dev.winfleet.core.fleet.Fleet;
import dev.winfleet.core.fleet.FleetNode;
import dev.winfleet.core.fleet.RuntimeClassSpec;
import dev.winfleet.core.spi.FleetView;
import dev.winfleet.core.spi.InventoryStatus;
import dev.winfleet.core.spi.NodeGroups;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.node.v1.RuntimeClass;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The fleet of a live cluster, kept current by fabric8 SharedInformers on Nodes and RuntimeClasses:
 * nodes that join, are upgraded or leave change the snapshot without a restart.
 *
 * <p>Every event rebuilds an immutable {@link Fleet} (nodes sorted by name, mapped by {@link
 * FleetMapper}) and its {@link FleetIndex}; an event that changes nothing winfleet reads (a
 * heartbeat, a condition) keeps the same snapshot object, so what the policy derived from it stays
 * valid. {@link #status()} is synced once both informers have listed everything.
 */
public final class LiveFleet implements FleetView, AutoCloseable {

  /** How often the informers re-deliver every object, confirming the snapshot. */
  static final long RESYNC_MILLIS = 10 * 60 * 1000L;

  private final FleetMapper mapper;
  private final Clock clock;
  private final SharedIndexInformer<Node> nodes;
  private final SharedIndexInformer<RuntimeClass> runtimeClasses;
  private final Map<String, Mapped> mappedNodes = new HashMap<>();
  private volatile Snapshot snapshot;
  private final List<Consumer<Fleet>> listeners = new CopyOnWriteArrayList<>();

  private record Mapped(String resourceVersion, FleetNode node) {}

  /** One immutable view: the fleet, its index, and when it was last confirmed. */
  public record Snapshot(Fleet fleet, FleetIndex index, Instant updated) {}

  private LiveFleet(KubernetesClient client, FleetMapper mapper, Clock clock) {
    this.mapper = Objects.requireNonNull(mapper, "mapper");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.snapshot = new Snapshot(Fleet.empty(), FleetIndex.of(Fleet.empty()), null);
    this.nodes = client.nodes().runnableInformer(RESYNC_MILLIS);
    this.runtimeClasses = client.resources(RuntimeClass.class).runnableInformer(RESYNC_MILLIS);
    nodes.addEventHandler(new Rebuild<>());
    runtimeClasses.addEventHandler(new Rebuild<>());
  }

  /**
   * Starts watching the cluster; returns at once. {@link #status()} says when the first full view
   * is in.
   */
  public static LiveFleet start(KubernetesClient client, Clock clock) {
    LiveFleet live = new LiveFleet(client, FleetMapper.builtIn(), clock);
    live.nodes.start();
    live.runtimeClasses.start();
    return live;
  }

  /** Whether both informers have listed everything once. */
  public boolean synced() {
    return nodes.hasSynced() && runtimeClasses.hasSynced();
  }

  /**
   * Calls {@code listener} with the new fleet whenever a node joins, leaves or changes what
   * winfleet reads of it (its build, revision, labels, taints), or a RuntimeClass changes; never
   * for events that keep the snapshot. Called on the informer's thread: hand work off quickly.
   */
  public void onFleetChange(Consumer<Fleet> listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  public Snapshot snapshot() {
    return snapshot;
  }

  @Override
  public Fleet fleet() {
    return snapshot.fleet();
  }

  @Override
  public InventoryStatus status() {
    Snapshot s = snapshot;
    if (!synced()) {
      return InventoryStatus.notSynced();
    }
    return InventoryStatus.synced(
        s.updated() == null ? clock.instant() : s.updated(), NodeGroups.of(s.fleet()));
  }

  private final class Rebuild<T extends HasMetadata> implements ResourceEventHandler<T> {
    @Override
    public void onAdd(T obj) {
      rebuild();
    }

    @Override
    public void onUpdate(T oldObj, T newObj) {
      rebuild();
    }

    @Override
    public void onDelete(T obj, boolean deletedFinalStateUnknown) {
      rebuild();
    }
  }

  /** Rebuilds the snapshot from the informers' stores; keeps the old one when nothing changed. */
  synchronized void rebuild() {
    List<Node> listed = new ArrayList<>(nodes.getStore().list());
    listed.sort(Comparator.comparing(n -> n.getMetadata().getName()));
    Map<String, Mapped> seen = new HashMap<>();
    List<FleetNode> fleetNodes = new ArrayList<>(listed.size());
    for (Node n : listed) {
      String name = n.getMetadata().getName();
      String version = n.getMetadata().getResourceVersion();
      Mapped m = mappedNodes.get(name);
      if (m == null || version == null || !version.equals(m.resourceVersion())) {
        m = new Mapped(version, mapper.node(n));
      }
      seen.put(name, m);
      fleetNodes.add(m.node());
    }
    mappedNodes.clear();
    mappedNodes.putAll(seen);
    List<RuntimeClass> classes = new ArrayList<>(runtimeClasses.getStore().list());
    classes.sort(Comparator.comparing(rc -> rc.getMetadata().getName()));
    List<RuntimeClassSpec> specs = classes.stream().map(mapper::runtimeClass).toList();
    Snapshot old = snapshot;
    Instant now = clock.instant();
    if (old.fleet().nodes().equals(fleetNodes) && old.fleet().runtimeClasses().equals(specs)) {
      snapshot = new Snapshot(old.fleet(), old.index(), now);
      return;
    }
    Fleet fleet = new Fleet(fleetNodes, specs);
    snapshot = new Snapshot(fleet, FleetIndex.of(fleet), now);
    for (Consumer<Fleet> l : listeners) {
      l.accept(fleet);
    }
  }

  @Override
  public void close() {
    nodes.close();
    runtimeClasses.close();
  }
}
