package dev.winfleet.kube;

import dev.winfleet.core.catalog.WindowsCatalog;
import dev.winfleet.core.compat.OsFamily;
import dev.winfleet.core.fleet.Fleet;
import dev.winfleet.core.fleet.FleetNode;
import dev.winfleet.core.fleet.FleetObjects;
import dev.winfleet.core.fleet.NodeImage;
import dev.winfleet.core.fleet.Quantities;
import dev.winfleet.core.fleet.RuntimeClassSpec;
import dev.winfleet.core.fleet.Taint;
import dev.winfleet.core.fleet.TaintEffect;
import dev.winfleet.core.fleet.Toleration;
import io.fabric8.kubernetes.api.model.ContainerImage;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeSystemInfo;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.node.v1.RuntimeClass;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The one mapping from fabric8's Kubernetes model to winfleet-core's fleet values. The checker uses
 * it for {@code --kubeconfig}; the webhook's informers call the same methods on every node event.
 */
public final class FleetMapper {

  private final WindowsCatalog catalog;

  public FleetMapper(WindowsCatalog catalog) {
    this.catalog = Objects.requireNonNull(catalog, "catalog");
  }

  /** A mapper that names Windows releases with the built-in catalog. */
  public static FleetMapper builtIn() {
    return new FleetMapper(WindowsCatalog.builtIn());
  }

  public Fleet fleet(List<Node> nodes, List<RuntimeClass> runtimeClasses) {
    return new Fleet(
        nodes.stream().map(this::node).toList(),
        runtimeClasses.stream().map(this::runtimeClass).toList());
  }

  /** A Node as a fleet node. Missing parts of its status read as unknown. */
  public FleetNode node(Node node) {
    Map<String, String> labels =
        node.getMetadata() == null || node.getMetadata().getLabels() == null
            ? Map.of()
            : node.getMetadata().getLabels();
    NodeSystemInfo info =
        node.getStatus() == null || node.getStatus().getNodeInfo() == null
            ? new NodeSystemInfo()
            : node.getStatus().getNodeInfo();
    List<Taint> taints = new ArrayList<>();
    if (node.getSpec() != null && node.getSpec().getTaints() != null) {
      for (io.fabric8.kubernetes.api.model.Taint t : node.getSpec().getTaints()) {
        Optional<TaintEffect> effect = TaintEffect.parse(t.getEffect());
        if (t.getKey() != null && effect.isPresent()) {
          taints.add(new Taint(t.getKey(), t.getValue(), effect.get()));
        }
      }
    }
    Map<String, Quantity> allocatable =
        node.getStatus() == null || node.getStatus().getAllocatable() == null
            ? Map.of()
            : node.getStatus().getAllocatable();
    List<NodeImage> images = new ArrayList<>();
    if (node.getStatus() != null && node.getStatus().getImages() != null) {
      for (ContainerImage i : node.getStatus().getImages()) {
        images.add(
            new NodeImage(
                i.getNames() == null ? List.of() : i.getNames(),
                i.getSizeBytes() == null ? 0 : Math.max(0, i.getSizeBytes())));
      }
    }
    OsFamily os = FleetObjects.os(labels, info.getOperatingSystem());
    return new FleetNode(
        node.getMetadata() == null || node.getMetadata().getName() == null
            ? ""
            : node.getMetadata().getName(),
        labels,
        taints,
        os,
        FleetObjects.architecture(labels, info.getArchitecture()),
        os == OsFamily.WINDOWS
            ? FleetObjects.windowsVersion(
                    info.getKernelVersion(),
                    info.getOsImage(),
                    labels.get(FleetObjects.WINDOWS_BUILD_LABEL),
                    catalog)
                .orElse(null)
            : null,
        info.getKubeletVersion(),
        info.getContainerRuntimeVersion(),
        info.getOsImage(),
        quantity(allocatable.get("cpu"), true),
        quantity(allocatable.get("memory"), false),
        images,
        node.getSpec() != null && Boolean.TRUE.equals(node.getSpec().getUnschedulable()));
  }

  /** A RuntimeClass with its scheduling. */
  public RuntimeClassSpec runtimeClass(RuntimeClass rc) {
    Map<String, String> selector = Map.of();
    List<Toleration> tolerations = new ArrayList<>();
    if (rc.getScheduling() != null) {
      if (rc.getScheduling().getNodeSelector() != null) {
        selector = rc.getScheduling().getNodeSelector();
      }
      if (rc.getScheduling().getTolerations() != null) {
        for (io.fabric8.kubernetes.api.model.Toleration t : rc.getScheduling().getTolerations()) {
          toleration(t).ifPresent(tolerations::add);
        }
      }
    }
    return new RuntimeClassSpec(
        rc.getMetadata() == null || rc.getMetadata().getName() == null
            ? ""
            : rc.getMetadata().getName(),
        rc.getHandler(),
        selector,
        tolerations);
  }

  /** A fabric8 toleration; empty when its operator or effect is not one Kubernetes accepts. */
  public static Optional<Toleration> toleration(io.fabric8.kubernetes.api.model.Toleration t) {
    Map<String, Object> tree = new java.util.LinkedHashMap<>();
    tree.put("key", t.getKey());
    tree.put("operator", t.getOperator());
    tree.put("value", t.getValue());
    tree.put("effect", t.getEffect());
    return Toleration.fromTree(tree);
  }

  private static long quantity(Quantity q, boolean cpu) {
    if (q == null) {
      return -1;
    }
    String text = q.getAmount() + (q.getFormat() == null ? "" : q.getFormat());
    return (cpu ? Quantities.cpuMillis(text) : Quantities.bytes(text)).orElse(-1);
  }
}
