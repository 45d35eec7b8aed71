package dev.winfleet.cli;

import dev.winfleet.core.image.InspectedImage;
import dev.winfleet.kube.ClusterFleetReader;
import dev.winfleet.kube.KubeAccessException;
import dev.winfleet.kube.KubePullSecrets;
import dev.winfleet.kube.LiveFleet;
import dev.winfleet.registry.api.InspectorConfig;
import dev.winfleet.registry.api.RegistryInspector;
import dev.winfleet.server.ExercisePolicy;
import dev.winfleet.server.api.AdmissionPolicy;
import dev.winfleet.server.api.FleetInventory;
import dev.winfleet.server.api.FleetView;
import dev.winfleet.server.api.ImageLookup;
import dev.winfleet.server.api.InventoryStatus;
import dev.winfleet.server.api.PolicySettings;
import dev.winfleet.server.api.PullSecretSource;
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
   * (with the pods' pull secrets in live mode) unless {@code registry} is false.
   */
  static WebhookBackend real(
      FleetSourceSpec fleet, PolicySettings settings, boolean registry, Clock clock) {
    return real(fleet, settings, registry, List.of(), clock);
  }

  /**
   * As {@link #real(FleetSourceSpec, PolicySettings, boolean, Clock)}, with the facts of a lock
   * file ({@code winfleet images lock}, {@code --images}) answering first: the registry (when
   * allowed) is asked only for what the lock file does not hold.
   */
  static WebhookBackend real(
      FleetSourceSpec fleet,
      PolicySettings settings,
      boolean registry,
      List<InspectedImage> locked,
      Clock clock) {
    List<AutoCloseable> resources = new ArrayList<>();
    FleetView view;
    PullSecretSource secrets = PullSecretSource.none();
    if (fleet.isStatic()) {
      view = FleetView.of(FleetFiles.readFleet(fleet.fleetFile()), clock.instant());
    } else {
      KubernetesClient client = connect(fleet);
      resources.add(client);
      LiveFleet live = LiveFleet.start(client, clock);
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
    return new WebhookBackend(
        new PlacementPolicy(view, lookup, settings, clock),
        view,
        () -> {
          for (AutoCloseable r : resources) {
            r.close();
          }
        });
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
