package dev.winfleet.cli;

import dev.winfleet.core.image.InspectedImage;
import dev.winfleet.kube.KubeTokenReviewer;
import dev.winfleet.server.HttpRoutes;
import dev.winfleet.server.ServerStartException;
import dev.winfleet.server.ValidateFailureMode;
import dev.winfleet.server.Warmup;
import dev.winfleet.server.WebhookServer;
import dev.winfleet.server.WebhookServerConfig;
import dev.winfleet.server.api.AdmissionPolicy;
import dev.winfleet.server.api.EnforcementMode;
import dev.winfleet.server.api.PolicySettings;
import dev.winfleet.server.api.TaintSpec;
import dev.winfleet.server.dashboard.ReviewedRoutes;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code winfleet serve}: the admission webhook. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Run the admission webhook over HTTPS: POST /mutate places Windows pods on the nodes whose"
          + " build can run their images, POST /validate denies what no node can run."
          + " GET /healthz, /readyz (ready once the fleet inventory is synced) and /metrics"
          + " (Prometheus).",
      "",
      "The fleet is watched in the cluster of --kubeconfig, else in the cluster it runs in"
          + " (in-cluster configuration); --fleet gives a static one, for tests and demos.",
      "",
      "The certificate files are re-read when they change (a renewed Secret), without a restart."
          + " 'winfleet install' prints the manifests that run this in a cluster.",
      ""
    },
    footerHeading = "%nExit codes:%n",
    footer = {
      "  0  stopped by a signal after serving",
      "  2  bad usage, unreadable certificate or key, port in use",
      "  3  internal error",
      "",
      "Examples:",
      "  winfleet serve --tls-cert tls.crt --tls-key tls.key --fleet fleet.yaml",
      "  winfleet serve --tls-cert tls.crt --tls-key tls.key --fleet fleet.yaml --workloads k8s/",
      "  winfleet serve --tls-cert /etc/winfleet/tls/tls.crt --tls-key /etc/winfleet/tls/tls.key",
      "  winfleet serve --tls-cert tls.crt --tls-key tls.key --kubeconfig ~/.kube/config"
          + " --deny-on warning --registry-timeout 1500ms"
    })
final class ServeCommand implements Callable<Integer> {

  /** What makes the webhook deny. */
  enum DenyOn {
    ERROR,
    WARNING
  }

  @Spec CommandSpec spec;

  @Option(
      names = "--port",
      defaultValue = "8443",
      description = "HTTPS port (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--bind",
      defaultValue = "0.0.0.0",
      paramLabel = "ADDRESS",
      description = "Address to listen on (default: ${DEFAULT-VALUE}).")
  String bind;

  @Option(
      names = "--tls-cert",
      required = true,
      paramLabel = "FILE",
      description = "PEM certificate chain, serving certificate first.")
  Path tlsCert;

  @Option(
      names = "--tls-key",
      required = true,
      paramLabel = "FILE",
      description = "PEM private key of the certificate (PKCS#8, PKCS#1 RSA or SEC1 EC).")
  Path tlsKey;

  @Mixin FleetSourceOptions fleet = new FleetSourceOptions();

  @Option(
      names = "--no-registry",
      negatable = false,
      description =
          "Never ask registries: image tags and winfleet's knowledge tell the OS and build; an"
              + " image they say nothing about is unknown, never denied or pinned on a guess. For"
              + " clusters without registry access (give their facts with --images).")
  boolean noRegistry;

  @Option(
      names = "--images",
      paramLabel = "FILE",
      description =
          "A lock file ('winfleet images lock') or saved 'winfleet inspect --json' result: its"
              + " images are judged on these facts, without asking their registries.")
  Path imagesFile;

  @Option(
      names = "--deny-on",
      defaultValue = "error",
      paramLabel = "SEVERITY",
      description =
          "error (default): deny only what no node can run (no-compatible-node, mixed-os-pod,"
              + " pod-os-mismatch); other findings come back as warnings. warning: findings of"
              + " warning or error severity deny too.")
  DenyOn denyOn;

