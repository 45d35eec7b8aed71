package dev.winfleet.cli;

import dev.winfleet.core.catalog.KubernetesVersion;
import dev.winfleet.core.cluster.ClusterChecker;
import dev.winfleet.core.cluster.ClusterNetwork;
import dev.winfleet.core.cluster.ClusterSnapshot;
import dev.winfleet.core.cluster.ControlPlane;
import dev.winfleet.core.image.ImageMetadataSource;
import dev.winfleet.core.image.InspectedImageSource;
import dev.winfleet.core.rules.Finding;
import dev.winfleet.core.rules.RuleSelection;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code winfleet cluster check}: is the cluster ready for its Windows nodes? */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Check a cluster's readiness for Windows nodes: a CNI with a Windows data plane and the"
          + " settings Windows needs (flannel: host-gw or vxlan with VNI 4096 and port 4789),"
          + " kube-proxy for the Windows nodes, Linux DaemonSets and cluster DNS that can land on"
          + " Windows nodes, Windows builds the Kubernetes version does not support, and kubelets"
          + " outside the version skew.",
      "",
      "Reads the live cluster of a kubeconfig, or a dump of its objects (files, directories or"
          + " '-'); findings in a dump point at the file and line. The rules are listed by"
          + " 'winfleet rules' (category cluster) and in docs/rules.md.",
      ""
    },
    footerHeading = "%nExit codes:%n",
    footer = {
      "  0  no finding at or above --fail-on",
      "  1  findings at or above --fail-on",
      "  2  bad usage, an unreadable dump or an unreachable cluster",
      "",
      "Examples:",
      "  winfleet cluster check --kubeconfig ~/.kube/config --context prod",
      "  kubectl get nodes,daemonsets,deployments,configmaps,services -A -o yaml > cluster.yaml",
      "  winfleet cluster check --dump cluster.yaml --kubernetes-version 1.30 -o sarif",
      "  winfleet node manifests --cni flannel-vxlan ... | winfleet cluster check --dump cluster.yaml -"
    })
final class ClusterCheckCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  static final class Source {
    @Option(
        names = "--kubeconfig",
        paramLabel = "FILE",
        required = true,
        description =
            "Read the live cluster of this kubeconfig (default: $KUBECONFIG, then"
                + " ~/.kube/config).")
    Path kubeconfig;

    @Option(
        names = "--dump",
        paramLabel = "PATH",
        arity = "1..*",
        required = true,
        description =
            "Files or directories of exported objects ('kubectl get"
                + " nodes,daemonsets,deployments,configmaps,services -A -o yaml'), '-' for"
                + " standard input.")
    List<String> dump;
  }

  /** --kubeconfig or --dump; neither means kubectl's default kubeconfig. */
  @ArgGroup(exclusive = true, multiplicity = "0..1")
  Source source;

  @Option(
      names = "--context",
      paramLabel = "C",
      description = "The kubeconfig context to use (default: its current context).")
  String context;

  @Option(
      names = "--kubernetes-version",
      paramLabel = "V",
      description =
          "The control plane's Kubernetes version (default: the API server's; for a dump, the"
              + " kubelet of a control-plane node, else the newest kubelet).")
  String kubernetesVersion;

  @Option(
      names = "--images",
      paramLabel = "FILE",
      description = "A saved 'winfleet inspect --json' result, to know images beyond their tags.")
  Path imagesFile;

  @Mixin FindingsOptions findings;

  /** Standard input; tests replace it. */
  InputStream stdin = System.in;

  @Override
  public Integer call() {
    if (source == null) {
      source = new Source();
      source.kubeconfig =
          Kubeconfigs.defaultPath()
              .orElseThrow(
                  () ->
                      new UserException(
                          "name the cluster: --kubeconfig FILE or --dump PATH (there is no"
                              + " $KUBECONFIG or ~/.kube/config)"));
    }
    if (context != null && source.kubeconfig == null) {
      throw new UserException("--context needs --kubeconfig");
    }
    if (kubernetesVersion != null) {
      try {
        KubernetesVersion.parse(kubernetesVersion);
      } catch (IllegalArgumentException e) {
        throw new UserException("--kubernetes-version: " + e.getMessage());
      }
    }
    ClusterChecker checker = ClusterChecker.builtIn();
    RuleSelection selection = findings.selection(checker.catalog());
    ImageMetadataSource images =
        imagesFile == null
            ? ImageMetadataSource.tagHints()
            : InspectedImageSource.fromFile(FleetFiles.readImages(imagesFile));
    ClusterSnapshot snapshot;
    int files;
    int objects;
    if (source.kubeconfig != null) {
      snapshot = KubeCluster.read(source.kubeconfig, context);
      files = 0;
      objects = snapshot.objects().size();
    } else {
      ClusterDumps.Dump dump = ClusterDumps.read(source.dump, stdin);
      snapshot = dump.snapshot();
      files = dump.files();
      objects = dump.objects();
    }
    List<Finding> found = checker.check(snapshot, images.cached(), kubernetesVersion, selection);
    return findings.report(
        spec.commandLine().getOut(),
        new CheckRun.Result(found, files, objects),
        checker.catalog(),
        notes(checker, snapshot, found));
  }

  private List<String> notes(
      ClusterChecker checker, ClusterSnapshot snapshot, List<Finding> found) {
    List<String> notes = new ArrayList<>();
    int windows = snapshot.fleet().windowsNodes().size();
    notes.add(
        snapshot.fleet().nodes().size()
            + " nodes, "
            + windows
            + " of them Windows"
            + (windows == 0 ? ": the Windows readiness rules had nothing to judge" : ""));
    Optional<ControlPlane> cp = checker.controlPlane(snapshot, kubernetesVersion);
    notes.add(
        cp.map(
                c ->
                    "Kubernetes "
                        + c.version()
                        + " ("
                        + (c.basis() == ControlPlane.Basis.GIVEN
                            ? "given by --kubernetes-version"
                            : c.source())
                        + (c.basis() == ControlPlane.Basis.NEWEST_KUBELET
                            ? ": --kubernetes-version gives its version"
                            : "")
                        + ")")
            .orElse("Kubernetes version unknown: node builds and kubelet skew not judged"));
    List<String> cnis =
        ClusterNetwork.of(snapshot, checker.cniCatalog()).plugins().stream()
            .map(c -> c.plugin().name())
            .toList();
    notes.add(
        cnis.isEmpty()
            ? "network plugin not recognised from the DaemonSets"
            : "network plugin: " + String.join(", ", cnis));
    // The core's fixes say what to run; the commands and flags that do it are ours.
    notes.addAll(CommandAdvice.notes(found));
    return notes;
  }
}
