package dev.winfleet.core.rules;

import static dev.winfleet.core.rules.RulesEngine.vars;

import dev.winfleet.core.catalog.KubernetesVersion;
import dev.winfleet.core.catalog.KubernetesWindowsCatalog;
import dev.winfleet.core.catalog.WindowsCatalog;
import dev.winfleet.core.catalog.WindowsRelease;
import dev.winfleet.core.compat.OsFamily;
import dev.winfleet.core.fleet.FleetNode;
import dev.winfleet.core.fleet.FleetObjects;
import dev.winfleet.core.fleet.RuntimeClassSpec;
import dev.winfleet.core.fleet.Taint;
import dev.winfleet.core.fleet.Toleration;
import dev.winfleet.core.image.Evidence;
import dev.winfleet.core.image.ImageProfile;
import dev.winfleet.core.manifest.FieldPath;
import dev.winfleet.core.manifest.Values;
import dev.winfleet.core.placement.NodeVerdict;
import dev.winfleet.core.placement.PlacementDecision;
import dev.winfleet.core.placement.SchedulingConstraints;
import dev.winfleet.core.version.OsVersion;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Rules about where a pod can land and whether its images run there. */
final class PlacementRules {

  private PlacementRules() {}

  static List<Rule> all() {
    return List.of(
        Rule.of("windows-os-selector-missing", PlacementRules::windowsOsSelectorMissing),
        Rule.of("linux-os-selector-missing", PlacementRules::linuxOsSelectorMissing),
        Rule.of("deprecated-os-label", PlacementRules::deprecatedOsLabel),
        Rule.of("windows-toleration-missing", PlacementRules::windowsTolerationMissing),
        Rule.of("no-compatible-node", PlacementRules::noCompatibleNode),
        Rule.of("windows-build-unpinned", PlacementRules::windowsBuildUnpinned),
        Rule.of("mixed-os-pod", PlacementRules::mixedOsPod),
        Rule.of("pod-os-mismatch", PlacementRules::podOsMismatch),
        Rule.of("pod-os-name-invalid", PlacementRules::podOsNameInvalid),
        Rule.of("runtime-class-not-found", PlacementRules::runtimeClassNotFound),
        Rule.of("image-reference-invalid", PlacementRules::imageReferenceInvalid),
        Rule.of("windows-image-build-unknown", PlacementRules::windowsImageBuildUnknown),
        Rule.of("windows-release-unsupported", PlacementRules::windowsReleaseUnsupported),
        Rule.of("image-os-unknown", PlacementRules::imageOsUnknown),
        Rule.of("toleration-invalid", PlacementRules::tolerationInvalid),
        Rule.of("image-ahead-of-host", PatchRules::imageAheadOfHost));
  }

