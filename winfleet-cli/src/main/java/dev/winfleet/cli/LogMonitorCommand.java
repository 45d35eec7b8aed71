package dev.winfleet.cli;

import dev.winfleet.core.containerize.AppLogProfiles;
import dev.winfleet.core.containerize.DetectedApp;
import dev.winfleet.core.containerize.Detection;
import dev.winfleet.core.containerize.ProjectDetector;
import dev.winfleet.core.containerize.ProjectFiles;
import dev.winfleet.core.containerize.UnrecognisedProjectException;
import dev.winfleet.core.observability.AppLogProfile;
import dev.winfleet.core.observability.DockerfileFacts;
import dev.winfleet.core.observability.LogMonitorPlanner;
import dev.winfleet.core.observability.LogMonitorSetup;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code winfleet logmonitor}: a LogMonitorConfig.json for an existing app or Dockerfile. */
@Command(
    name = "logmonitor",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Write the LogMonitorConfig.json an existing Windows app needs so that kubectl logs shows"
          + " what it logs, and print the Dockerfile lines that add LogMonitor.",
      "",
      "IIS writes site logs to files, IIS events to ETW and ASP.NET errors to the Event Log; a"
          + " Windows service writes to the Event Log; none of it reaches stdout. Microsoft's"
          + " LogMonitor runs the entry point as its child and forwards those sources to stdout."
          + " The kind of app comes from the Dockerfile (ServiceMonitor w3svc or an IIS base image"
          + " is IIS; a registered service is a Windows service), else from the project files;"
          + " --kind overrides it. A console app needs nothing: its stdout is already the log.",
      ""
    },
    footerHeading = "%nExit codes:%n",
    footer = {
      "  0  config written, or none needed (the reason is printed)",
      "  2  bad usage: unreadable PATH, no app found, or the config exists (use --force)",
      "",
      "Examples:",
      "  winfleet logmonitor --app ./Shop            # reads ./Shop/Dockerfile",
      "  winfleet logmonitor --app ./Shop/Dockerfile --out ./Shop/docker",
      "  winfleet logmonitor --app ./Reports --kind service"
    })
final class LogMonitorCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--app",
      required = true,
      paramLabel = "PATH",
      description = "The app's folder (its Dockerfile is read when there is one) or a Dockerfile.")
  Path app;

  @Option(
      names = "--kind",
      paramLabel = "KIND",
      description = "iis, service or console, instead of what the files say.")
  String kind;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description =
          "Where to write LogMonitorConfig.json (default: the Dockerfile's or app's folder).")
  Path out;

  @Option(names = "--force", description = "Overwrite an existing LogMonitorConfig.json.")
  boolean force;

  @Override
  public Integer call() {
    PrintWriter stdout = spec.commandLine().getOut();
    Path path = app.toAbsolutePath().normalize();
    Path folder;
    Path dockerfile;
    if (Files.isRegularFile(path)) {
      dockerfile = path;
      folder = path.getParent();
    } else if (Files.isDirectory(path)) {
      folder = path;
      dockerfile =
          Files.isRegularFile(path.resolve("Dockerfile")) ? path.resolve("Dockerfile") : null;
    } else {
      throw new UserException("--app " + app + " is neither a folder nor a Dockerfile");
    }
    LogMonitorPlanner planner = LogMonitorPlanner.builtIn();
    AppLogProfile profile;
    List<String> entrypoint;
    String why;
    ProjectFiles files = ProjectFolderReader.read(folder, null);
    if (dockerfile != null) {
      DockerfileFacts facts;
      try {
        facts = DockerfileFacts.parse(Files.readString(dockerfile, StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UserException("cannot read " + dockerfile + ": " + e.getMessage(), e);
      } catch (IllegalArgumentException e) {
        throw new UserException(dockerfile + ": " + e.getMessage(), e);
      }
      LogMonitorPlanner.Classified classified = planner.classify(facts);
      profile = classified.profile();
      entrypoint = classified.entrypoint();
      why = dockerfile.getFileName() + ": " + classified.reason();
    } else if (kind != null) {
      profile = AppLogProfile.CONSOLE;
      entrypoint = List.of();
      why = "";
    } else {
      DetectedApp detected = detectOne(files, folder);
      profile =
          AppLogProfiles.of(
              detected.kind(), detected.runtime(), detected.details().selfHostedHttp());
      entrypoint =
          profile == AppLogProfile.IIS ? List.of("C:\\ServiceMonitor.exe", "w3svc") : List.of();
      why = "no Dockerfile; the project is a " + detected.describe();
    }
    if (kind != null) {
      profile =
          AppLogProfile.parse(kind)
              .orElseThrow(
                  () ->
                      new UserException(
                          "--kind " + kind + " is not known; use iis, service or console"));
      why = "--kind " + kind;
      if (profile == AppLogProfile.IIS && entrypoint.isEmpty()) {
        entrypoint = List.of("C:\\ServiceMonitor.exe", "w3svc");
      }
    }
    Path outDir = (out == null ? folder : out.toAbsolutePath().normalize());
    Path config = outDir.resolve("LogMonitorConfig.json");
    String configInContext =
        config.startsWith(folder)
            ? folder.relativize(config).toString().replace('\\', '/')
            : config.toString();
    List<String> custom = LogMonitorPlanner.customEventLogs(files.files());
    LogMonitorSetup setup = planner.plan(profile, entrypoint, configInContext, custom);

    stdout.println("App: " + profile.label() + " (" + why + ")");
    for (String reason : setup.reasons()) {
      stdout.println("  " + reason);
    }
    if (!setup.needed()) {
      stdout.println("Nothing to write.");
      stdout.flush();
      return ExitCodes.OK;
    }
    if (Files.exists(config) && !force) {
      throw new UserException(config + " already exists; use --force to overwrite it");
    }
    try {
      Files.createDirectories(outDir);
      Files.writeString(config, setup.config().orElseThrow(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UserException("cannot write " + config + ": " + e.getMessage(), e);
    }
    stdout.println("Wrote " + config);
    stdout.println();
    if (entrypoint.isEmpty()) {
      stdout.println(
          "Add these lines to the Dockerfile's final stage, and put "
              + planner.executable()
              + " first in its ENTRYPOINT:");
      setup.installLines().forEach(stdout::println);
    } else {
      stdout.println(
          "Add these lines to the Dockerfile's final stage, in place of its entry point"
              + " (paths are relative to the build context, assumed to be "
              + folder
              + "):");
      setup.installLines().forEach(stdout::println);
      stdout.println(setup.entrypointInstruction());
    }
    stdout.flush();
    return ExitCodes.OK;
  }

  private static DetectedApp detectOne(ProjectFiles files, Path folder) {
    Detection detection;
    try {
      detection = new ProjectDetector().detect(files);
    } catch (UnrecognisedProjectException e) {
      throw new UserException(
          e.getMessage() + ". Point --app at the app's folder or its Dockerfile, or give --kind",
          e);
    }
    if (detection.apps().size() != 1) {
      throw new UserException(
          folder
              + " holds "
              + detection.apps().size()
              + " apps ("
              + String.join(", ", detection.apps().stream().map(DetectedApp::name).toList())
              + "); point --app at one of them");
    }
    return detection.apps().get(0);
  }
}