  @Option(
      names = "--registry-timeout",
      defaultValue = "2s",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description =
          "Budget for registry lookups per request; past it the pod is admitted unchanged with a"
              + " warning (default: 2s). The server stops waiting for a decision 1.5s later (at"
              + " most 4.5s, inside the webhook's 5s timeout).")
  Duration registryTimeout;

  @Option(
      names = "--no-linux-selector",
      negatable = false,
      description = "Do not add kubernetes.io/os: linux to unconstrained Linux pods.")
  boolean noLinuxSelector;

  @Option(
      names = "--windows-taint",
      paramLabel = "KEY[=VALUE]:EFFECT",
      description =
          "A taint of Windows nodes that Windows pods tolerate; repeat for several"
              + " (default: the Windows-node taints winfleet knows, with their sources in"
              + " windows-node-taints.yaml: os=windows:NoSchedule, os=Windows:NoSchedule,"
              + " node.kubernetes.io/os=windows:NoSchedule, node.kubernetes.io/os=Windows:NoSchedule).")
  List<String> windowsTaints = new ArrayList<>();

  @Option(
      names = "--mode",
      defaultValue = "enforce",
      paramLabel = "MODE",
      description =
          "enforce (default): deny and place as decided. warn: never deny and never change an"
              + " object; what enforce would do comes back as admission warnings. audit: as"
              + " warn for any request that arrives (install registers no webhooks).")
  EnforcementMode mode;

  @Option(
      names = "--validate-on-error",
      paramLabel = "ANSWER",
      description =
          "What /validate answers when the policy fails or times out: deny (as the webhook's"
              + " failurePolicy Fail does when winfleet is down) or allow (default: deny in"
              + " enforce mode, allow in warn and audit modes).")
  ValidateFailureMode validateOnError;

  // ---- The dashboard (/ui/ and /api/), see DashboardSetup. ----

  @Option(
      names = "--workloads",
      paramLabel = "PATH",
      description =
          "Manifests (files, directories, '-') the dashboard shows with their findings"
              + " (repeatable).")
  List<String> workloads = new ArrayList<>();

  @Option(
      names = "--no-dashboard",
      negatable = false,
      description = "Do not serve the dashboard (/ui/) and its API (/api/).")
  boolean noDashboard;

  @Option(
      names = "--dashboard-bind",
      defaultValue = "127.0.0.1",
      paramLabel = "ADDRESS",
      description =
          "Address the dashboard listens on, apart from the webhook (default: ${DEFAULT-VALUE};"
              + " reach it with kubectl port-forward). See SECURITY.md before widening it.")
  String dashboardBind;

  @Option(
      names = "--dashboard-port",
      defaultValue = "9443",
      description = "HTTPS port of the dashboard (default: ${DEFAULT-VALUE}).")
  int dashboardPort;

  @Option(
      names = "--dashboard-token-file",
      paramLabel = "FILE",
      description =
          "A file holding a token the dashboard then requires (Authorization: Bearer TOKEN).")
  Path dashboardTokenFile;

  /** How the dashboard checks who asks. */
  enum DashboardAuth {
    NONE,
    TOKEN,
    TOKENREVIEW
  }

  @Option(
      names = "--dashboard-auth",
      paramLabel = "MODE",
      description =
          "How the dashboard checks requests: none; token (the token of --dashboard-token-file);"
              + " tokenreview (the request's bearer token is checked by the Kubernetes API"
              + " server: a TokenReview, then a SubjectAccessReview for get on the non-resource"
              + " URL /winfleet/dashboard; answers are kept 10 s; winfleet's service account needs"
              + " the ClusterRole system:auth-delegator). Default: token with"
              + " --dashboard-token-file, else none. See SECURITY.md.")
  DashboardAuth dashboardAuth;

