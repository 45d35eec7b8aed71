package dev.winfleet.core.containerize;

import dev.winfleet.core.catalog.WindowsCatalog;
import dev.winfleet.core.containerize.DotnetImageCatalog.Variant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns an app folder into a Dockerfile, a .dockerignore, Kubernetes manifests and a report: pure,
 * it returns the files and the reasons; the caller writes them.
 */
public final class Containerizer {

  private final ProjectDetector detector;
  private final DotnetImageCatalog images;
  private final WindowsCatalog catalog;
  private final AppPlacer placer;

  Containerizer(
      ProjectDetector detector,
      DotnetImageCatalog images,
      WindowsCatalog catalog,
      AppPlacer placer) {
    this.detector = detector;
    this.images = images;
    this.catalog = catalog;
    this.placer = placer;
  }

  public static Containerizer builtIn() {
    return new Containerizer(
        new ProjectDetector(),
        DotnetImageCatalog.builtIn(),
        WindowsCatalog.builtIn(),
        AppPlacer.builtIn());
  }

  /**
   * Detects the apps and generates their files.
   *
   * @throws UnrecognisedProjectException when the folder holds no app
   * @throws ContainerizeException when an app cannot run on the target, or --name is given for a
   *     folder with several apps
   */
  public ContainerizeResult containerize(ContainerizeRequest request) {
    Detection detection = detector.detect(request.files(), request.project());
    List<DetectedApp> apps = detection.apps();
    if (request.name().isPresent() && apps.size() > 1) {
      String names = String.join(", ", apps.stream().map(DetectedApp::name).toList());
      throw new ContainerizeException(
          p ->
              p.apply(ContainerizeException.Parameter.NAME)
                  + " names one app, but the folder has "
                  + apps.size()
                  + " ("
                  + names
                  + "); leave "
                  + p.apply(ContainerizeException.Parameter.NAME)
                  + " out to name each after its project",
          true);
    }
    if (request.image().isPresent() && apps.size() > 1) {
      throw new ContainerizeException(
          p ->
              p.apply(ContainerizeException.Parameter.IMAGE)
                  + " names one image, but the folder has "
                  + apps.size()
                  + " apps; leave "
                  + p.apply(ContainerizeException.Parameter.IMAGE)
                  + " out and set each image in its k8s/deployment.yaml",
          true);
    }
    List<AppPlan> plans = new ArrayList<>();
    for (DetectedApp app : apps) {
      plans.add(plan(app, request, apps.size() > 1));
    }
    List<GeneratedFile> files = new ArrayList<>();
    DockerfileWriter dockerfiles = new DockerfileWriter(images, request);
    ManifestWriter manifests = new ManifestWriter(images, request);
    for (AppPlan plan : plans) {
      String dir = plan.directory().isEmpty() ? "" : plan.directory() + "/";
      files.add(new GeneratedFile(dir + "Dockerfile", dockerfiles.dockerfile(plan)));
      dockerfiles
          .logMonitor(plan, List.of())
          .config()
          .ifPresent(c -> files.add(new GeneratedFile(dir + "LogMonitorConfig.json", c)));
      files.add(new GeneratedFile(dir + workloadFile(plan), manifests.workload(plan)));
      if (ManifestWriter.hasService(plan)) {
        files.add(new GeneratedFile(dir + "k8s/service.yaml", manifests.service(plan)));
      }
      if (ManifestWriter.appDataPath(plan) != null && plan.app().details().appDataPersistent()) {
        files.add(new GeneratedFile(dir + "k8s/app-data-pvc.yaml", manifests.appDataClaim(plan)));
      }
      if (plan.app().details().windowsAuth().isPresent()) {
        files.add(new GeneratedFile(dir + "k8s/gmsa-credspec.yaml", manifests.gmsa(plan)));
      }
    }
    files.add(new GeneratedFile(".dockerignore", dockerfiles.dockerignore(plans)));
    files.add(
        new GeneratedFile(
            "REPORT.md", new ReportWriter(images, catalog, request).report(detection, plans)));
    return new ContainerizeResult(
        files, plans, detection, request.target(), PlanJson.write(detection, plans, request));
  }

  /** k8s/job.yaml for a program that runs once, else k8s/deployment.yaml. */
  static String workloadFile(AppPlan plan) {
    return ManifestWriter.isJob(plan) ? "k8s/job.yaml" : "k8s/deployment.yaml";
  }

