package dev.winfleet.core.rules;

import dev.winfleet.core.catalog.KubernetesVersion;
import dev.winfleet.core.catalog.KubernetesWindowsCatalog;
import dev.winfleet.core.catalog.WindowsCatalog;
import dev.winfleet.core.fleet.Fleet;
import dev.winfleet.core.image.ImageMetadataSource;
import dev.winfleet.core.placement.PlacementEngine;
import dev.winfleet.core.version.OsVersion;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
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
  private final boolean versionsAssumed;
  private final List<Integer> newestSupportedBuilds;

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
    this(fleet, images, kubernetesVersions, selection, false);
  }

  /**
   * @param versionsAssumed true when nobody said which Kubernetes runs (no --kubernetes-version, no
   *     fleet kubelets): then, without a fleet, placement is judged against every Windows Server
   *     release Kubernetes has documented, and a release the newest version no longer lists is a
   *     support-policy warning (windows-release-unsupported), never "no node can run it"
   */
  public CheckEnvironment(
      Fleet fleet,
      ImageMetadataSource images,
      Collection<KubernetesVersion> kubernetesVersions,
      RuleSelection selection,
      boolean versionsAssumed) {
    this.fleet = Objects.requireNonNull(fleet, "fleet");
    this.versionsAssumed = versionsAssumed;
    this.images = Objects.requireNonNull(images, "images");
    this.kubernetesVersions = Collections.unmodifiableSortedSet(new TreeSet<>(kubernetesVersions));
    if (this.kubernetesVersions.isEmpty()) {
      throw new IllegalArgumentException("at least one Kubernetes version is needed");
    }
    this.selection = Objects.requireNonNull(selection, "selection");
    this.newestSupportedBuilds =
        KubernetesWindowsCatalog.builtIn().supportedBuilds(this.kubernetesVersions.last());
    this.kubernetesVersionsText =
        String.join(", ", this.kubernetesVersions.stream().map(Object::toString).toList());
    this.placementFleet =
        fleet.hasNodes()
            ? fleet
            : PlacementEngine.catalogFleet(
                    versionsAssumed
                        ? KubernetesWindowsCatalog.builtIn().releases().stream()
                            .map(KubernetesWindowsCatalog.Release::version)
                            .toList()
                        : this.kubernetesVersions,
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
    return new CheckEnvironment(
        fleet, images, defaultVersions(fleet), selection, fleet.kubeletVersions().isEmpty());
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

  /**
   * Whether the Kubernetes versions are winfleet's assumption (the newest it knows) rather than the
   * user's --kubernetes-version or the fleet's kubelets.
   */
  public boolean versionsAssumed() {
    return versionsAssumed;
  }

  /**
   * Whose Windows Server releases the stand-in fleet holds, for messages: {@code Kubernetes 1.35
   * supports} or, when the version is assumed, {@code some Kubernetes release has supported}.
   */
  public String supportScope() {
    return versionsAssumed
        ? "some Kubernetes release has supported"
        : "Kubernetes " + kubernetesVersions.last() + " supports";
  }

  /**
   * The Windows Server builds the newest of the Kubernetes versions documents for nodes ({@link
   * KubernetesWindowsCatalog#supportedBuilds}), worked out once: every pod's rules ask.
   */
  List<Integer> newestSupportedBuilds() {
    return newestSupportedBuilds;
  }

  /**
   * The Windows Server builds whose release tags rules suggest for an image (a rebuild, a tag in
   * place of {@code latest}): the builds of the fleet's Windows nodes, ascending; without a fleet,
   * those the newest of the Kubernetes versions documents for nodes. Never the stand-in fleet's
   * when the version is assumed: that one holds every release some Kubernetes has supported, and
   * "rebuild on 1903" is no advice.
   */
  public List<Integer> suggestedBuilds() {
    if (!fleet.hasNodes()) {
      return newestSupportedBuilds.stream().sorted().toList();
    }
    return fleet.windowsBuilds().stream().map(OsVersion::build).distinct().sorted().toList();
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
