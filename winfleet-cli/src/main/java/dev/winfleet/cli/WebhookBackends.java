package dev.winfleet.cli;

import dev.winfleet.core.image.InspectedImage;
import dev.winfleet.core.rules.RulesEngine;
import dev.winfleet.core.spi.AuditView;
import dev.winfleet.core.spi.FleetInventory;
import dev.winfleet.core.spi.FleetView;
import dev.winfleet.core.spi.InventoryStatus;
import dev.winfleet.core.spi.MetricsSection;
import dev.winfleet.core.spi.PullSecretSource;
import dev.winfleet.kube.ClusterFleetReader;
import dev.winfleet.kube.KubeAccessException;
import dev.winfleet.kube.KubePullSecrets;
import dev.winfleet.kube.LiveFleet;
import dev.winfleet.kube.audit.AuditController;
import dev.winfleet.kube.audit.AuditStore;
import dev.winfleet.kube.audit.ReportWriter;
import dev.winfleet.registry.api.InspectorConfig;
import dev.winfleet.registry.api.RegistryInspector;
import dev.winfleet.server.ExercisePolicy;
import dev.winfleet.server.api.AdmissionPolicy;
import dev.winfleet.server.api.ImageLookup;
import dev.winfleet.server.api.PolicySettings;
import dev.winfleet.server.policy.PlacementPolicy;
import dev.winfleet.server.policy.RegistryImageLookup;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds what {@code winfleet serve} runs: the one place where the rules engine, the fleet
 * inventory (a file or the live cluster) and the registry inspector meet the webhook server.
 */
final class WebhookBackends {

  /** Which policy to run; anything but REAL is for benchmarks and demos. */
  enum Mode {
    /** The rules engine and placement against the fleet. */
    REAL,
    /** Admits everything unchanged: the server stack alone, for benchmarks. */
    NOOP,
    /** {@link ExercisePolicy}: reads images and annotates, deciding nothing. */
    EXERCISE
  }

  private WebhookBackends() {}

  static WebhookBackend create(
      Mode mode, FleetSourceSpec fleet, PolicySettings settings, Clock clock) {
    return switch (mode) {
      case NOOP -> new WebhookBackend(AdmissionPolicy.allowAll(), syncedEmpty(clock), null);
      case EXERCISE -> new WebhookBackend(new ExercisePolicy(), syncedEmpty(clock), null);
      case REAL -> real(fleet, settings, true, clock);
    };
  }

  /**
   * The rules engine's policy ({@link PlacementPolicy}) against the fleet of {@code fleet} (a file,
   * or informers on the cluster), with the registry inspector reading what tag hints leave open
   * (with the pods' pull secrets in live mode) unless {@code registry} is false; in live mode with
   * {@code audit}, the audit controller and its report writer too (see docs/audit.md).
   */
  static WebhookBackend real(
      FleetSourceSpec fleet, PolicySettings settings, boolean registry, Clock clock) {
    return real(fleet, settings, registry, List.of(), false, clock);
  }