  private AppPlan plan(DetectedApp app, ContainerizeRequest request, boolean several) {
    int host = request.target().hostBuild().build();
    String name = request.name().orElse(app.name());
    List<String> reasons = new ArrayList<>();
    Optional<ImageChoice> build = Optional.empty();
    ImageChoice runtime;
    boolean nano = false;
    switch (app.runtime()) {
      case NONE -> {
        runtime = images.iis(host);
        reasons.add(
            "a static site needs only a web server: the IIS image (" + runtime.reason() + ")");
      }
      case FRAMEWORK -> {
        ImageFlavour flavour =
            switch (app.kind()) {
              case WEB ->
                  app.details().selfHostedHttp() ? ImageFlavour.RUNTIME : ImageFlavour.ASPNET;
              case WCF -> ImageFlavour.WCF;
              default -> ImageFlavour.RUNTIME;
            };
        runtime = images.framework(flavour, app.version(), host, request.pinMonth());
        reasons.add(
            "runtime image "
                + flavour.key()
                + ": "
                + switch (flavour) {
                  case ASPNET -> "IIS with ASP.NET, for a web app";
                  case WCF -> "IIS with WCF HTTP and net.tcp activation, for a WCF service";
                  default -> "the .NET Framework without IIS, for a program that runs itself";
                });
        reasons.add(runtime.reason());
        if (!app.prebuilt()) {
          build =
              Optional.of(
                  images.framework(ImageFlavour.SDK, app.version(), host, request.pinMonth()));
          reasons.add(
              "build image "
                  + build.get().reference()
                  + ": MSBuild, NuGet and the targeting packs of the .NET Framework SDK image, of"
                  + " the same Windows build");
        }
        if (request.pinMonth().isPresent()) {
          reasons.add(
              "dated tags carry the date of the .NET Framework servicing release, normally Patch"
                  + " Tuesday; an out-of-band release can carry another date: check the tag"
                  + " exists (https://mcr.microsoft.com/v2/dotnet/framework/"
                  + flavour.key()
                  + "/tags/list) before building");
        }
      }
      case DOTNET -> {
        ImageFlavour flavour =
            app.kind() == AppKind.WEB ? ImageFlavour.ASPNET : ImageFlavour.RUNTIME;
        Variant variant = app.windowsOnly() ? Variant.WINDOWSSERVERCORE : Variant.NANOSERVER;
        nano = variant == Variant.NANOSERVER;
        runtime = images.dotnet(flavour, app.version(), variant, host);
        reasons.add(
            "runtime image "
                + flavour.key()
                + (flavour == ImageFlavour.ASPNET
                    ? ": the ASP.NET Core runtime, for a web app"
                    : ": the .NET runtime, for a program without ASP.NET Core"));
        reasons.add(
            variant == Variant.NANOSERVER
                ? "Nano Server: a few hundred MB instead of Windows Server Core's gigabytes; .NET"
                    + " needs nothing more"
                : "Windows Server Core: the app targets "
                    + app.targetFramework()
                    + ", which calls Windows APIs Nano Server lacks");
        reasons.add(runtime.reason());
        String note = images.supportNote(app.version());
        if (!note.isEmpty()) {
          reasons.add(note);
        }
        if (!app.prebuilt()) {
          String sdkVersion = app.sdkVersion().filter(images::knowsDotnet).orElse(app.version());
          build = Optional.of(images.dotnet(ImageFlavour.SDK, sdkVersion, variant, host));
          reasons.add(
              "build image "
                  + build.get().reference()
                  + (app.sdkVersion().isPresent()
                      ? ": global.json asks for SDK "
                          + app.sdkVersion().get()
                          + (images.knowsDotnet(app.sdkVersion().get())
                              ? ""
                              : ", for which winfleet knows no image; the app's version is used")
                      : ": the SDK of the app's .NET version")
                  + ", same variant and Windows build");
        }
        if (request.pinMonth().isPresent()) {
          reasons.add(
              "--pin-month: .NET images have no dated tags; pin the patch version (e.g. "
                  + app.version()
                  + ".x-...) or the digest instead");
        }
      }
      default -> throw new IllegalStateException("unknown runtime " + app.runtime());
    }
    if (app.runtime() == AppRuntime.NONE && request.pinMonth().isPresent()) {
      reasons.add("--pin-month: the IIS image has no dated tags; pin its digest instead");
    }
    // The app image's tag names the Windows build. An all-digit token ("1809" from
    // nanoserver-1809) reads as an app version to people and to winfleet check: use the release's
    // unambiguous tag (ltsc2019) instead.
    String os = runtime.tag().replaceAll(".*-", "");
    if (os.matches("\\d+")) {
      os = catalog.preferredTag(runtime.imageBuild()).filter(t -> !t.matches("\\d+")).orElse(os);
    }
    String appImage = request.image().orElse(name + ":1.0.0-" + os);
    int port = 0;
    if (app.kind().servesHttp()) {
      int imageDefault =
          app.runtime() == AppRuntime.DOTNET ? images.imageDefaultPort(app.version()) : 80;
      port = request.port().orElse(imageDefault);
      if (request.port().isEmpty() && app.runtime() == AppRuntime.DOTNET) {
        reasons.add(
            "port "
                + port
                + ": the port the "
                + app.version()
                + " image configures ("
                + images.portVariable(app.version())
                + "); --port changes it");
      }
    }
    AppPlacement placement = placer.place(request.target(), appImage, runtime);
    return new AppPlan(
        app, name, several ? name : "", build, runtime, appImage, nano, reasons, port, placement);
  }
}
