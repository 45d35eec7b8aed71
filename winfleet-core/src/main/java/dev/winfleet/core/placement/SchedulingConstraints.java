package dev.winfleet.core.placement;

import dev.winfleet.core.compat.OsFamily;
import dev.winfleet.core.fleet.Fleet;
import dev.winfleet.core.fleet.FleetNode;
import dev.winfleet.core.fleet.FleetObjects;
import dev.winfleet.core.fleet.RuntimeClassSpec;
import dev.winfleet.core.fleet.Taint;
import dev.winfleet.core.fleet.TaintEffect;
import dev.winfleet.core.fleet.Toleration;
import dev.winfleet.core.manifest.Values;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What decides which nodes a pod can land on: its nodeSelector, its required node affinity, its
 * tolerations, and its RuntimeClass's scheduling (merged in by {@link #withRuntimeClass}).
 *
 * @param requiredTerms the terms of {@code requiredDuringSchedulingIgnoredDuringExecution}, ORed;
 *     only meaningful when {@code affinityRequired}
 * @param affinityRequired whether the pod has a required node affinity at all
 * @param runtimeClassName null when none
 * @param nodeName the pod's {@code spec.nodeName}, null when none: such a pod bypasses the
 *     scheduler, so only NoExecute taints keep it off its node (see {@link #untoleratedTaints})
 */
public record SchedulingConstraints(
    Map<String, String> nodeSelector,
    List<NodeSelectorTerm> requiredTerms,
    boolean affinityRequired,
    List<Toleration> tolerations,
    String runtimeClassName,
    String nodeName) {

  private static final OsFamily[] OS_FAMILIES = OsFamily.values();

  /** The empty selector most pods have, shared (it cannot change). */
  private static final java.util.SortedMap<String, String> NO_SELECTOR =
      java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>());

  private static final List<String> OS_KEYS =
      List.of(FleetObjects.OS_LABEL, FleetObjects.DEPRECATED_OS_LABEL);

  public SchedulingConstraints {
    // Sorted, so that everything printed from it reads the same in every run.
    nodeSelector =
        nodeSelector.isEmpty()
            ? NO_SELECTOR
            : java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(nodeSelector));
    requiredTerms = List.copyOf(requiredTerms);
    tolerations = List.copyOf(tolerations);
    nodeName = nodeName == null || nodeName.isBlank() ? null : nodeName.trim();
  }

  /** Constraints of a pod the scheduler places (no {@code nodeName}). */
  public SchedulingConstraints(
      Map<String, String> nodeSelector,
      List<NodeSelectorTerm> requiredTerms,
      boolean affinityRequired,
      List<Toleration> tolerations,
      String runtimeClassName) {
    this(nodeSelector, requiredTerms, affinityRequired, tolerations, runtimeClassName, null);
  }

  /** No constraints: every untainted node. */
  public static SchedulingConstraints none() {
    return new SchedulingConstraints(Map.of(), List.of(), false, List.of(), null);
  }

  /** The label the kubelet sets to the node's host name; pins a pod to one node in a selector. */
  public static final String HOSTNAME_LABEL = "kubernetes.io/hostname";

  /**
   * Reads a pod spec ({@code spec} of a Pod, {@code spec.template.spec} of a Deployment...). A
   * {@code nodeName} is read as a required affinity to that node ({@code matchFields metadata.name
   * In [name]} in every term): the pod can run there and nowhere else.
   */
  public static SchedulingConstraints fromPodSpec(Map<String, Object> podSpec) {
    Object required =
        Values.get(
            podSpec, "affinity", "nodeAffinity", "requiredDuringSchedulingIgnoredDuringExecution");
    List<NodeSelectorTerm> terms = new ArrayList<>();
    for (Object t : Values.list(Values.get(required, "nodeSelectorTerms"))) {
      terms.add(NodeSelectorTerm.fromTree(t));
    }
    boolean affinityRequired = required instanceof Map;
    String nodeName = Values.string(podSpec.get("nodeName"));
    if (nodeName != null && !nodeName.isBlank()) {
      NodeSelectorRequirement pin =
          new NodeSelectorRequirement(
              "metadata.name", NodeSelectorRequirement.Operator.IN, List.of(nodeName.trim()));
      if (!affinityRequired) {
        terms.add(new NodeSelectorTerm(List.of(), List.of(pin)));
      } else {
        List<NodeSelectorTerm> pinned = new ArrayList<>();
        for (NodeSelectorTerm t : terms) {
          if (t.matchExpressions().isEmpty() && t.matchFields().isEmpty()) {
            pinned.add(t); // matches nothing; stays so
          } else {
            List<NodeSelectorRequirement> fields = new ArrayList<>(t.matchFields());
            fields.add(pin);
            pinned.add(new NodeSelectorTerm(t.matchExpressions(), fields));
          }
        }
        terms = pinned;
      }
      affinityRequired = true;
    }
    return new SchedulingConstraints(
        Values.stringMap(podSpec.get("nodeSelector")),
        terms,
        affinityRequired,
        Toleration.listFromTree(podSpec.get("tolerations")),
        Values.string(podSpec.get("runtimeClassName")),
        nodeName);
  }

  /**
   * False when {@link #pinnedAwayFrom} is false for every node: no {@code kubernetes.io/hostname}
   * selector and no required affinity terms (nor {@code nodeName}, which is read as such a term).
   */
  public boolean mayPinNodes() {
    return nodeSelector.get(HOSTNAME_LABEL) != null
        || (affinityRequired && !requiredTerms.isEmpty());
  }

  /**
   * Whether the pod names the nodes it may run on ({@code nodeName}, a {@code
   * kubernetes.io/hostname} selector, or a required affinity whose every term names nodes by {@code
   * kubernetes.io/hostname} or {@code metadata.name}) and this node is not one of them. Other
   * requirements are not judged here. A node without the hostname label is taken to carry its name
   * there, as the kubelet sets it.
   */
  public boolean pinnedAwayFrom(FleetNode node) {
    String host = nodeSelector.get(HOSTNAME_LABEL);
    boolean byAffinity = affinityRequired && !requiredTerms.isEmpty();
    if (!mayPinNodes()) {
      // Most pods pin nothing: the webhook asks this for every node of the fleet on every request,
      // so answer before copying the node's labels (the largest cost of a placement in the JFR
      // profile, decision record 0021).
      return false;
    }
    Map<String, String> labels = node.labels();
    if (!labels.containsKey(HOSTNAME_LABEL)) {
      labels = new LinkedHashMap<>(labels);
      labels.put(HOSTNAME_LABEL, node.name());
    }
    if (host != null && !host.equals(labels.get(HOSTNAME_LABEL))) {
      return true;
    }
    if (!byAffinity) {
      return false;
    }
    boolean allowed = false;
    for (NodeSelectorTerm t : requiredTerms) {
      List<NodeSelectorRequirement> byHost =
          t.matchExpressions().stream().filter(r -> r.key().equals(HOSTNAME_LABEL)).toList();
      List<NodeSelectorRequirement> byName =
          t.matchFields().stream().filter(r -> r.key().equals("metadata.name")).toList();
      if (byHost.isEmpty() && byName.isEmpty()) {
        if (!(t.matchExpressions().isEmpty() && t.matchFields().isEmpty())) {
          return false; // this term does not pin: the ORed terms allow nodes by other labels
        }
        continue;
      }
      allowed |= new NodeSelectorTerm(byHost, byName).matches(labels, node.name());
    }
    return !allowed;
  }

  /**
   * These constraints with the scheduling of the RuntimeClass they name merged in ({@link
   * #withRuntimeClass}), as the fleet defines it; unchanged when they name none or the fleet has no
   * such RuntimeClass.
   */
  public SchedulingConstraints withRuntimeClassFrom(Fleet fleet) {
    return runtimeClassName == null
        ? this
        : fleet.runtimeClass(runtimeClassName).map(this::withRuntimeClass).orElse(this);
  }

  /**
   * These constraints with a RuntimeClass's scheduling merged in, as the RuntimeClass admission
   * controller does: its nodeSelector joins the pod's, its tolerations are added.
   */
  public SchedulingConstraints withRuntimeClass(RuntimeClassSpec rc) {
    Map<String, String> selector = new LinkedHashMap<>(rc.nodeSelector());
    selector.putAll(nodeSelector);
    List<Toleration> all = new ArrayList<>(tolerations);
    all.addAll(rc.tolerations());
    // A key both set with different values can match no node: keep an impossible pair visible.
    Map<String, String> conflicts = new LinkedHashMap<>();
    rc.nodeSelector()
        .forEach(
            (k, v) -> {
              if (nodeSelector.containsKey(k) && !nodeSelector.get(k).equals(v)) {
                conflicts.put(k, v);
              }
            });
    List<NodeSelectorTerm> terms = requiredTerms;
    boolean required = affinityRequired;
    if (!conflicts.isEmpty()) {
      terms = List.of(new NodeSelectorTerm(List.of(), List.of())); // matches nothing
      required = true;
    }
    return new SchedulingConstraints(selector, terms, required, all, runtimeClassName, nodeName);
  }

  /** Whether the node's labels (and name) satisfy the nodeSelector and the required affinity. */
  public boolean matchesLabels(FleetNode node) {
    for (Map.Entry<String, String> e : nodeSelector.entrySet()) {
      if (!e.getValue().equals(node.labels().get(e.getKey()))) {
        return false;
      }
    }
    if (!affinityRequired) {
      return true;
    }
    for (NodeSelectorTerm t : requiredTerms) {
      if (t.matches(node)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The node's NoSchedule and NoExecute taints that no toleration tolerates; only the NoExecute
   * ones for a pod with {@code nodeName}. Such a pod never meets the scheduler, which alone
   * enforces NoSchedule ("allow all pods submitted to Kubelet without going through the scheduler
   * to start", the API reference on Taint.effect); the kubelet's admission checks NoExecute taints
   * only (kubernetes/kubernetes {@code pkg/kubelet/lifecycle/predicate.go}).
   */
  public List<Taint> untoleratedTaints(FleetNode node) {
    List<Taint> out = new ArrayList<>();
    for (Taint t : node.effectiveTaints()) {
      if (!t.effect().blocksScheduling()) {
        continue;
      }
      if (nodeName != null && t.effect() != TaintEffect.NO_EXECUTE) {
        continue;
      }
      boolean tolerated = false;
      for (Toleration tol : tolerations) {
        if (tol.tolerates(t)) {
          tolerated = true;
          break;
        }
      }
      if (!tolerated) {
        out.add(t);
      }
    }
    return out;
  }

  /** Whether the scheduler could put the pod on this node (labels and taints). */
  public boolean canLandOn(FleetNode node) {
    return matchesLabels(node) && untoleratedTaints(node).isEmpty();
  }

  /**
   * The operating systems these constraints allow, judging only the OS labels ({@code
   * kubernetes.io/os} and {@code beta.kubernetes.io/os}): requirements on other labels are taken as
   * satisfiable. Both OSes when nothing constrains the OS.
   */
  public Set<OsFamily> allowedOs() {
    Set<OsFamily> allowed = EnumSet.noneOf(OsFamily.class);
    for (OsFamily os : OS_FAMILIES) {
      if (allows(os)) {
        allowed.add(os);
      }
    }
    return allowed;
  }

  private boolean allows(OsFamily os) {
    for (String key : OS_KEYS) {
      String want = nodeSelector.get(key);
      if (want != null && !want.equals(os.label())) {
        return false;
      }
    }
    if (!affinityRequired) {
      return true;
    }
    Map<String, String> labels = Map.of(OS_KEYS.get(0), os.label(), OS_KEYS.get(1), os.label());
    for (NodeSelectorTerm t : requiredTerms) {
      if (t.matchExpressions().isEmpty() && t.matchFields().isEmpty()) {
        continue;
      }
      boolean ok = true;
      for (NodeSelectorRequirement r : t.matchExpressions()) {
        if (OS_KEYS.contains(r.key()) && !r.matches(labels)) {
          ok = false;
          break;
        }
      }
      if (ok) {
        return true;
      }
    }
    return false;
  }

  /** The single OS these constraints keep the pod on, or null when both are allowed (or none). */
  public OsFamily requiredOs() {
    // As allowedOs() (every pod asks, so without building the set).
    OsFamily only = null;
    for (OsFamily os : OS_FAMILIES) {
      if (allows(os)) {
        if (only != null) {
          return null;
        }
        only = os;
      }
    }
    return only;
  }

  /**
   * These constraints judging only the given label keys; requirements on other keys are taken as
   * satisfiable. Used to judge a pod against the catalog's stand-in nodes, which carry only the
   * well-known labels (OS, architecture, Windows build).
   */
  public SchedulingConstraints restrictedTo(Set<String> keys) {
    Map<String, String> selector = new LinkedHashMap<>();
    nodeSelector.forEach(
        (k, v) -> {
          if (keys.contains(k)) {
            selector.put(k, v);
          }
        });
    boolean required = affinityRequired;
    List<NodeSelectorTerm> terms = new ArrayList<>();
    for (NodeSelectorTerm t : requiredTerms) {
      if (t.matchExpressions().isEmpty() && t.matchFields().isEmpty()) {
        terms.add(t); // matches nothing, whatever the keys
        continue;
      }
      List<NodeSelectorRequirement> kept =
          t.matchExpressions().stream().filter(r -> keys.contains(r.key())).toList();
      if (kept.isEmpty()) {
        required = false; // this term allows every node, so the ORed terms do too
        break;
      }
      terms.add(new NodeSelectorTerm(kept, List.of()));
    }
    return new SchedulingConstraints(
        selector, required ? terms : List.of(), required, tolerations, runtimeClassName, nodeName);
  }

  public SchedulingConstraints withTolerations(List<Toleration> more) {
    List<Toleration> all = new ArrayList<>(tolerations);
    all.addAll(more);
    return new SchedulingConstraints(
        nodeSelector, requiredTerms, affinityRequired, all, runtimeClassName, nodeName);
  }

  @Override
  public String toString() {
    return "nodeSelector="
        + nodeSelector
        + (affinityRequired ? " affinity=" + requiredTerms : "")
        + " tolerations="
        + tolerations
        + (runtimeClassName == null ? "" : " runtimeClass=" + runtimeClassName)
        + (nodeName == null ? "" : " nodeName=" + nodeName);
  }
}