  @Option(
      names = "--no-audit",
      negatable = false,
      description =
          "Do not audit what runs in the cluster (by default, with a cluster, winfleet judges its"
              + " Pods and workloads continuously and the elected replica writes PolicyReports and"
              + " events; see docs/audit.md).")
  boolean noAudit;

  @Option(
      names = "--warm-up",
      defaultValue = "2s",
      paramLabel = "DURATION",
      converter = DurationConverter.ZeroOrMore.class,
      description =
          "Before listening, send built-in sample pods this long through the policy and then"
              + " through the whole HTTPS stack (a throwaway server on a loopback port), so that"
              + " the first real pods do not wait on the JIT compiler (default: 2s; 0s to skip)."
              + " The readiness probe fails until the server listens.")
  Duration warmUp;

  @Option(
      names = "--shutdown-delay",
      defaultValue = "5s",
      paramLabel = "DURATION",
      converter = DurationConverter.ZeroOrMore.class,
      description =
          "On SIGTERM, go on answering this long before stopping, with /readyz failing and every"
              + " answer closing its connection: Kubernetes keeps sending admission requests to a"
              + " stopping pod until every API server has seen its endpoint go. Then the requests"
              + " being decided are answered and the server stops. Keep it and the longest"
              + " decision (at most 4.5s) under the pod's terminationGracePeriodSeconds (default 30)"
              + " (default: 5s; 0s to stop at once).")
  Duration shutdownDelay;

  @Option(names = "--policy-mode", hidden = true, defaultValue = "real")
  WebhookBackends.Mode policyMode;

