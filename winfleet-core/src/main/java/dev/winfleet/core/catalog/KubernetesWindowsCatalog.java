package dev.winfleet.core.catalog;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What each Kubernetes minor version supports on Windows, read from {@code
 * kubernetes-windows.yaml}: the Windows Server builds it documents for nodes, and the version in
 * which each Windows feature became usable (which lifted a limit).
 */
public final class KubernetesWindowsCatalog {

  static final String RESOURCE = "/dev/winfleet/core/catalog/kubernetes-windows.yaml";

  /**
   * One Kubernetes minor version.
   *
   * @param windowsServerBuilds the Windows Server builds its docs name for nodes
   */
  public record Release(
      KubernetesVersion version, List<Integer> windowsServerBuilds, String source) {
    public Release {
      Objects.requireNonNull(version, "version");
      windowsServerBuilds = List.copyOf(windowsServerBuilds);
      source = source == null ? "" : source;
    }
  }

  /**
   * A Windows feature and when it became usable.
   *
   * @param since the version from which it works without a feature gate (GA, or beta on by default
   *     where the data says so); null when it never did
   */
  public record Feature(
      String id,
      String what,
      KubernetesVersion alpha,
      KubernetesVersion beta,
      KubernetesVersion since,
      String source) {
    public Feature {
      Objects.requireNonNull(id, "id");
    }
  }

  /**
   * The kubelet version skew allowed from a control-plane version on: kubelets may be up to {@code
   * olderMinors} minor versions older than the API server, never newer.
   */
  public record KubeletSkew(KubernetesVersion since, int olderMinors) {
    public KubeletSkew {
      Objects.requireNonNull(since, "since");
      if (olderMinors < 0) {
        throw new IllegalArgumentException("olderMinors is 0 or more");
      }
    }
  }

  private final List<Release> releases;
  private final Map<String, Feature> features;
  private final List<KubeletSkew> kubeletSkew;

  public KubernetesWindowsCatalog(List<Release> releases, List<Feature> features) {
    this(releases, features, List.of(new KubeletSkew(new KubernetesVersion(1, 0), 2)));
  }

  public KubernetesWindowsCatalog(
      List<Release> releases, List<Feature> features, List<KubeletSkew> kubeletSkew) {
    List<Release> sorted = new ArrayList<>(releases);
    sorted.sort(Comparator.comparing(Release::version));
    if (sorted.isEmpty()) {
      throw new IllegalArgumentException("the catalog needs at least one Kubernetes release");
    }
    this.releases = List.copyOf(sorted);
    Map<String, Feature> byId = new LinkedHashMap<>();
    for (Feature f : features) {
      if (byId.put(f.id(), f) != null) {
        throw new IllegalArgumentException("feature listed twice: " + f.id());
      }
    }
    this.features = Map.copyOf(byId);
    List<KubeletSkew> skew = new ArrayList<>(kubeletSkew);
    skew.sort(Comparator.comparing(KubeletSkew::since));
    if (skew.isEmpty()) {
      throw new IllegalArgumentException("the catalog needs a kubelet skew rule");
    }
    this.kubeletSkew = List.copyOf(skew);
  }

  /** The catalog bundled with winfleet. */
  public static KubernetesWindowsCatalog builtIn() {
    return BuiltIn.CATALOG;
  }

  private static final class BuiltIn {
    static final KubernetesWindowsCatalog CATALOG = load();

    private static KubernetesWindowsCatalog load() {
      KubernetesFile file = CatalogFiles.read(RESOURCE, KubernetesFile.class);
      List<Release> releases =
          file.kubernetes.stream()
              .map(
                  e ->
                      new Release(
                          KubernetesVersion.parse(e.version), e.windowsServerBuilds, e.source))
              .toList();
      List<Feature> features =
          file.features.stream()
              .map(
                  f ->
                      new Feature(
                          f.id,
                          f.what,
                          version(f.alpha),
                          version(f.beta),
                          version(f.sinceKubernetes),
                          f.source))
              .toList();
      List<KubeletSkew> skew =
          file.kubeletSkew.stream()
              .map(e -> new KubeletSkew(KubernetesVersion.parse(e.since), e.olderMinors))
              .toList();
      return new KubernetesWindowsCatalog(releases, features, skew);
    }

    private static KubernetesVersion version(String text) {
      return text == null ? null : KubernetesVersion.parse(text);
    }
  }

  @com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true)
  static final class KubernetesFile {
    public List<ReleaseEntry> kubernetes;
    public List<FeatureEntry> features;
    public List<SkewEntry> kubeletSkew;
  }

  static final class SkewEntry {
    public String since;
    public int olderMinors;
  }

  static final class ReleaseEntry {
    public String version;
    public List<Integer> windowsServerBuilds;
    public String source;
  }

  static final class FeatureEntry {
    public String id;
    public String what;
    public String alpha;
    public String beta;
    public String withdrawn;
    public String sinceKubernetes;
    public String source;
  }

  /** Every release, oldest first. */
  public List<Release> releases() {
    return releases;
  }

  /** The newest Kubernetes version the catalog knows. */
  public KubernetesVersion newest() {
    return releases.get(releases.size() - 1).version();
  }

  /** The release entry of this minor version, if known. */
  public Optional<Release> release(KubernetesVersion version) {
    return releases.stream().filter(r -> r.version().equals(version)).findFirst();
  }

  /**
   * The Windows Server builds documented for nodes of this version; for a version newer than the
   * catalog, those of the newest it knows; for one older than the catalog, those of the oldest.
   */
  public List<Integer> supportedBuilds(KubernetesVersion version) {
    Release best = releases.get(0);
    for (Release r : releases) {
      if (r.version().compareTo(version) <= 0) {
        best = r;
      }
    }
    return best.windowsServerBuilds();
  }

  /**
   * How many minor versions a kubelet may lag behind an API server of this version (the rule in
   * force at that version; the oldest rule for versions before every rule).
   */
  public int kubeletOlderMinorsAllowed(KubernetesVersion apiServer) {
    KubeletSkew best = kubeletSkew.get(0);
    for (KubeletSkew s : kubeletSkew) {
      if (!apiServer.isBefore(s.since())) {
        best = s;
      }
    }
    return best.olderMinors();
  }

  /** The oldest kubelet minor an API server of this version supports. */
  public KubernetesVersion oldestKubeletAllowed(KubernetesVersion apiServer) {
    int minor = Math.max(0, apiServer.minor() - kubeletOlderMinorsAllowed(apiServer));
    return new KubernetesVersion(apiServer.major(), minor);
  }

  /**
   * The newest Kubernetes version in the catalog whose documentation lists this Windows Server
   * build, if any.
   */
  public Optional<KubernetesVersion> lastVersionListing(int build) {
    KubernetesVersion last = null;
    for (Release r : releases) {
      if (r.windowsServerBuilds().contains(build)) {
        last = r.version();
      }
    }
    return Optional.ofNullable(last);
  }

  public Optional<Feature> feature(String id) {
    return Optional.ofNullable(features.get(id));
  }

  /** All features by id. */
  public Map<String, Feature> features() {
    return features;
  }
}
