package dev.winfleet.core.cluster;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A network plugin winfleet recognises, and what it does on Windows nodes (from {@code
 * cni-plugins.yaml}).
 *
 * @param daemonSetNames whole-name patterns for its DaemonSets
 * @param images patterns found in its images' names
 * @param windowsBackends for flannel: the backends Windows supports and the Windows network mode of
 *     each; empty for other plugins
 * @param windowsVxlanVni the VXLAN network id Windows needs, 0 when not applicable
 * @param windowsVxlanPort the VXLAN UDP port Windows needs, 0 when not applicable
 * @param configMaps the ConfigMaps holding the plugin's network configuration
 * @param kubeProxyReplacedWhen a pattern that, found in the data of one of the plugin's ConfigMaps
 *     (named like its DaemonSets' plugin, e.g. antrea-windows-config), means the plugin replaces
 *     kube-proxy on Windows (Antrea's {@code proxyAll: true}); null when it never does
 */
public record CniPlugin(
    String id,
    String name,
    List<Pattern> daemonSetNames,
    List<Pattern> images,
    boolean windowsDataPlane,
    WindowsKubeProxy windowsKubeProxy,
    String windowsNote,
    Map<String, String> windowsBackends,
    int windowsVxlanVni,
    int windowsVxlanPort,
    int linuxVxlanVni,
    int linuxVxlanPort,
    List<String> configMaps,
    List<String> sources,
    Pattern kubeProxyReplacedWhen) {

  /** How Windows nodes get kube-proxy with this plugin. */
  public enum WindowsKubeProxy {
    /** A kube-proxy DaemonSet for Windows (HostProcess) is needed. */
    DAEMONSET,
    /** The platform installs kube-proxy on Windows nodes as a service. */
    NODE_SERVICE,
    /** The plugin replaces kube-proxy. */
    NOT_NEEDED
  }

  public CniPlugin {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    daemonSetNames = List.copyOf(daemonSetNames);
    images = List.copyOf(images);
    Objects.requireNonNull(windowsKubeProxy, "windowsKubeProxy");
    windowsNote = windowsNote == null ? "" : windowsNote;
    windowsBackends = Map.copyOf(windowsBackends);
    configMaps = List.copyOf(configMaps);
    sources = List.copyOf(sources);
  }

  /** Whether a DaemonSet of this name belongs to the plugin. */
  public boolean matchesDaemonSetName(String daemonSet) {
    return daemonSetNames.stream().anyMatch(p -> p.matcher(daemonSet).matches());
  }

  /** Whether an image name (registry/repository, no tag) belongs to the plugin. */
  public boolean matchesImage(String imageName) {
    return images.stream().anyMatch(p -> p.matcher(imageName).find());
  }
}
