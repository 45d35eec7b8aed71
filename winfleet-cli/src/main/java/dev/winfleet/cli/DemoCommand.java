package dev.winfleet.cli;

import dev.winfleet.core.fleet.FleetNode;
import dev.winfleet.core.rules.Finding;
import dev.winfleet.core.rules.Severity;
import dev.winfleet.server.dashboard.DashboardModel;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code winfleet demo}: the dashboard on a bundled mixed fleet, in one command. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "See winfleet work: start the server with its dashboard on https://localhost:8444/ui/ over"
          + " an embedded demo fleet (Linux nodes and Windows Server 2019, 2022 and 2025 nodes)"
          + " and bundled example workloads (the IIS site, win-server and IIS pod examples of the"
          + " articles winfleet was built from, and a few workloads with typical Windows"
          + " problems). Prints a summary of the findings and serves until Ctrl-C.",
      "",
      "The certificate is self-signed and made on the spot, so the browser warns once; the"
          + " server listens on the loopback address only.",
      ""
    },
    footerHeading = "%nExit codes:%n",
    footer = {
      "  0  stopped with Ctrl-C",
      "  2  bad usage, or the port is taken",
      "  3  internal error",
      "",
      "Examples:",
      "  winfleet demo",
      "  winfleet demo --port 9443"
    })
final class DemoCommand implements Callable<Integer> {

  static final String HOST = "127.0.0.1";

  @Spec CommandSpec spec;

  @Option(
      names = "--port",
      defaultValue = "8443",
      description = "HTTPS port on localhost (default: ${DEFAULT-VALUE}).")
  int port;

  @Override
  public Integer call() throws Exception {
    if (port < 1 || port > 65535) {
      throw new UserException(
          "--port " + port + " is not a port to serve on: give one from 1 to 65535 (default 8443)");
    }
    RunningDemo demo = RunningDemo.start(HOST, port, Clock.systemUTC());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  demo.close();
                  stopped.countDown();
                },
                "winfleet-demo-shutdown"));
    int answered = DemoAdmissions.replay(demo);
    PrintWriter out = spec.commandLine().getOut();
    summary(out, demo.model());
    out.println();
    out.println(
        "The webhook answered "
            + answered
            + " admission reviews for the examples (see 'Admission verdicts').");
    out.println("Dashboard: " + demo.dashboardUrl());
    out.println(
        "The certificate is self-signed (its CA: "
            + demo.caCertificate()
            + "); the browser warns once.");
    out.println("Press Ctrl-C to stop.");
    out.flush();
    stopped.await();
    return ExitCodes.OK;
  }

  /** The fleet and the findings, in a few lines. */
  static void summary(PrintWriter out, DashboardModel model) {
    Map<String, Long> groups =
        model.fleet().nodes().stream()
            .collect(
                Collectors.groupingBy(DemoCommand::groupName, TreeMap::new, Collectors.counting()));
    out.println(
        "winfleet demo: "
            + model.fleet().nodes().size()
            + " nodes ("
            + groups.entrySet().stream()
                .map(e -> e.getValue() + " " + e.getKey())
                .collect(Collectors.joining(", "))
            + "), "
            + model.workloads().size()
            + " workloads.");
    Map<Severity, Long> bySeverity = new TreeMap<>();
    Map<String, Long> byRule = new TreeMap<>();
    for (Finding f : model.findings()) {
      bySeverity.merge(f.severity(), 1L, Long::sum);
      byRule.merge(f.rule(), 1L, Long::sum);
    }
    out.println(
        "Findings: "
            + bySeverity.getOrDefault(Severity.ERROR, 0L)
            + " errors, "
            + bySeverity.getOrDefault(Severity.WARNING, 0L)
            + " warnings, "
            + bySeverity.getOrDefault(Severity.INFO, 0L)
            + " info.");
    byRule.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .forEach(e -> out.println("  " + e.getValue() + "  " + e.getKey()));
  }

  private static String groupName(FleetNode n) {
    if (n.isLinux()) {
      return "Linux";
    }
    if (n.isWindows() && n.windowsVersion() != null) {
      return "Windows " + n.windowsVersion().buildString();
    }
    return "unknown";
  }
}
