package dev.winfleet.core.containerize;

import dev.winfleet.core.catalog.WindowsCatalog;
import java.util.List;

/** Writes REPORT.md: what was detected, and why each choice was made. */
final class ReportWriter {

  private final DotnetImageCatalog images;
  private final WindowsCatalog catalog;
  private final ContainerizeRequest request;

  ReportWriter(DotnetImageCatalog images, WindowsCatalog catalog, ContainerizeRequest request) {
    this.images = images;
    this.catalog = catalog;
    this.request = request;
  }

  String report(Detection detection, List<AppPlan> plans) {
    StringBuilder r = new StringBuilder();
    r.append("# winfleet containerize: ").append(request.files().rootName()).append("\n\n");
    r.append("Generated from the folder's files alone; nothing was built or run. ");
    r.append("Review before use: the choices below are starting points.\n\n");

    r.append("## Target\n\n");
    r.append("Images chosen for: ")
        .append(catalog.describe(request.target().hostBuild()))
        .append(".\n\n");
    for (String reason : request.target().reasons()) {
      r.append("- ").append(reason).append("\n");
    }
    for (String warning : request.target().warnings()) {
      r.append("- **Warning:** ").append(warning).append("\n");
    }
    r.append("\n");

    for (AppPlan plan : plans) {
      DetectedApp app = plan.app();
      r.append("## ").append(plan.name()).append("\n\n");
      r.append("Detected: ").append(app.describe());
      if (!app.source().isEmpty()) {
        r.append(" (`").append(app.source()).append("`)");
      }
      r.append(".\n\n");
      r.append("Evidence:\n\n");
      for (String e : app.evidence()) {
        r.append("- ").append(e).append("\n");
      }
      r.append("\nImages:\n\n");
      plan.buildImage()
          .ifPresent(b -> r.append("- build stage: `").append(b.reference()).append("`\n"));
      r.append("- runtime: `").append(plan.runtimeImage().reference()).append("`\n");
      r.append("- app image (set your registry): `").append(plan.appImage()).append("`\n");
      r.append("\nWhy:\n\n");
      for (String reason : plan.reasons()) {
        r.append("- ").append(reason).append("\n");
      }
      r.append("\nPlacement:\n\n");
      for (String reason : plan.placement().reasons()) {
        r.append("- ").append(reason).append("\n");
      }
      for (String warning : plan.placement().warnings()) {
        r.append("- **Warning:** ").append(warning).append("\n");
      }
      r.append("\nContainer and Kubernetes:\n\n");
      kindNotes(r, plan);
      List<AppDetails.Todo> todo = StillToDo.of(plan);
      if (!todo.isEmpty()) {
        r.append("\n### What you must still do\n\n");
        for (AppDetails.Todo t : todo) {
          r.append("- **").append(t.topic()).append("**: ").append(t.finding()).append(".\n");
          r.append("  ").append(t.action()).append(".\n");
        }
      }
      r.append("\nFiles: `").append(prefix(plan)).append("Dockerfile`, `");
      r.append(prefix(plan)).append(Containerizer.workloadFile(plan)).append("`");
      if (ManifestWriter.hasService(plan)) {
        r.append(", `").append(prefix(plan)).append("k8s/service.yaml`");
      }
      if (ManifestWriter.appDataPath(plan) != null) {
        r.append(", `").append(prefix(plan)).append("k8s/app-data-pvc.yaml`");
      }
      if (app.details().windowsAuth().isPresent()) {
        r.append(", `").append(prefix(plan)).append("k8s/gmsa-credspec.yaml` (a template)");
      }
      r.append(".\n\n");
    }

    if (!detection.skipped().isEmpty() || !detection.notes().isEmpty()) {
      r.append("## Passed over\n\n");
      for (String s : detection.skipped()) {
        r.append("- ").append(s).append("\n");
      }
      for (String s : detection.notes()) {
        r.append("- ").append(s).append("\n");
      }
      r.append("\n");
    }

    r.append("## Placement (all apps)\n\n");
    r.append(
            "- `spec.os.name: windows` (Kubernetes 1.25+): the API server rejects Linux-only fields")
        .append(" and the scheduler knows the pod is Windows.\n");
    r.append("- `nodeSelector` `kubernetes.io/os: windows` keeps the pod off Linux nodes;")
        .append(" `node.kubernetes.io/windows-build` (a nodeSelector for one build, a required")
        .append(" node affinity for several; each app's builds are above) keeps it on hosts whose")
        .append(" build runs the image with process isolation")
        .append(
            " (elsewhere it fails with \"The container operating system does not match the host")
        .append(" operating system\").\n");
    r.append("- resources: requests and limits for CPU and memory; memory request equals limit")
        .append(" because Windows cannot overcommit memory. Tune them to the app.\n");
    r.append("- No securityContext: runAsUser, readOnlyRootFilesystem, seccomp, capabilities and")
        .append(
            " the like do not work on Windows; use `windowsOptions.runAsUserName` if needed.\n\n");

    r.append("## Build and deploy\n\n");
    r.append("On a Windows build host (Docker or another builder for Windows images):\n\n```\n");
    if (!request.outFromContext().equals(".")) {
      r.append("copy ")
          .append(request.outFromContext().replace('/', '\\'))
          .append("\\.dockerignore .\n");
    }
    for (AppPlan plan : plans) {
      String dockerfile =
          (request.outFromContext().equals(".") ? "" : request.outFromContext() + "/")
              + prefix(plan)
              + "Dockerfile";
      r.append("docker build -f ")
          .append(dockerfile)
          .append(" -t ")
          .append(plan.appImage())
          .append(" .\n");
      r.append("docker push ").append(plan.appImage()).append("\n");
    }
    r.append("```\n\nThen, from the output folder:\n\n```\n");
    for (AppPlan plan : plans) {
      r.append("winfleet check ").append(prefix(plan)).append("k8s\n");
      r.append("kubectl apply -f ").append(prefix(plan)).append("k8s\n");
    }
    r.append("```\n");
    return r.toString();
  }

