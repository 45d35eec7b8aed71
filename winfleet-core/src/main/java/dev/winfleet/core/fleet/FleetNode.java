package dev.winfleet.core.fleet;

import dev.winfleet.core.catalog.KubernetesVersion;
import dev.winfleet.core.compat.HostPlatform;
import dev.winfleet.core.compat.OsFamily;
import dev.winfleet.core.version.OsVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One node of the fleet, with what placement and planning need.
 *
 * @param os null when neither the {@code kubernetes.io/os} label nor the node info says
 * @param windowsVersion the Windows version ({@code 10.0.20348.2762}); null on Linux or unknown
 * @param kubeletVersion as the node reports it ({@code v1.30.2}); empty when unknown
 * @param containerRuntimeVersion e.g. {@code containerd://1.7.20}; empty when unknown
 * @param allocatableCpuMillis -1 when unknown
 * @param allocatableMemoryBytes -1 when unknown
 * @param unschedulable {@code spec.unschedulable} (cordoned)
 */
public record FleetNode(
    String name,
    Map<String, String> labels,
    List<Taint> taints,
    OsFamily os,
    String architecture,
    OsVersion windowsVersion,
    String kubeletVersion,
    String containerRuntimeVersion,
    String osImage,
    long allocatableCpuMillis,
    long allocatableMemoryBytes,
    List<NodeImage> images,
    boolean unschedulable) {

  /** The taint the node controller puts on cordoned nodes. */
  public static final Taint UNSCHEDULABLE_TAINT =
      new Taint("node.kubernetes.io/unschedulable", "", TaintEffect.NO_SCHEDULE);

  public FleetNode {
    Objects.requireNonNull(name, "name");
    // Sorted, so that everything printed from it reads the same in every run.
    labels = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(labels));
    taints = List.copyOf(taints);
    architecture = architecture == null ? "" : architecture;
    kubeletVersion = kubeletVersion == null ? "" : kubeletVersion;
    containerRuntimeVersion = containerRuntimeVersion == null ? "" : containerRuntimeVersion;
    osImage = osImage == null ? "" : osImage;
    images = images == null ? List.of() : List.copyOf(images);
  }

  /** A node with only what placement needs, for tests and synthetic fleets. */
  public static FleetNode of(
      String name, Map<String, String> labels, List<Taint> taints, OsFamily os, OsVersion version) {
    return new FleetNode(
        name, labels, taints, os, "amd64", version, "", "", "", -1, -1, List.of(), false);
  }

  public boolean isWindows() {
    return os == OsFamily.WINDOWS;
  }

  public boolean isLinux() {
    return os == OsFamily.LINUX;
  }

  /** The taints the scheduler checks, with the cordon taint when the node is unschedulable. */
  public List<Taint> effectiveTaints() {
    if (!unschedulable || taints.contains(UNSCHEDULABLE_TAINT)) {
      return taints;
    }
    List<Taint> all = new ArrayList<>(taints);
    all.add(UNSCHEDULABLE_TAINT);
    return all;
  }

  /**
   * The platform the compatibility engine judges; empty when the OS or Windows version is unknown.
   */
  public Optional<HostPlatform> hostPlatform() {
    if (os == null || (os == OsFamily.WINDOWS && windowsVersion == null)) {
      return Optional.empty();
    }
    return Optional.of(
        new HostPlatform(os, architecture.isEmpty() ? "amd64" : architecture, windowsVersion));
  }

  /** The kubelet's minor version, if readable. */
  public Optional<KubernetesVersion> kubernetesVersion() {
    return KubernetesVersion.tryParse(kubeletVersion);
  }
}
