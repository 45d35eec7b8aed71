package dev.winfleet.kube;

import dev.winfleet.core.fleet.Fleet;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.node.v1.RuntimeClass;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reads the fleet (Nodes and RuntimeClasses) of a live cluster once. */
public final class ClusterFleetReader {

  private final FleetMapper mapper;

  public ClusterFleetReader(FleetMapper mapper) {
    this.mapper = mapper;
  }

  public static ClusterFleetReader builtIn() {
    return new ClusterFleetReader(FleetMapper.builtIn());
  }

  /**
   * A client for a kubeconfig file and context (null: its current context).
   *
   * @throws KubeAccessException when the file cannot be read or the context is unknown
   */
  public static KubernetesClient connect(Path kubeconfig, String context)
      throws KubeAccessException {
    String text;
    try {
      text = Files.readString(kubeconfig, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new KubeAccessException(
          "cannot read the kubeconfig " + kubeconfig + ": " + e.getMessage(), e);
    }
    Config config;
    try {
      config = Config.fromKubeconfig(context, text, kubeconfig.toString());
    } catch (RuntimeException e) {
      throw new KubeAccessException(
          "cannot use the kubeconfig "
              + kubeconfig
              + (context == null ? "" : " with context " + context)
              + ": "
              + oneLine(e),
          e);
    }
    if (context != null
        && (config.getCurrentContext() == null
            || !context.equals(config.getCurrentContext().getName()))) {
      throw new KubeAccessException(
          "the kubeconfig "
              + kubeconfig
              + " has no context named '"
              + context
              + "'"
              + "; 'kubectl config get-contexts --kubeconfig "
              + kubeconfig
              + "' lists them",
          null);
    }
    Config bounded =
        new ConfigBuilder(config)
            .withConnectionTimeout(10_000)
            .withRequestTimeout(30_000)
            .withRequestRetryBackoffLimit(
                1) // a command line fails fast; it does not wait out retries
            .build();
    return new KubernetesClientBuilder().withConfig(bounded).build();
  }

  /**
   * Lists the cluster's Nodes and RuntimeClasses.
   *
   * @throws KubeAccessException when the API server cannot be reached or refuses, naming the
   *     permission needed
   */
  public Fleet read(KubernetesClient client) throws KubeAccessException {
    List<Node> nodes;
    try {
      nodes = client.nodes().list().getItems();
    } catch (KubernetesClientException e) {
      throw failure("list nodes", "nodes", client, e);
    }
    List<RuntimeClass> classes;
    try {
      classes = client.resources(RuntimeClass.class).list().getItems();
    } catch (KubernetesClientException e) {
      throw failure("list runtimeclasses", "runtimeclasses.node.k8s.io", client, e);
    }
    return mapper.fleet(nodes, classes);
  }

  static KubeAccessException failure(
      String what, String resource, KubernetesClient client, KubernetesClientException e) {
    String server = client.getConfiguration().getMasterUrl();
    String advice =
        switch (e.getCode()) {
          case 401 ->
              "the credentials were refused; refresh them (kubectl get nodes shows the same)";
          case 403 -> "permission denied; winfleet needs get and list on " + resource;
          case 0, -1 -> "the API server did not answer; check the address and your network";
          default -> "the API server answered " + e.getCode();
        };
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String detail = root == e ? oneLine(e) : root.getClass().getSimpleName() + ": " + oneLine(root);
    return new KubeAccessException(
        "cannot " + what + " at " + server + ": " + advice + " (" + detail + ")", e);
  }

  private static String oneLine(Throwable e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