  /**
   * As {@link #real(FleetSourceSpec, PolicySettings, boolean, Clock)}, with the facts of a lock
   * file ({@code winfleet images lock}, {@code --images}) answering first: the registry (when
   * allowed) is asked only for what the lock file does not hold; with {@code audit}, in live mode,
   * the audit controller and its report writer too.
   */
  static WebhookBackend real(
      FleetSourceSpec fleet,
      PolicySettings settings,
      boolean registry,
      List<InspectedImage> locked,
      boolean audit,
      Clock clock) {
    List<AutoCloseable> resources = new ArrayList<>();
    FleetView view;
    PullSecretSource secrets = PullSecretSource.none();
    KubernetesClient client = null;
    LiveFleet live = null;
    if (fleet.isStatic()) {
      view = FleetView.of(FleetFiles.readFleet(fleet.fleetFile()), clock.instant());
    } else {
      client = connect(fleet);
      resources.add(client);
      live = LiveFleet.start(client, clock);
      resources.add(0, live);
      view = live;
      secrets = new KubePullSecrets(client, clock);
    }
    ImageLookup lookup = null;
    if (registry) {
      RegistryInspector inspector = RegistryInspector.create(InspectorConfig.defaults());
      resources.add(0, inspector);
      RegistryImageLookup registryLookup = new RegistryImageLookup(inspector, secrets, clock);
      resources.add(0, registryLookup);
      lookup = registryLookup;
    }
    if (!locked.isEmpty()) {
      lookup = lockFirst(locked, lookup);
    }
    PlacementPolicy policy = new PlacementPolicy(view, lookup, settings, clock);
    AuditView auditView = AuditView.NONE;
    List<MetricsSection> metrics = new ArrayList<>();
    if (audit && live != null) {
      LiveFleet liveFleet = live;
      AuditStore store =
          new AuditStore(RulesEngine.builtIn(), (o, ns) -> policy.environment(o, ns, false), clock);
      AuditController controller =
          AuditController.start(
              client, store, liveFleet::synced, Runtime.getRuntime().availableProcessors());
      liveFleet.onFleetChange(f -> controller.fleetChanged());
      ReportWriter writer =
          ReportWriter.start(
              client,
              controller,
              RulesEngine.builtIn().catalog(),
              ReportWriter.Settings.defaults(leaseNamespace(client), identity()),
              clock);
      // Closed first: the writer releases the Lease, then the informers stop.
      resources.add(0, controller);
      resources.add(0, writer);
      auditView = controller;
      metrics.add(controller.metrics());
      metrics.add(writer.metrics());
    }
    return new WebhookBackend(
        policy,
        view,
        () -> {
          for (AutoCloseable r : resources) {
            r.close();
          }
        },
        auditView,
        metrics,
        view::fleet);
  }

  /** The Lease's namespace: the client's (in a cluster, the service account's), else default. */
  private static String leaseNamespace(KubernetesClient client) {
    String ns = client.getNamespace();
    return ns == null || ns.isBlank() ? "default" : ns;
  }

  /** This replica's name in the Lease: the pod name (HOSTNAME) and a random suffix. */
  private static String identity() {
    String host = System.getenv("HOSTNAME");
    String suffix = java.util.UUID.randomUUID().toString().substring(0, 8);
    return (host == null || host.isBlank() ? "winfleet" : host) + "-" + suffix;
  }

  /**
   * A client for the dashboard's token reviews: the cluster {@code serve} watches (or the
   * in-cluster config), asked once with a 5 s timeout and no retries, so a dashboard request never
   * waits long on an API server that does not answer.
   */
  static KubernetesClient reviewClient(FleetSourceSpec fleet) {
    io.fabric8.kubernetes.client.Config config;
    try (KubernetesClient base = connect(fleet)) {
      config = base.getConfiguration();
    }
    return new KubernetesClientBuilder()
        .withConfig(
            new io.fabric8.kubernetes.client.ConfigBuilder(config)
                .withRequestRetryBackoffLimit(0)
                .withRequestTimeout(5_000)
                .withConnectionTimeout(5_000)
                .build())
        .build();
  }

  private static KubernetesClient connect(FleetSourceSpec fleet) {
    if (fleet.kubeconfig() != null) {
      try {
        return ClusterFleetReader.connect(fleet.kubeconfig(), fleet.context());
      } catch (KubeAccessException e) {
        throw new UserException("--kubeconfig: " + e.getMessage(), e);
      }
    }
    // In-cluster: the service account's token and the API server from the environment.
    return new KubernetesClientBuilder().build();
  }

  private static FleetInventory syncedEmpty(Clock clock) {
    InventoryStatus status = InventoryStatus.synced(clock.instant(), List.of());
    return FleetInventory.fixed(status);
  }

  /** Answers from the lock file; what it does not hold goes to {@code registry} (or stays out). */
  static ImageLookup lockFirst(List<InspectedImage> locked, ImageLookup registry) {
    java.util.Map<String, InspectedImage> byReference = new java.util.HashMap<>();
    locked.forEach(i -> byReference.put(i.reference(), i));
    return (references, namespace, pullSecrets, deadline, dryRun) -> {
      List<InspectedImage> out = new ArrayList<>();
      List<String> rest = new ArrayList<>();
      for (String r : references) {
        InspectedImage known = byReference.get(r);
        if (known != null && known.error() == null) {
          out.add(known);
        } else {
          rest.add(r);
        }
      }
      if (registry != null && !rest.isEmpty()) {
        out.addAll(registry.inspect(rest, namespace, pullSecrets, deadline, dryRun));
      }
      return out;
    };
  }
}
