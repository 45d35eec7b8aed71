// Benchmark (not a test) for issue 15: the audit controller on a generated cluster of 5,000 nodes
// and 100,000 pods held in the informer cache class the audit uses (LeanItemStore), judged by the
// same AuditController/AuditStore/PlacementPolicy code 'winfleet serve' runs. No API server: the
// objects are generated in memory (fabric8 model objects, as an informer holds them).
//
// Run (see bench/audit-bench.sh):
//   taskset -c 0,1 java -Xmx1536m -XX:ActiveProcessorCount=2 \
//     -cp winfleet-cli/target/winfleet.jar bench/AuditBench.java [NODES] [PODS]
//
// Cluster shape: NODES nodes (80% Linux, 10% Windows Server 2019, 10% 2022); PODS pods, 85% owned
// by Deployments through ReplicaSets (50 per Deployment), 10% by DaemonSets, 5% bare. Owned pods
// are held in the cache but judged through their owner (docs/audit.md); the rest is judged.
import dev.winfleet.core.fleet.Fleet;
import dev.winfleet.core.fleet.FleetNode;
import dev.winfleet.core.rules.RulesEngine;
import dev.winfleet.kube.FleetMapper;
import dev.winfleet.kube.audit.AuditController;
import dev.winfleet.kube.audit.AuditStore;
import dev.winfleet.kube.audit.AuditedKind;
import dev.winfleet.kube.audit.LeanItemStore;
import dev.winfleet.core.spi.FleetView;
import dev.winfleet.core.spi.InventoryStatus;
import dev.winfleet.core.spi.NodeGroups;
import dev.winfleet.server.api.PolicySettings;
import dev.winfleet.server.policy.PlacementPolicy;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

public class AuditBench {

  static final String[] WINDOWS_IMAGES = {
    "mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2019",
    "mcr.microsoft.com/dotnet/framework/aspnet:4.8-windowsservercore-ltsc2022",
    "mcr.microsoft.com/windows/nanoserver:ltsc2022",
    "mcr.microsoft.com/windows/servercore:ltsc2019"
  };
  static final String[] LINUX_IMAGES = {
    "nginx:1.27-alpine", "redis:7.4", "registry.k8s.io/pause:3.10", "ghcr.io/example/api:2.3.1"
  };

  static volatile Fleet current = Fleet.empty();

  static Node node(int i, String os, String kernel) {
    Map<String, String> labels = new java.util.HashMap<>();
    labels.put("kubernetes.io/os", os);
    labels.put("kubernetes.io/arch", "amd64");
    labels.put("kubernetes.io/hostname", "node-" + i);
    labels.put("topology.kubernetes.io/zone", "zone-" + (i % 3));
    NodeBuilder b =
        new NodeBuilder()
            .withNewMetadata()
            .withName("node-" + i)
            .withResourceVersion("1")
            .endMetadata()
            .withNewStatus()
            .withNewNodeInfo()
            .withOperatingSystem(os)
            .withArchitecture("amd64")
            .withKubeletVersion("v1.30.4")
            .withKernelVersion(kernel)
            .endNodeInfo()
            .addToCapacity("cpu", new Quantity("16"))
            .addToCapacity("memory", new Quantity("64Gi"))
            .addToCapacity("pods", new Quantity("110"))
            .addToAllocatable("cpu", new Quantity("15"))
            .addToAllocatable("memory", new Quantity("60Gi"))
            .addToAllocatable("pods", new Quantity("110"))
            .endStatus();
    if (os.equals("windows")) {
      labels.put("node.kubernetes.io/windows-build", kernel.substring(0, kernel.lastIndexOf('.')));
      b.editSpec().addNewTaint().withKey("os").withValue("windows").withEffect("NoSchedule").endTaint().endSpec();
    }
    b.editMetadata().withLabels(labels).endMetadata();
    return b.build();
  }

  static PodSpec spec(int i, boolean windows) {
    String image = windows ? WINDOWS_IMAGES[i % WINDOWS_IMAGES.length] : LINUX_IMAGES[i % LINUX_IMAGES.length];
    PodSpecBuilder b =
        new PodSpecBuilder()
            .addNewContainer()
            .withName("app")
            .withImage(image)
            .addNewPort().withContainerPort(8080).withName("http").endPort()
            .addNewEnv().withName("ASPNETCORE_URLS").withValue("http://+:8080").endEnv()
            .addNewEnv().withName("LOG_LEVEL").withValue("info").endEnv()
            .withNewResources()
            .addToRequests("cpu", new Quantity("250m"))
            .addToRequests("memory", new Quantity("256Mi"))
            .addToLimits("cpu", new Quantity("1"))
            .addToLimits("memory", new Quantity("512Mi"))
            .endResources()
            .withNewReadinessProbe().withNewHttpGet().withPath("/healthz").withNewPort(8080).endHttpGet().endReadinessProbe()
            .addNewVolumeMount().withName("config").withMountPath("/etc/app").endVolumeMount()
            .endContainer()
            .addNewVolume().withName("config").withNewConfigMap().withName("app-config-" + (i % 100)).endConfigMap().endVolume()
            .withServiceAccountName("app");
    if (windows) {
      String build = image.contains("2019") ? "10.0.17763" : "10.0.20348";
      b.withNodeSelector(Map.of("kubernetes.io/os", "windows", "node.kubernetes.io/windows-build", build))
          .withNewOs().withName("windows").endOs()
          .addNewToleration().withKey("os").withOperator("Equal").withValue("windows").withEffect("NoSchedule").endToleration();
    } else {
      b.withNodeSelector(Map.of("kubernetes.io/os", "linux"));
    }
    return b.build();
  }