  private static Optional<ContainerInfo> firstWindows(PodContext pod) {
    for (ContainerInfo c : pod.containers()) {
      if (c.profile().isWindows()) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  static void windowsOsSelectorMissing(PodContext pod, Reporter r) {
    if (!pod.targetsWindows() || pod.containers().isEmpty()) {
      return;
    }
    Optional<ContainerInfo> win = firstWindows(pod).or(() -> Optional.of(pod.containers().get(0)));
    List<FleetNode> linux = new ArrayList<>();
    for (FleetNode n : pod.placement().landingNodes()) {
      if (n.isLinux()) {
        linux.add(n);
      }
    }
    if (linux.isEmpty()) {
      return;
    }
    List<String> unseen = pod.env().hasFleet() ? List.of() : pod.unseenNodeLabels();
    if (!unseen.isEmpty()) {
      // Pinned to a node pool by its own labels (agentpool=win22 and the like): whether a Linux
      // node carries them only the cluster's nodes tell, so this is the docs' advice, a warning,
      // not "it will land on Linux".
      r.report(
          Severity.WARNING,
          win.get().imagePath(),
          win.get(),
          vars(
              "reach",
              "only "
                  + String.join(", ", unseen)
                  + " keeps it off other nodes, and which nodes carry "
                  + (unseen.size() == 1 ? "that" : "those")
                  + " winfleet cannot see without the cluster's nodes (--fleet or --kubeconfig):"
                  + " if a Linux node does, the pod may land there",
              "osNameWindows",
              osNameWindowsCaveat(pod)),
          pod.osEvidence());
      return;
    }
    String reach =
        pod.env().hasFleet()
            ? "the scheduler may put it on the Linux nodes " + Describe.nodes(linux)
            : "no nodeSelector, required node affinity or RuntimeClass keeps it on"
                + " kubernetes.io/os=windows nodes";
    r.report(
        win.get().imagePath(),
        win.get(),
        vars("reach", reach, "osNameWindows", osNameWindowsCaveat(pod)),
        pod.osEvidence());
  }

  /**
   * What has to go with a fix that says to set {@code spec.os.name: windows}: nothing, or the
   * fields the API server rejects in a pod that declares Windows ({@link WindowsOsValidation}), to
   * be removed in the same change. Setting the OS alone would turn a finding into a pod that {@code
   * kubectl apply} cannot create.
   */
  static String osNameWindowsCaveat(PodContext pod) {
    List<WindowsOsValidation.Field> forbidden = WindowsOsValidation.forbidden(pod.spec());
    if (forbidden.isEmpty()) {
      return "";
    }
    int shown = Math.min(forbidden.size(), 3);
    StringBuilder fields = new StringBuilder();
    for (int i = 0; i < shown; i++) {
      if (i > 0) {
        fields.append(i == forbidden.size() - 1 ? " and " : ", ");
      }
      fields.append(forbidden.get(i).path());
    }
    if (forbidden.size() > shown) {
      fields.append(" and ").append(forbidden.size() - shown).append(" more");
    }
    return ", removing "
        + fields
        + " in the same change: the API server rejects "
        + (forbidden.size() == 1 ? "it" : "them")
        + " in a pod whose spec.os.name is windows";
  }

  static void linuxOsSelectorMissing(PodContext pod, Reporter r) {
    if (pod.containers().isEmpty()
        || !pod.containers().stream().allMatch(c -> c.profile().isLinux())
        || pod.targetsWindows()
        || pod.constraints().allowedOs().size() != OsFamily.values().length
        || pod.declaredOs() != null) {
      return;
    }
    List<FleetNode> windows =
        pod.placement().landingNodes().stream().filter(FleetNode::isWindows).toList();
    if (windows.isEmpty()) {
      return;
    }
    ContainerInfo c = pod.containers().get(0);
    r.report(
        c.imagePath(), c, vars("nodes", Describe.nodes(windows)), imageEvidence(pod.containers()));
  }

  /** The weakest evidence among these containers' images. */
  static Evidence imageEvidence(List<ContainerInfo> containers) {
    Evidence out = null;
    for (ContainerInfo c : containers) {
      out = out == null ? c.profile().source() : out.weakest(c.profile().source());
    }
    return out == null ? Evidence.MANIFEST : out;
  }

  static void deprecatedOsLabel(PodContext pod, Reporter r) {
    Map<String, Object> spec = pod.spec();
    for (String key : Values.map(spec.get("nodeSelector")).keySet()) {
      String current = deprecated(key);
      if (current != null) {
        r.report(
            pod.specPath("nodeSelector", key),
            null,
            vars("label", key, "current", current, "where", "nodeSelector"),
            Evidence.MANIFEST);
      }
    }
    Map<String, Object> nodeAffinity = Values.map(Values.get(spec, "affinity", "nodeAffinity"));
    if (nodeAffinity.isEmpty()) {
      return; // most pods: no paths to build
    }
    FieldPath affinityPath = pod.specPath("affinity", "nodeAffinity");
    List<Object> required =
        Values.list(
            Values.get(
                nodeAffinity,
                "requiredDuringSchedulingIgnoredDuringExecution",
                "nodeSelectorTerms"));
    for (int t = 0; t < required.size(); t++) {
      FieldPath term =
          affinityPath
              .key("requiredDuringSchedulingIgnoredDuringExecution")
              .key("nodeSelectorTerms")
              .index(t);
      reportExpressions(
          r, Values.get(required.get(t), "matchExpressions"), term, "required node affinity");
    }
    List<Object> preferred =
        Values.list(nodeAffinity.get("preferredDuringSchedulingIgnoredDuringExecution"));
    for (int p = 0; p < preferred.size(); p++) {
      FieldPath term =
          affinityPath
              .key("preferredDuringSchedulingIgnoredDuringExecution")
              .index(p)
              .key("preference");
      reportExpressions(
          r,
          Values.get(preferred.get(p), "preference", "matchExpressions"),
          term,
          "preferred node affinity");
    }
  }

  private static void reportExpressions(
      Reporter r, Object expressions, FieldPath term, String where) {
    List<Object> list = Values.list(expressions);
    for (int e = 0; e < list.size(); e++) {
      String key = Values.getString(list.get(e), "key");
      String current = deprecated(key);
      if (current != null) {
        r.report(
            term.key("matchExpressions").index(e).key("key"),
            null,
            vars("label", key, "current", current, "where", where),
            Evidence.MANIFEST);
      }
    }
  }

  /** The label that replaces a deprecated one, or null. */
  private static String deprecated(String key) {
    if (FleetObjects.DEPRECATED_OS_LABEL.equals(key)) {
      return FleetObjects.OS_LABEL;
    }
    if (FleetObjects.DEPRECATED_ARCH_LABEL.equals(key)) {
      return FleetObjects.ARCH_LABEL;
    }
    return null;
  }

  static void windowsTolerationMissing(PodContext pod, Reporter r) {
    if (!pod.targetsWindows()) {
      return;
    }
    PlacementDecision d = pod.placement();
    List<NodeVerdict> selected = d.verdicts(v -> v.labelsMatch() && v.node().isWindows());
    if (selected.isEmpty() || selected.stream().anyMatch(NodeVerdict::canLand)) {
      return;
    }
    // Taints the node lifecycle controller sets (cordoned, not ready, unreachable...) describe the
    // node's state at the time, not something a manifest should tolerate: never advise that.
    List<Taint> taints =
        d.blockingTaints(FleetNode::isWindows).stream().filter(t -> !isNodeStateTaint(t)).toList();
    if (taints.isEmpty()) {
      return;
    }
    ContainerInfo c =
        firstWindows(pod).orElse(pod.containers().isEmpty() ? null : pod.containers().get(0));
    r.report(
        c == null ? pod.specPath("tolerations") : c.imagePath(),
        c,
        vars(
            "nodes", Describe.nodes(selected.stream().map(NodeVerdict::node).toList()),
            "taints", taints.stream().map(Taint::toString).collect(Collectors.joining(", ")),
            "outcome",
                d.constraints().nodeName() == null
                    ? "it stays Pending"
                    : "the kubelet on its node rejects it (spec.nodeName bypasses the scheduler,"
                        + " but NoExecute taints still apply)",
            "tolerations",
                Describe.tolerations(taints.stream().map(Toleration::forTaint).toList())));
  }

  private static boolean isNodeStateTaint(Taint t) {
    return t.key().startsWith("node.kubernetes.io/")
        || t.key().startsWith("node.cloudprovider.kubernetes.io/");
  }

  static void noCompatibleNode(PodContext pod, Reporter r) {
    // Only facts can say that no node runs an image; a guess says nothing here.
    List<ContainerInfo> judged = new ArrayList<>();
    for (ContainerInfo c : pod.containers()) {
      if (!c.image().isEmpty() && c.profile().isFact() && !ofUnsupportedReleaseOnly(pod, c)) {
        judged.add(c);
      }
    }
    if (judged.isEmpty() || (pod.hasKnownWindowsImage() && pod.hasKnownLinuxImage())) {
      return; // mixed-os-pod says it better
    }
    Evidence evidence = imageEvidence(judged);
    PlacementDecision d = pod.placement();
    List<NodeVerdict> base = d.verdicts(NodeVerdict::canLand);
    if (base.isEmpty()) {
      base =
          d.verdicts(NodeVerdict::labelsMatch); // taints alone: windows-toleration-missing says so
    }
    boolean fleet = pod.env().hasFleet();
    WindowsCatalog catalog = pod.windowsCatalog();
    if (base.isEmpty()) {
      SortedSet<OsVersion> allBuilds = pod.env().placementFleet().windowsBuilds();
      ContainerInfo c = judged.get(0);
      String problem =
          fleet
              ? "no node of the fleet matches its nodeSelector, required node affinity and"
                  + " RuntimeClass"
              : "no node of a Windows Server release that "
                  + pod.env().supportScope()
                  + " matches its nodeSelector, required node affinity and RuntimeClass";
      String advice =
          "Select labels the nodes carry: the "
              + (fleet ? "fleet's" : "supported")
              + " Windows builds are "
              + Describe.builds(allBuilds)
              + " (label "
              + FleetObjects.WINDOWS_BUILD_LABEL
              + ")"
              + (fleet
                  ? "."
                  : "; if your cluster runs other builds, give winfleet its nodes or its"
                      + " Kubernetes version.");
      r.report(c.imagePath(), c, vars("problem", problem, "advice", advice), evidence);
      return;
    }
    // Nodes of another OS are the selector rules' business; taint-blocked nodes of the pod's OS
    // count, as windows-toleration-missing tells how to reach them.
    ImageProfile podOs = judged.get(0).profile();
    for (ContainerInfo c : judged) {
      if (c.profile().isWindows() || c.profile().isLinux()) {
        podOs = c.profile();
        break;
      }
    }
    List<NodeVerdict> candidates = sameOsVerdicts(podOs, base);
    if (candidates.isEmpty()) {
      candidates = sameOsVerdicts(podOs, d.verdicts(NodeVerdict::labelsMatch));
    }
    if (candidates.isEmpty()) {
      candidates = base;
    }
    boolean reported = false;
    Set<String> seen = new LinkedHashSet<>();
    for (ContainerInfo c : judged) {
      if (!seen.add(c.image()) || anyRuns(candidates, c.image())) {
        continue;
      }
      reported = true;
      r.report(
          c.imagePath(),
          c,
          vars(
              "problem", problem(pod, c, candidates),
              "advice", advice(pod, c, candidates, catalog)),
          c.profile().source());
    }
    if (!reported && noneRunsAll(candidates, judged)) {
      ContainerInfo c = judged.get(0);
      r.report(
          c.imagePath(),
          c,
          vars(
              "problem",
              "each image runs on some node, but no single node runs all of them ("
                  + judged.stream()
                      .map(j -> j.image() + ": " + j.profile().describeOs())
                      .collect(Collectors.joining("; "))
                  + ")",
              "advice",
              "Build all of the pod's Windows images on the same Windows release, or split the pod."),
          evidence);
    }
  }

  /**
   * Whether no node runs all the judged images (facts only: an image that is a guess, such as a
   * Linux tag doubted by the pod's Windows declaration, must not make the others fail).
   */
  private static boolean noneRunsAll(List<NodeVerdict> nodes, List<ContainerInfo> judged) {
    for (NodeVerdict v : nodes) {
      boolean all = true;
      for (ContainerInfo c : judged) {
        if (v.imagesNotRunnable().contains(c.image())) {
          all = false;
          break;
        }
      }
      if (all) {
        return false;
      }
    }
    return true;
  }

  /** Whether some of these nodes run the image. */
  private static boolean anyRuns(List<NodeVerdict> nodes, String image) {
    for (NodeVerdict v : nodes) {
      if (!v.imagesNotRunnable().contains(image)) {
        return true;
      }
    }
    return false;
  }

  private static String problem(PodContext pod, ContainerInfo c, List<NodeVerdict> base) {
    List<FleetNode> nodes = base.stream().map(NodeVerdict::node).toList();
    List<FleetNode> sameOs = sameOs(c.profile(), nodes);
    String where;
    if (pod.env().hasFleet()) {
      // Never "it can land on" nodes whose taints keep it off (windows-toleration-missing).
      where =
          (base.stream().anyMatch(NodeVerdict::canLand)
                  ? "the nodes it can land on: "
                  : "the nodes its selectors allow: ")
              + Describe.nodes(sameOs.isEmpty() ? nodes : sameOs);
    } else {
      SortedSet<OsVersion> builds = windowsBuilds(nodes);
      where =
          builds.isEmpty()
              ? "the nodes its selectors allow (Linux only)"
              : "the Windows Server releases "
                  + pod.env().supportScope()
                  + " for nodes: "
                  + Describe.releases(builds, pod.windowsCatalog());
    }
    return c.image()
        + " ("
        + c.profile().describeOs()
        + ") does not run with process isolation on "
        + where;
  }

  private static String advice(
      PodContext pod, ContainerInfo c, List<NodeVerdict> base, WindowsCatalog catalog) {
    List<FleetNode> nodes = base.stream().map(NodeVerdict::node).toList();
    ImageProfile profile = c.profile();
    SortedSet<OsVersion> builds = windowsBuilds(nodes);
    if (profile.isWindows() && builds.isEmpty()) {
      return "Schedule it on Windows nodes: add kubernetes.io/os: windows to "
          + pod.specDotted()
          + ".nodeSelector.";
    }
    if (profile.isLinux() && nodes.stream().noneMatch(FleetNode::isLinux)) {
      return "Run it on Linux nodes (kubernetes.io/os: linux), or use a Windows build of the image.";
    }
    Optional<String> patchAdvice = PatchRules.incidentAdvice(pod, profile, nodes);
    if (patchAdvice.isPresent()) {
      return patchAdvice.get();
    }
    if (profile.isWindows()) {
      List<String> tags = new ArrayList<>();
      for (OsVersion b : builds) {
        catalog
            .preferredTag(b.build())
            .ifPresent(
                t -> {
                  if (!tags.contains(t)) {
                    tags.add(t);
                  }
                });
      }
      String rebuild =
          tags.isEmpty()
              ? "Rebuild it on a base image of build " + Describe.builds(builds)
              : "Rebuild it on a base image tagged "
                  + String.join(" or ", tags)
                  + " ("
                  + Describe.builds(builds)
                  + ")";
      String imageBuilds = Describe.builds(profile.windowsBuilds());
      return rebuild
          + (imageBuilds.isEmpty() ? "" : ", or run it on nodes of build " + imageBuilds)
          + (pod.env().hasFleet()
              ? "."
              : "; if your cluster still runs such nodes, give winfleet its nodes or its"
                  + " Kubernetes version.");
    }
    return "Use an image with a platform for the nodes' OS and architecture, or other nodes.";
  }

  private static List<NodeVerdict> sameOsVerdicts(ImageProfile profile, List<NodeVerdict> nodes) {
    if (!profile.isWindows() && !profile.isLinux()) {
      return nodes;
    }
    boolean windows = profile.isWindows();
    List<NodeVerdict> out = new ArrayList<>(nodes.size());
    for (NodeVerdict v : nodes) {
      if (windows ? v.node().isWindows() : v.node().isLinux()) {
        out.add(v);
      }
    }
    return out;
  }

  private static List<FleetNode> sameOs(ImageProfile profile, List<FleetNode> nodes) {
    if (profile.isWindows()) {
      return nodes.stream().filter(FleetNode::isWindows).toList();
    }
    if (profile.isLinux()) {
      return nodes.stream().filter(FleetNode::isLinux).toList();
    }
    return nodes;
  }

  private static SortedSet<OsVersion> windowsBuilds(List<FleetNode> nodes) {
    SortedSet<OsVersion> builds = new TreeSet<>();
    for (FleetNode n : nodes) {
      if (n.isWindows() && n.windowsVersion() != null) {
        builds.add(n.windowsVersion().withoutRevision());
      }
    }
    return builds;
  }

  static void windowsBuildUnpinned(PodContext pod, Reporter r) {
    if (firstWindows(pod).isEmpty()) {
      return;
    }
    PlacementDecision d = pod.placement();
    List<NodeVerdict> windows = d.verdicts(v -> v.canLand() && v.node().isWindows());
    List<NodeVerdict> good = windows.stream().filter(NodeVerdict::runsAllImages).toList();
    List<NodeVerdict> bad = windows.stream().filter(v -> !v.runsAllImages()).toList();
    if (good.isEmpty() || bad.isEmpty()) {
      return;
    }
    SortedSet<OsVersion> builds = windowsBuilds(good.stream().map(NodeVerdict::node).toList());
    if (bad.stream()
        .allMatch(
            v ->
                v.node().windowsVersion() != null
                    && builds.contains(v.node().windowsVersion().withoutRevision()))) {
      return; // same build, another revision: pinning the build does not help; image-ahead-of-host
    }
    ContainerInfo c =
        pod.containers().stream()
            .filter(x -> bad.stream().anyMatch(v -> v.imagesNotRunnable().contains(x.image())))
            .findFirst()
            .orElseThrow();
    if (!c.profile().isFact()) {
      return; // never a build pin on a guess
    }
    List<String> buildLabels = builds.stream().map(OsVersion::buildString).toList();
    String selector =
        buildLabels.size() == 1
            ? "nodeSelector {"
                + FleetObjects.WINDOWS_BUILD_LABEL
                + ": \""
                + buildLabels.get(0)
                + "\"}"
            : "a required node affinity: "
                + FleetObjects.WINDOWS_BUILD_LABEL
                + " In ["
                + Describe.quoted(buildLabels)
                + "]";
    r.report(
        c.imagePath(),
        c,
        vars(
            "badNodes",
            Describe.nodes(bad.stream().map(NodeVerdict::node).toList()),
            "consequence",
            pod.ref().kind().equals("DaemonSet")
                ? "the DaemonSet starts a pod on each of them, and those pods"
                : "replicas placed there",
            "builds",
            Describe.builds(builds),
            "selector",
            selector),
        c.profile().source());
  }

  static void mixedOsPod(PodContext pod, Reporter r) {
    ContainerInfo first = null;
    for (ContainerInfo c : pod.containers()) {
      ImageProfile p = c.profile();
      if (!p.isKnownWindows() && !p.isKnownLinux()) {
        continue; // multi-OS, unknown or a guess: the runtime may well pick a fitting entry
      }
      if (first == null) {
        first = c;
      } else if (p.isWindows() != first.profile().isWindows()) {
        r.report(
            c.imagePath(),
            c,
            vars(
                "os", osName(p),
                "other", first.name(),
                "otherOs", osName(first.profile()),
                "otherImage", first.image()),
            p.source().weakest(first.profile().source()));
        return;
      }
    }
  }

  private static String osName(ImageProfile p) {
    return p.isWindows() ? "Windows" : "Linux";
  }

  static void podOsMismatch(PodContext pod, Reporter r) {
    String declared = pod.declaredOs();
    if (!"windows".equals(declared) && !"linux".equals(declared)) {
      return;
    }
    boolean windows = declared.equals("windows");
    boolean mixed = pod.hasKnownWindowsImage() && pod.hasKnownLinuxImage(); // mixed-os-pod says it
    for (ContainerInfo c : mixed ? List.<ContainerInfo>of() : pod.containers()) {
      // A contradiction is reported only against facts: a declaration beats a guess.
      if (windows ? c.profile().isKnownLinux() : c.profile().isKnownWindows()) {
        reportOsMismatch(
            pod,
            r,
            "container '" + c.name() + "' runs the " + osName(c.profile()) + " image " + c.image(),
            c.profile().source());
        return;
      }
    }
    OsFamily required = pod.requiredOs();
    if (required != null && !required.label().equals(declared)) {
      reportOsMismatch(
          pod,
          r,
          "its node selectors (or RuntimeClass) require kubernetes.io/os=" + required.label(),
          Evidence.MANIFEST);
    }
  }

  /** One pod-os-mismatch finding: the declaration, what contradicts it, and the other OS. */
  private static void reportOsMismatch(
      PodContext pod, Reporter r, String evidence, Evidence source) {
    String declared = pod.declaredOs();
    boolean windows = declared.equals("windows");
    r.report(
        pod.specPath("os", "name"),
        null,
        vars(
            "declared",
            declared,
            "expected",
            windows ? "linux" : "windows",
            "osNameWindows",
            windows ? "" : osNameWindowsCaveat(pod),
            "evidence",
            evidence),
        source);
  }

  /**
   * {@code spec.os.name} other than exactly {@code linux} or {@code windows}: the API server's
   * {@code validateOS} accepts only those two values ({@code validOS = sets.New(core.Linux,
   * core.Windows)} in kubernetes/kubernetes pkg/apis/core/validation/validation.go) and requires a
   * name when {@code os} is given, so the pod, or a workload with it as its template, cannot be
   * created. The other rules read the declaration case-insensitively ({@link
   * PodContext#declaredOs()}), so this rule is what says that {@code Windows} is not {@code
   * windows}.
   */
  static void podOsNameInvalid(PodContext pod, Reporter r) {
    Object os = pod.spec().get("os");
    if (os == null) {
      return;
    }
    Object name = Values.get(os, "name");
    if ("linux".equals(name) || "windows".equals(name)) {
      return;
    }
    String value = name instanceof String s ? s : null;
    String suggestion =
        value != null && value.trim().equalsIgnoreCase("windows")
            ? "windows"
            : value != null && value.trim().equalsIgnoreCase("linux") ? "linux" : null;
    r.report(
        name == null ? pod.specPath("os") : pod.specPath("os", "name"),
        null,
        vars(
            "value",
            name == null ? "missing" : "\"" + name + "\"",
            "expected",
            suggestion == null
                ? "linux or windows (lower case), or remove " + pod.specDotted() + ".os"
                : suggestion));
  }

  static void runtimeClassNotFound(PodContext pod, Reporter r) {
    SchedulingConstraints c = pod.constraints();
    if (c.runtimeClassName() == null || pod.runtimeClass().isPresent()) {
      return;
    }
    List<String> known =
        pod.env().placementFleet().runtimeClasses().stream()
            .map(RuntimeClassSpec::name)
            .sorted()
            .toList();
    r.report(
        pod.specPath("runtimeClassName"),
        null,
        vars(
            "name",
            c.runtimeClassName(),
            "known",
            known.isEmpty() ? "none" : String.join(", ", known)),
        Evidence.MANIFEST);
  }

  /**
   * Whether an image reference holds a placeholder that is filled in before deploy: {@code
   * ${KUBERNETES_VERSION}} or {@code $CILIUM_VERSION_TAG} (envsubst, clusterctl templates), {@code
   * {{ .Values.image }}} (Go templates), {@code <dockerhub-username>} (a sample's "put yours
   * here"). No reference may hold {@code $}, {@code {}} or {@code <>}, so none of these is taken
   * for a real one; such a reference says nothing yet, and is no invalid reference.
   */
  static boolean isTemplatePlaceholder(String image) {
    return image.contains("$")
        || image.contains("{{")
        || PLACEHOLDER_IN_ANGLES.matcher(image).find();
  }

  private static final java.util.regex.Pattern PLACEHOLDER_IN_ANGLES =
      java.util.regex.Pattern.compile("<[^<>\\s]+>");

  static void imageReferenceInvalid(PodContext pod, Reporter r) {
    for (ContainerInfo c : pod.containers()) {
      String reason;
      if (c.image().isEmpty()) {
        reason = "the container has no image";
      } else {
        reason = pod.reference(c).error();
        if (reason == null || isTemplatePlaceholder(c.image())) {
          continue; // a placeholder is filled in before deploy: image-os-unknown says so
        }
      }
      r.report(
          c.image().isEmpty() ? c.path() : c.imagePath(),
          c,
          vars("reason", reason),
          Evidence.MANIFEST);
    }
  }

  static void windowsImageBuildUnknown(PodContext pod, Reporter r) {
    Set<String> seen = new LinkedHashSet<>();
    for (ContainerInfo c : pod.containers()) {
      if (c.profile().isWindowsOfUnknownBuild()
          && !ContainerRules.isUntaggedBaseImage(pod, c)
          && seen.add(c.image())) {
        r.report(
            c.imagePath(),
            c,
            vars("evidence", c.profile().evidence(), "tags", supportedTags(pod)),
            c.profile().source());
      }
    }
  }

  /**
   * The image tags of the Windows builds nodes run: the fleet's, else those Kubernetes supports.
   */
  static String supportedTags(PodContext pod) {
    return pod.supportedTags();
  }

  /**
   * Whether, with the Kubernetes version assumed and no fleet, the image is of Windows releases the
   * newest Kubernetes no longer lists: windows-release-unsupported says so, as a support-policy
   * warning.
   */
  private static boolean ofUnsupportedReleaseOnly(PodContext pod, ContainerInfo c) {
    if (pod.env().hasFleet() || !pod.env().versionsAssumed() || !c.profile().isWindows()) {
      return false;
    }
    return ofNoneOf(c.profile().windowsBuilds(), pod.env().newestSupportedBuilds());
  }

  /** Whether there are builds and none of them is supported. */
  private static boolean ofNoneOf(SortedSet<OsVersion> builds, List<Integer> supported) {
    if (builds.isEmpty()) {
      return false;
    }
    for (OsVersion b : builds) {
      if (supported.contains(b.build())) {
        return false;
      }
    }
    return true;
  }

  /**
   * Without a fleet or --kubernetes-version, winfleet does not know which Kubernetes runs: an image
   * of a release the newest Kubernetes docs no longer list is a support-policy warning, naming the
   * release that dropped it, never "no node can run it".
   */
  static void windowsReleaseUnsupported(PodContext pod, Reporter r) {
    if (pod.env().hasFleet() || !pod.env().versionsAssumed()) {
      return;
    }
    KubernetesVersion newest = pod.env().kubernetesVersions().last();
    KubernetesWindowsCatalog kubernetes = KubernetesWindowsCatalog.builtIn();
    List<Integer> supported = pod.env().newestSupportedBuilds();
    Set<String> seen = new LinkedHashSet<>();
    for (ContainerInfo c : pod.containers()) {
      ImageProfile p = c.profile();
      if (!p.isKnownWindows()) {
        continue;
      }
      SortedSet<OsVersion> builds = p.windowsBuilds();
      if (builds.isEmpty() || !seen.add(c.image()) || !ofNoneOf(builds, supported)) {
        continue;
      }
      OsVersion build = builds.last();
      Optional<WindowsRelease> primary = pod.windowsCatalog().primaryRelease(build.build());
      String release =
          primary.isPresent()
              ? primary.get().name() + " (" + build.buildString() + ")"
              : "Windows build " + build.buildString();
      Optional<KubernetesVersion> listing = kubernetes.lastVersionListing(build.build());
      String last =
          listing.isPresent()
              ? "the last version that lists it is "
                  + listing.get()
                  + ", so it was dropped after "
                  + listing.get()
              : "no Kubernetes version lists it";
      r.report(
          c.imagePath(),
          c,
          vars(
              "release",
              release,
              "newest",
              newest.toString(),
              "last",
              last,
              "tags",
              supportedTags(pod)),
          p.source());
    }
  }

  /**
   * An image winfleet knows nothing about, or calls Linux only by a tag its pod's Windows
   * declaration puts in doubt: it cannot tell whether the pod fits the nodes, and says so once, at
   * info level.
   */
  static void imageOsUnknown(PodContext pod, Reporter r) {
    if (pod.env().hasFleet() && !pod.env().fleet().hasWindowsNodes()) {
      return; // a Linux-only cluster: the OS of an image does not matter for placement
    }
    for (ContainerInfo c : pod.containers()) {
      ImageProfile.OsClass os = c.profile().os();
      boolean placeholder = isTemplatePlaceholder(c.image());
      // Unknown, or Linux only by a tag the pod's Windows declaration puts in doubt (PodContext).
      // A placeholder matters only where the pod does not settle it (a HostProcess container runs
      // on any Windows build whatever its image).
      boolean cannotTell =
          !c.profile().isFact()
              && (placeholder
                  || os == ImageProfile.OsClass.UNKNOWN
                  || os == ImageProfile.OsClass.LINUX);
      if (c.image().isEmpty()
          || !cannotTell
          || (!placeholder && pod.reference(c).error() != null)) { // image-reference-invalid
        continue;
      }
      String consequence =
          pod.targetsWindows()
              ? "whether it has a Windows entry for the nodes' builds"
              : pod.targetsLinux()
                  ? "whether it has a Linux entry"
                  : "which OS it runs, and the pod does not say (nodeSelector kubernetes.io/os)";
      r.report(
          c.imagePath(),
          c,
          vars(
              "reason",
              placeholder
                  ? "its reference holds a placeholder that is filled in before deploy; check the"
                      + " manifest as rendered"
                  : c.profile().evidence(),
              "consequence",
              consequence,
              "orDeclare",
              pod.declaresWindows() || pod.declaresLinux()
                  ? ""
                  : ", or state the pod's OS with nodeSelector kubernetes.io/os and spec.os.name"),
          Evidence.UNKNOWN);
      return;
    }
  }

  private static final List<String> TOLERATION_FIELDS =
      List.of("key", "operator", "value", "effect", "tolerationSeconds");

  /**
   * A toleration the API server rejects or that tolerates nothing: an unknown field (a capitalised
   * {@code Effect:} is not {@code effect}), an operator or effect that does not exist, a value with
   * operator Exists.
   */
  static void tolerationInvalid(PodContext pod, Reporter r) {
    List<Object> tolerations = Values.list(pod.spec().get("tolerations"));
    for (int i = 0; i < tolerations.size(); i++) {
      Map<String, Object> t = Values.map(tolerations.get(i));
      FieldPath at = pod.specPath("tolerations").index(i);
      for (String field : t.keySet()) {
        if (TOLERATION_FIELDS.contains(field)) {
          continue;
        }
        String meant =
            TOLERATION_FIELDS.stream()
                .filter(f -> f.equalsIgnoreCase(field))
                .findFirst()
                .orElse(null);
        r.report(
            at.key(field),
            null,
            vars(
                "toleration",
                at.toDotted(),
                "problem",
                "unknown field '" + field + "'",
                "fix",
                meant == null
                    ? "Remove '"
                        + field
                        + "'; a toleration has "
                        + String.join(", ", TOLERATION_FIELDS)
                    : "Write '" + meant + "' (field names are case-sensitive)"),
            Evidence.MANIFEST);
      }
      String operator = Values.string(t.get("operator"));
      if (operator != null && !operator.equals("Exists") && !operator.equals("Equal")) {
        r.report(
            at.key("operator"),
            null,
            vars(
                "toleration",
                at.toDotted(),
                "problem",
                "operator '" + operator + "' does not exist",
                "fix",
                "Use operator Equal (with a value) or Exists (without one)"),
            Evidence.MANIFEST);
      }
      String effect = Values.string(t.get("effect"));
      if (effect != null
          && !effect.isEmpty()
          && !List.of("NoSchedule", "PreferNoSchedule", "NoExecute").contains(effect)) {
        r.report(
            at.key("effect"),
            null,
            vars(
                "toleration",
                at.toDotted(),
                "problem",
                "effect '" + effect + "' does not exist",
                "fix",
                "Use NoSchedule, PreferNoSchedule or NoExecute (or leave effect out to match all)"),
            Evidence.MANIFEST);
      }
      String value = Values.string(t.get("value"));
      if ("Exists".equals(operator) && value != null && !value.isEmpty()) {
        r.report(
            at.key("value"),
            null,
            vars(
                "toleration",
                at.toDotted(),
                "problem",
                "a value with operator Exists",
                "fix",
                "Remove the value, or use operator Equal"),
            Evidence.MANIFEST);
      }
    }
  }
}
