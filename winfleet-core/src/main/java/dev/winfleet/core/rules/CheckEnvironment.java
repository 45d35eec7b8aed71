package dev.winfleet.core.rules;

import dev.winfleet.core.catalog.KubernetesVersion;
import dev.winfleet.core.catalog.KubernetesWindowsCatalog;
import dev.winfleet.core.catalog.WindowsCatalog;
import dev.winfleet.core.fleet.Fleet;
import dev.winfleet.core.image.ImageMetadataSource;
import dev.winfleet.core.placement.PlacementEngine;
import java.util.Collection;
import java.util.Collections;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What the rules judge objects against: the fleet, where image knowledge comes from, the Kubernetes
 * versions whose limits apply, and which rules run. Immutable; build one per run (the webhook: one
 * per fleet snapshot) and share it across threads.
 */
public final class CheckEnvironment {

  private final Fleet fleet;
  private final ImageMetadataSource images;
  private final SortedSet<KubernetesVersion> kubernetesVersions;
  private final RuleSelection selection;
  private final Fleet placementFleet;
  private final String kubernetesVersionsText;

  /**
   * @param fleet the cluster's nodes and RuntimeClasses; a fleet without nodes means "no fleet":
   *     the rules that need one are skipped, and placement is judged against the catalog
   * @param images where image OS and builds come from
   * @param kubernetesVersions the Kubernetes versions whose limits apply; at least one
   */
  public CheckEnvironment(
      Fleet fleet,
      ImageMetadataSource images,
      Collection<KubernetesVersion> kubernetesVersions,
      RuleSelection selection) {
    this.fleet = Objects.requireNonNull(fleet, "fleet");
    this.images = Objects.requireNonNull(images, "images");
    this.kubernetesVersions = Collections.unmodifiableSortedSet(new TreeSet<>(kubernetesVersions));
    if (this.kubernetesVersions.isEmpty()) {
      throw new IllegalArgumentException("at least one Kubernetes version is needed");
    }
    this.selection = Objects.requireNonNull(selection, "selection");
    this.kubernetesVersionsText =
        String.join(", ", this.kubernetesVersions.stream().map(Object::toString).toList());
    this.placementFleet =
        fleet.hasNodes()
            ? fleet
            : PlacementEngine.catalogFleet(
                    this.kubernetesVersions,
                    KubernetesWindowsCatalog.builtIn(),
                    WindowsCatalog.builtIn())
                .withRuntimeClasses(fleet.runtimeClasses());
  }

  /**
   * The environment with the default Kubernetes versions: the fleet's kubelet versions, else the
   * newest the catalog knows.
   */
  public static CheckEnvironment of(
      Fleet fleet, ImageMetadataSource images, RuleSelection selection) {
    return new CheckEnvironment(fleet, images, defaultVersions(fleet), selection);
  }

  /** The fleet's kubelet minor versions, or the newest version the catalog knows. */
  public static SortedSet<KubernetesVersion> defaultVersions(Fleet fleet) {
    SortedSet<KubernetesVersion> v = new TreeSet<>(fleet.kubeletVersions());
    if (v.isEmpty()) {
      v.add(KubernetesWindowsCatalog.builtIn().newest());
    }
    return v;
  }

  public Fleet fleet() {
    return fleet;
  }

  public ImageMetadataSource images() {
    return images;
  }

  public SortedSet<KubernetesVersion> kubernetesVersions() {
    return kubernetesVersions;
  }

  /** {@code 1.29, 1.30}, for messages. */
  public String kubernetesVersionsText() {
    return kubernetesVersionsText;
  }

  public RuleSelection selection() {
    return selection;
  }

  /** Whether a real fleet (with nodes) was given. */
  public boolean hasFleet() {
    return fleet.hasNodes();
  }

  /** The fleet placement is judged against: the real one, or the catalog's stand-in. */
  public Fleet placementFleet() {
    return placementFleet;
  }
}