  @Override
  public Integer call() throws Exception {
    List<TaintSpec> taints = new ArrayList<>();
    try {
      for (String t : windowsTaints) {
        taints.add(TaintSpec.parse(t));
      }
    } catch (IllegalArgumentException e) {
      throw new UserException("--windows-taint: " + e.getMessage());
    }
    PolicySettings settings =
        new PolicySettings(
            denyOn == DenyOn.WARNING,
            registryTimeout,
            !noLinuxSelector,
            taints.isEmpty() ? PolicySettings.DEFAULT_WINDOWS_TAINTS : taints);
    fleet.validate();
    FleetSourceSpec source = new FleetSourceSpec(fleet.fleetFile, fleet.kubeconfig, fleet.context);
    if (port < 0 || port > 65535) {
      throw new UserException("--port " + port + " is not a port (0-65535)");
    }
    Duration policyTimeout = registryTimeout.plusMillis(1500);
    if (policyTimeout.compareTo(Duration.ofMillis(4500)) > 0) {
      policyTimeout = Duration.ofMillis(4500);
    }
    if (dashboardPort < 0 || dashboardPort > 65535) {
      throw new UserException("--dashboard-port " + dashboardPort + " is not a port (0-65535)");
    }
    if (!noDashboard && dashboardPort == port && port != 0) {
      throw new UserException(
          "--dashboard-port must differ from --port: the dashboard never shares the webhook's"
              + " port");
    }
    DashboardAuth auth =
        dashboardAuth != null
            ? dashboardAuth
            : dashboardTokenFile != null ? DashboardAuth.TOKEN : DashboardAuth.NONE;
    if (auth != DashboardAuth.TOKEN && dashboardTokenFile != null) {
      throw new UserException(
          "--dashboard-auth "
              + auth.name().toLowerCase(java.util.Locale.ROOT)
              + " and --dashboard-token-file exclude each other: drop one");
    }
    if (auth == DashboardAuth.TOKEN && dashboardTokenFile == null) {
      throw new UserException("--dashboard-auth token needs --dashboard-token-file FILE");
    }
    String token = null;
    if (dashboardTokenFile != null) {
      token =
          new String(
                  InputFiles.read(dashboardTokenFile, "--dashboard-token-file", 64 * 1024),
                  java.nio.charset.StandardCharsets.UTF_8)
              .strip();
      if (token.isEmpty()) {
        throw new UserException("--dashboard-token-file " + dashboardTokenFile + " is empty");
      }
    }
    WebhookServerConfig config =
        WebhookServerConfig.of(tlsCert, tlsKey)
            .withAddress(bind, port)
            .withDashboard(new WebhookServerConfig.Dashboard(dashboardBind, dashboardPort, token))
            .withPolicyTimeout(policyTimeout)
            .withValidateFailureMode(
                validateOnError != null
                    ? validateOnError
                    : mode == EnforcementMode.ENFORCE
                        ? ValidateFailureMode.DENY
                        : ValidateFailureMode.ALLOW);
    Clock clock = Clock.systemUTC();
    List<InspectedImage> locked =
        imagesFile == null ? List.of() : FleetFiles.readImages(imagesFile);
    WebhookBackend backend =
        policyMode == WebhookBackends.Mode.REAL
            ? WebhookBackends.real(source, settings, !noRegistry, locked, !noAudit, clock)
            : WebhookBackends.create(policyMode, source, settings, clock);
    HttpRoutes dashboard;
    try {
      dashboard =
          DashboardSetup.forServe(!noDashboard, source, workloads, locked, System.in, backend);
    } catch (RuntimeException e) {
      backend.resources().close();
      throw e;
    }
    AutoCloseable reviewClient = () -> {};
    if (auth == DashboardAuth.TOKENREVIEW && !noDashboard) {
      KubernetesClient client = WebhookBackends.reviewClient(source);
      reviewClient = client;
      dashboard =
          new ReviewedRoutes(
              dashboard, new KubeTokenReviewer(client, ReviewedRoutes.DASHBOARD_PATH));
    }
    AutoCloseable reviews = reviewClient;
    AdmissionPolicy policy = mode.apply(backend.policy());
    if (!warmUp.isZero()) {
      try {
        WebhookServer.checkCertificate(config); // unusable TLS files are said before the warm-up
      } catch (ServerStartException e) {
        backend.resources().close();
        reviews.close();
        throw new UserException(e.getMessage());
      }
      Warmup.Result warm =
          new Warmup(policy, clock).runThroughServer(config, backend.inventory(), warmUp);
      spec.commandLine()
          .getErr()
          .println(
              "winfleet: warmed up on "
                  + warm.rounds()
                  + " rounds of sample pods in "
                  + warm.took().toMillis()
                  + " ms (stopped as "
                  + warm.stoppedBecause()
                  + ")");
    }
    WebhookServer server;
    try {
      server = WebhookServer.start(config, policy, backend.inventory(), clock, dashboard);
    } catch (ServerStartException e) {
      backend.resources().close();
      reviews.close();
      throw new UserException(e.getMessage());
    }
    backend.metrics().forEach(server.metrics()::addSection);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  if (!shutdownDelay.isZero()) {
                    PrintWriter stopErr = spec.commandLine().getErr();
                    stopErr.println(
                        "winfleet: stopping: answering for "
                            + shutdownDelay.toMillis()
                            + " ms"
                            + " more while the cluster stops sending here (--shutdown-delay),"
                            + " then finishing the requests being decided");
                    stopErr.flush();
                  }
                  server.stop(shutdownDelay);
                  try {
                    backend.resources().close();
                    reviews.close();
                  } catch (Exception e) {
                    // shutting down anyway
                  }
                  stopped.countDown();
                },
                "winfleet-shutdown"));
    PrintWriter err = spec.commandLine().getErr();
    err.println(
        "winfleet: serving the admission webhook on https://"
            + bind
            + ":"
            + server.port()
            + " (policy: "
            + policyMode.name().toLowerCase(java.util.Locale.ROOT)
            + ", mode: "
            + mode.label()
            + ")"
            + (server.dashboardPort() < 0
                ? ""
                : "; dashboard on https://"
                    + dashboardBind
                    + ":"
                    + server.dashboardPort()
                    + "/ui/"
                    + (auth == DashboardAuth.NONE
                        ? ""
                        : " (" + auth.name().toLowerCase(java.util.Locale.ROOT) + ")")));
    err.flush();
    stopped.await();
    return ExitCodes.OK;
  }
}