  static Pod pod(String ns, String name, PodSpec spec, String ownerKind, String owner) {
    PodBuilder b =
        new PodBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(ns)
            .withUid(java.util.UUID.randomUUID().toString())
            .withResourceVersion("1")
            .withLabels(Map.of("app", owner == null ? name : owner, "pod-template-hash", "5d4f8c"))
            .endMetadata()
            .withSpec(spec);
    if (ownerKind != null) {
      b.editMetadata()
          .addNewOwnerReference()
          .withApiVersion("apps/v1")
          .withKind(ownerKind)
          .withName(owner)
          .withUid("u-" + owner)
          .withController(true)
          .endOwnerReference()
          .endMetadata();
    }
    return b.build();
  }

  static long cpuMillis() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
            .getProcessCpuTime()
        / 1_000_000;
  }

  static long usedHeapAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    Runtime r = Runtime.getRuntime();
    return r.totalMemory() - r.freeMemory();
  }

  public static void main(String[] args) throws Exception {
    int nodeCount = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
    int podCount = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
    int cores = Runtime.getRuntime().availableProcessors();
    System.out.printf("AuditBench: %,d nodes, %,d pods, %d processors, max heap %d MiB%n",
        nodeCount, podCount, cores, Runtime.getRuntime().maxMemory() >> 20);
    long heap0 = usedHeapAfterGc();

    // The node cache and the fleet, as LiveFleet maps them.
    FleetMapper mapper = FleetMapper.builtIn();
    List<Node> nodes = new ArrayList<>(nodeCount);
    List<FleetNode> fleetNodes = new ArrayList<>(nodeCount);
    for (int i = 0; i < nodeCount; i++) {
      Node n =
          i % 10 == 0 ? node(i, "windows", "10.0.17763.6414")
              : i % 10 == 1 ? node(i, "windows", "10.0.20348.2762")
              : node(i, "linux", "6.1.0-25-cloud-amd64");
      nodes.add(n);
      fleetNodes.add(mapper.node(n));
    }
    current = new Fleet(fleetNodes, List.of());
    FleetView view =
        new FleetView() {
          public Fleet fleet() {
            return current;
          }

          public InventoryStatus status() {
            return InventoryStatus.synced(Instant.now(), NodeGroups.of(current));
          }
        };

    // The workload caches.
    Map<AuditedKind, AuditController.ObjectCache> caches = new EnumMap<>(AuditedKind.class);
    LeanItemStore<Pod> pods = new LeanItemStore<>();
    LeanItemStore<HasMetadata> deployments = new LeanItemStore<>();
    LeanItemStore<HasMetadata> replicaSets = new LeanItemStore<>();
    LeanItemStore<HasMetadata> daemonSets = new LeanItemStore<>();
    for (AuditedKind k : AuditedKind.values()) {
      caches.put(k, new LeanItemStore<>());
    }
    caches.put(AuditedKind.POD, pods);
    caches.put(AuditedKind.DEPLOYMENT, deployments);
    caches.put(AuditedKind.REPLICA_SET, replicaSets);
    caches.put(AuditedKind.DAEMON_SET, daemonSets);
    int deploymentPods = podCount * 85 / 100;
    int daemonPods = podCount * 10 / 100;
    int barePods = podCount - deploymentPods - daemonPods;
    int made = 0;
    for (int d = 0; made < deploymentPods; d++) {
      String ns = "team-" + (d % 200);
      boolean windows = d % 4 == 0;
      PodSpec spec = spec(d, windows);
      String name = "app-" + d;
      deployments.add(new DeploymentBuilder().withNewMetadata().withName(name).withNamespace(ns)
          .withResourceVersion("1").withGeneration(1L).endMetadata()
          .withNewSpec().withReplicas(50).withNewSelector().addToMatchLabels("app", name).endSelector()
          .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata()
          .withSpec(spec).endTemplate().endSpec().build());
      replicaSets.add(new ReplicaSetBuilder().withNewMetadata().withName(name + "-5d4f8c").withNamespace(ns)
          .withResourceVersion("1").addNewOwnerReference().withApiVersion("apps/v1").withKind("Deployment")
          .withName(name).withUid("u-" + name).withController(true).endOwnerReference().endMetadata()
          .withNewSpec().withReplicas(50).withNewTemplate().withSpec(spec).endTemplate().endSpec().build());
      for (int p = 0; p < 50 && made < deploymentPods; p++, made++) {
        // Each pod has its own spec object, as pods listed from an API server do.
        pods.add(pod(ns, name + "-5d4f8c-" + p, spec(d, windows), "ReplicaSet", name + "-5d4f8c"));
      }
    }
    int daemonSetCount = 0;
    for (int d = 0; made < deploymentPods + daemonPods; d++, daemonSetCount++) {
      String name = "agent-" + d;
      boolean windows = d % 2 == 0;
      daemonSets.add(new DaemonSetBuilder().withNewMetadata().withName(name).withNamespace("kube-system")
          .withResourceVersion("1").withGeneration(1L).endMetadata()
          .withNewSpec().withNewSelector().addToMatchLabels("app", name).endSelector()
          .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata()
          .withSpec(spec(d, windows)).endTemplate().endSpec().build());
      for (int p = 0; p < 500 && made < deploymentPods + daemonPods; p++, made++) {
        pods.add(pod("kube-system", name + "-" + p, spec(d, windows), "DaemonSet", name));
      }
    }
    for (int i = 0; i < barePods; i++, made++) {
      pods.add(pod("debug-" + (i % 50), "bare-" + i, spec(i, i % 3 == 0), null, null));
    }

    Clock clock = Clock.systemUTC();
    PlacementPolicy policy = new PlacementPolicy(view, null, PolicySettings.defaults(), clock);
    AuditStore store =
        new AuditStore(RulesEngine.builtIn(), (o, ns) -> policy.environment(o, ns, false), clock);
    AuditController audit = AuditController.overCaches(caches, store, cores);

    long t0 = System.nanoTime();
    int looked = audit.judgeAll();
    long first = (System.nanoTime() - t0) / 1_000_000;
    System.out.printf("caches: %,d pods, %,d Deployments, %,d ReplicaSets, %,d DaemonSets, %,d nodes%n",
        pods.size(), deployments.size(), replicaSets.size(), daemonSets.size(), nodes.size());
    System.out.printf("first full evaluation: %,d objects looked at, %,d judged, %,d findings in %,d ms%n",
        looked, store.size(), audit.status().findings(), first);

    // Warm-up passes, then the measured ones: one Windows node upgraded 17763 -> 20348, as
    // LiveFleet rebuilds the fleet (only the changed node is mapped again).
    for (int round = 1; round <= 5; round++) {
      int idx = (round * 10) % nodeCount;
      Node upgraded = node(idx, "windows", "10.0.20348.2762");
      upgraded.getMetadata().setResourceVersion("2");
      long t1 = System.nanoTime();
      long c1 = cpuMillis();
      List<FleetNode> next = new ArrayList<>(current.nodes());
      next.set(idx, mapper.node(upgraded));
      nodes.set(idx, upgraded);
      current = new Fleet(next, List.of());
      audit.judgeAll();
      long ms = (System.nanoTime() - t1) / 1_000_000;
      long cpu = cpuMillis() - c1;
      System.out.printf("round %d: node-%d upgraded to 10.0.20348: full re-evaluation of %,d judged objects in %,d ms wall, %,d ms CPU (%,d findings)%n",
          round, idx, store.size(), ms, cpu, audit.status().findings());
    }

    // Every Windows Server 2019 node upgraded at once: the 2019 workloads are stranded.
    List<FleetNode> all = new ArrayList<>(current.nodes());
    for (int i = 0; i < nodeCount; i += 10) {
      Node u = node(i, "windows", "10.0.20348.2762");
      nodes.set(i, u);
      all.set(i, mapper.node(u));
    }
    long t2 = System.nanoTime();
    long c2 = cpuMillis();
    current = new Fleet(all, List.of());
    audit.judgeAll();
    long last = (System.nanoTime() - t2) / 1_000_000;
    long lastCpu = cpuMillis() - c2;
    System.out.printf("all 2019 nodes upgraded: full re-evaluation in %,d ms wall, %,d ms CPU, %,d findings, %,d no-compatible-node%n",
        last, lastCpu, audit.status().findings(),
        audit.objects().stream().flatMap(o -> o.findings().stream()).filter(f -> f.rule().equals("no-compatible-node")).count());

    long heap = usedHeapAfterGc();
    System.out.printf("heap used after GC: %,d MiB (before generating: %,d MiB); peak committed %,d MiB%n",
        heap >> 20, heap0 >> 20, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted() >> 20);
    // Keep everything reachable until measured.
    if (nodes.size() + pods.size() == 0) {
      System.out.println();
    }
    audit.close();
  }
}