  private void kindNotes(StringBuilder r, AppPlan plan) {
    DetectedApp app = plan.app();
    int port = plan.port();
    AppDetails d = app.details();
    if (!d.parts().isEmpty()) {
      r.append("- built with ")
          .append(d.parts().size())
          .append(" project(s) whose OutputPath points into its folder: ")
          .append(String.join(", ", d.parts().stream().map(p -> "`" + p + "`").toList()))
          .append(
              d.buildSolution()
                  .map(sln -> "; the Dockerfile builds `" + sln + "`")
                  .orElse("; no solution names them, so the Dockerfile builds each, then the app,"))
          .append(" and copies the app's whole folder, sources included (a publish profile")
          .append(" that includes the parts' output would copy less).\n");
    }
    if (d.webSite()) {
      r.append("- an ASP.NET Web Site: no project file; IIS serves the folder and ASP.NET")
          .append(" compiles App_Code and pages at run time.\n");
    }
    switch (app.kind()) {
      case WEB, STATIC_SITE -> {
        if (d.selfHostedHttp()) {
          r.append("- Kestrel listens on port ")
              .append(port)
              .append(" (ASPNETCORE_URLS); the program is the entry point, no IIS.\n");
        } else if (app.runtime() == AppRuntime.DOTNET) {
          r.append("- Kestrel listens on port ")
              .append(port)
              .append(" (")
              .append(images.portVariable(app.version()))
              .append("); the Service forwards port ")
              .append(port)
              .append(" to it.\n");
        } else {
          r.append("- IIS serves the site on port ")
              .append(port)
              .append("; `ServiceMonitor.exe w3svc` is the entry point, so the container lives")
              .append(" as long as IIS does.\n");
        }
        r.append(
                "- readiness and liveness probes: HTTP GET `/` on the `http` port; change the path")
            .append(" if `/` needs a login or redirects elsewhere.\n");
        if (app.runtime() != AppRuntime.DOTNET && !d.selfHostedHttp()) {
          startupNote(r);
        }
      }
      case WCF -> {
        r.append("- IIS hosts the service: HTTP on port ")
            .append(port)
            .append(" and net.tcp on port ")
            .append(images.wcfNetTcpPort())
            .append(", both in the Service.\n");
        r.append("- probes: a TCP connection to the HTTP port (a WCF site's `/` usually answers")
            .append(" 403, which an HTTP probe counts as failure); point an httpGet probe at a")
            .append(" `.svc` address if its metadata page is enabled.\n");
        startupNote(r);
      }
      case CONSOLE -> {
        r.append("- runs `")
            .append(app.assembly())
            .append(
                d.singleFile()
                    ? ".exe` (single-file publish)"
                    : app.runtime() == AppRuntime.DOTNET ? ".dll` with `dotnet`" : ".exe`")
            .append(" in the foreground");
        if (!d.endpoints().isEmpty()) {
          r.append("; it opens ports itself (")
              .append(
                  String.join(
                      ", ", d.endpoints().stream().map(e -> e.scheme() + " " + e.port()).toList()))
              .append(", from ")
              .append(d.endpoints().get(0).source().split(":")[0])
              .append("): the container and the Service expose them, and TCP probes check the")
              .append(" first. A base address on `localhost` still listens on every address (WCF's")
              .append(" default host name comparison is a strong wildcard).\n");
        } else {
          r.append("; no port, no Service, no probes.\n");
        }
        if (d.oneShot()) {
          r.append("- a Job, not a Deployment: the program shows no wait, loop, host or")
              .append(" listener, so it does its work and ends (a Deployment would restart it")
              .append(" forever). Make it a CronJob to run it on a schedule.\n");
        } else if (d.endpoints().isEmpty()) {
          r.append("- a Deployment restarts a program that exits: if it runs once and ends, use a")
              .append(" Job or CronJob with the same pod template.\n");
        }
      }
      case WORKER ->
          r.append("- runs `")
              .append(app.assembly())
              .append(".dll` with `dotnet` in the foreground; no port, no Service, no probes")
              .append(" (add an exec or HTTP health check if the worker exposes one).\n");
      case WINDOWS_SERVICE -> {
        r.append("- the image registers Windows service `")
            .append(app.serviceName().orElse(app.assembly()))
            .append("` (New-Service); the entry point starts it and exits when it stops, so")
            .append(" Kubernetes restarts the pod.\n");
        r.append(
            "- no port, no Service, no probes; expose a port yourself if the service listens.\n");
      }
      default -> throw new IllegalStateException(app.kind().toString());
    }
  }

  private void startupNote(StringBuilder r) {
    DotnetImageCatalog.Probe startup = images.startupProbe();
    r.append(
            "- startupProbe: Windows Server Core, IIS and ASP.NET's first compilation take tens of")
        .append(" seconds to minutes; the probe allows ")
        .append(startup.failureThreshold() * startup.periodSeconds())
        .append(" s before Kubernetes restarts the container, and liveness and readiness start")
        .append(" only after it succeeds.\n");
  }

  private static String prefix(AppPlan plan) {
    return plan.directory().isEmpty() ? "" : plan.directory() + "/";
  }
}
