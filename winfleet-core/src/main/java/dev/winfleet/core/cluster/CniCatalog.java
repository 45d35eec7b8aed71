package dev.winfleet.core.cluster;

import dev.winfleet.core.catalog.CatalogFiles;
import dev.winfleet.core.image.ImageReference;
import dev.winfleet.core.image.InvalidImageReferenceException;
import dev.winfleet.core.manifest.ManifestObject;
import dev.winfleet.core.manifest.PodTemplate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** The network plugins winfleet recognises, from {@code cni-plugins.yaml}, in the file's order. */
public final class CniCatalog {

  static final String RESOURCE = "/dev/winfleet/core/cluster/cni-plugins.yaml";

  private final List<CniPlugin> plugins;

  public CniCatalog(List<CniPlugin> plugins) {
    this.plugins = List.copyOf(plugins);
  }

  public static CniCatalog builtIn() {
    return BuiltIn.CATALOG;
  }

  private static final class BuiltIn {
    static final CniCatalog CATALOG = load();
  }

  static CniCatalog load() {
    PluginsFile file = CatalogFiles.read(RESOURCE, PluginsFile.class);
    List<CniPlugin> out = new ArrayList<>();
    for (PluginEntry e : file.plugins) {
      try {
        out.add(e.toPlugin());
      } catch (RuntimeException ex) {
        throw new IllegalStateException(
            RESOURCE + ": plugin '" + e.id + "' is invalid: " + ex.getMessage(), ex);
      }
    }
    return new CniCatalog(out);
  }

  static final class PluginsFile {
    public List<PluginEntry> plugins;
  }

  static final class PluginEntry {
    public String id;
    public String name;
    public List<String> daemonSetNames;
    public List<String> images;
    public boolean windowsDataPlane;
    public String windowsKubeProxy;
    public String windowsNote;
    public Map<String, String> windowsBackends;
    public Vxlan windowsVxlan;
    public Vxlan linuxVxlanDefaults;
    public List<String> configMaps;
    public List<String> sources;
    public String kubeProxyReplacedWhen;

    CniPlugin toPlugin() {
      if (sources == null || sources.isEmpty()) {
        throw new IllegalArgumentException("every plugin needs a source");
      }
      return new CniPlugin(
          id,
          name,
          patterns(daemonSetNames),
          patterns(images),
          windowsDataPlane,
          CniPlugin.WindowsKubeProxy.valueOf(
              windowsKubeProxy.toUpperCase(Locale.ROOT).replace('-', '_')),
          windowsNote,
          windowsBackends == null ? Map.of() : new LinkedHashMap<>(windowsBackends),
          windowsVxlan == null ? 0 : windowsVxlan.vni,
          windowsVxlan == null ? 0 : windowsVxlan.port,
          linuxVxlanDefaults == null ? 0 : linuxVxlanDefaults.vni,
          linuxVxlanDefaults == null ? 0 : linuxVxlanDefaults.port,
          configMaps == null ? List.of() : configMaps,
          sources,
          kubeProxyReplacedWhen == null ? null : Pattern.compile(kubeProxyReplacedWhen));
    }

    private static List<Pattern> patterns(List<String> regexes) {
      return regexes == null ? List.of() : regexes.stream().map(Pattern::compile).toList();
    }
  }

  static final class Vxlan {
    public int vni;
    public int port;
  }

  public List<CniPlugin> plugins() {
    return plugins;
  }

  public Optional<CniPlugin> plugin(String id) {
    return plugins.stream().filter(p -> p.id().equals(id)).findFirst();
  }

  /** The plugins with a Windows data plane, by name, for advice. */
  public List<String> windowsCapableNames() {
    return plugins.stream().filter(CniPlugin::windowsDataPlane).map(CniPlugin::name).toList();
  }

  /**
   * The plugin a DaemonSet belongs to: by its name first (in file order), else by its containers'
   * images.
   */
  public Optional<CniPlugin> recognise(ManifestObject daemonSet) {
    String name = daemonSet.name();
    for (CniPlugin p : plugins) {
      if (p.matchesDaemonSetName(name)) {
        return Optional.of(p);
      }
    }
    List<String> images = imageNames(daemonSet);
    for (CniPlugin p : plugins) {
      for (String image : images) {
        if (p.matchesImage(image)) {
          return Optional.of(p);
        }
      }
    }
    return Optional.empty();
  }

  /** The normalised names (registry/repository, no tag) of a workload's container images. */
  static List<String> imageNames(ManifestObject workload) {
    List<String> out = new ArrayList<>();
    Optional<PodTemplate> template = PodTemplate.of(workload);
    if (template.isEmpty()) {
      return out;
    }
    for (String image : template.get().images()) {
      try {
        out.add(ImageReference.parse(image).name());
      } catch (InvalidImageReferenceException e) {
        // not an image winfleet can name; the checker reports it
      }
    }
    return out;
  }
}
