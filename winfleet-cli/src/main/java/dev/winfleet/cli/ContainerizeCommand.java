package dev.winfleet.cli;

import dev.winfleet.core.catalog.WindowsCatalog;
import dev.winfleet.core.containerize.AppPlan;
import dev.winfleet.core.containerize.ContainerizeException;
import dev.winfleet.core.containerize.ContainerizeRequest;
import dev.winfleet.core.containerize.ContainerizeResult;
import dev.winfleet.core.containerize.Containerizer;
import dev.winfleet.core.containerize.GeneratedFile;
import dev.winfleet.core.containerize.ProjectFiles;
import dev.winfleet.core.containerize.TargetChooser;
import dev.winfleet.core.containerize.TargetPlatform;
import dev.winfleet.core.containerize.UnrecognisedProjectException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code winfleet containerize}: a Dockerfile and Kubernetes manifests for an existing .NET app.
 */
@Command(
    name = "containerize",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Turn an existing .NET app into a Windows container image and a Kubernetes deployment.",
      "",
      "Reads the app folder (solutions, project files, web.config, packages.config, global.json,"
          + " published output, static sites; nothing is built or run), chooses Microsoft's base"
          + " image by the app's kind and the tag by the target's Windows build, and writes a"
          + " multi-stage Dockerfile, .dockerignore, k8s/deployment.yaml, k8s/service.yaml and"
          + " REPORT.md, which says what was detected and why each choice was made.",
      "",
      "The output goes to PATH/winfleet-out unless --out says otherwise; build with the app folder"
          + " as the context (docker build -f winfleet-out/Dockerfile .). A folder with several"
          + " apps (a solution) gets one sub-folder per app. Existing files are never overwritten"
          + " without --force.",
      ""
    },
    footerHeading = "%nExit codes:%n",
    footer = {
      "  0  files written",
      "  1  the app was understood but no image of its framework runs on the target build",
      "  2  bad usage: unknown --target, unreadable PATH or fleet file, files exist (use --force),"
          + " or no app found in PATH (the message lists what was looked for)",
      "",
      "Examples:",
      "  winfleet containerize ./Shop --target ltsc2022",
      "  winfleet containerize ./Shop --target 10.0.17763 --pin-month 2024-02 --port 8080",
      "  kubectl get nodes -o yaml > fleet.yaml",
      "  winfleet containerize ./Shop --fleet fleet.yaml --out ./deploy --force"
    })
final class ContainerizeCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "PATH",
      description =
          "The app folder, or a project file (.csproj, .vbproj, .fsproj): then only that project,"
              + " with the folder of the nearest solution above it as the build context.")
  Path path;

  @Option(
      names = "--project",
      paramLabel = "FILE",
      description =
          "Only this project of the folder (a path relative to PATH, e.g."
              + " src/Shop.Web/Shop.Web.csproj); the others are still read for what it needs.")
  String project;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Target target;

  static final class Target {
    @Option(
        names = "--target",
        paramLabel = "RELEASE|BUILD",
        description =
            "The hosts' Windows release or build: ltsc2019, ltsc2022, ltsc2025, 10.0.20348...")
    String release;

    @Option(
        names = "--fleet",
        paramLabel = "FILE",
        description =
            "Node objects of the cluster (kubectl get nodes -o yaml): images for the Windows"
                + " build whose images run on the most Windows nodes; the Deployment goes to every"
                + " build that runs them and tolerates the Windows-node taints those nodes carry.")
    Path fleet;
  }

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Where to write the files (default: PATH/winfleet-out).")
  Path out;

  @Option(
      names = "--name",
      paramLabel = "NAME",
      description = "Kubernetes name of the app (default: from the project; one app only).")
  String name;

  @Option(
      names = "--port",
      paramLabel = "N",
      description =
          "HTTP port of web apps, in the container and the Service (default: the image's own:"
              + " 8080 for ASP.NET Core 8 and later, 80 for IIS and older ASP.NET Core).")
  Integer port;

  @Option(
      names = "--pin-month",
      paramLabel = "YYYY-MM",
      description =
          "Use the dated .NET Framework tags of that month's Patch Tuesday"
              + " (4.8-20240213-windowsservercore-ltsc2019).")
  String pinMonth;

  @Option(
      names = "--image",
      paramLabel = "REF",
      description = "Image the Deployment runs (default: NAME:1.0.0-<os>; one app only).")
  String image;

  @Option(names = "--force", description = "Overwrite files that already exist.")
  boolean force;

  @Option(
      names = "--json",
      description =
          "Print the decisions as JSON (apps, images, log destinations, what you must still do)"
              + " instead of the summary; the files are written all the same.")
  boolean json;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Path given = path.toAbsolutePath().normalize();
    Path root = given;
    Optional<String> onlyProject = Optional.ofNullable(project).map(p -> p.replace('\\', '/'));
    if (Files.isRegularFile(given) && isProjectFile(given)) {
      if (onlyProject.isPresent()) {
        throw new UserException("give either a project file as PATH or --project, not both");
      }
      root = contextFor(given);
      onlyProject = Optional.of(root.relativize(given).toString().replace('\\', '/'));
    } else if (!Files.isDirectory(given)) {
      throw new UserException(
          "PATH "
              + path
              + " is not a folder (nor a project file); give the app's folder or its"
              + " .csproj/.vbproj/.fsproj");
    }
    if (port != null && (port < 1 || port > 65535)) {
      throw new UserException("--port " + port + " is not a port; use 1-65535");
    }
    Optional<YearMonth> month = parseMonth();
    Path outDir =
        (this.out == null ? root.resolve("winfleet-out") : this.out).toAbsolutePath().normalize();
    String outFromContext =
        outDir.equals(root)
            ? "."
            : outDir.startsWith(root)
                ? root.relativize(outDir).toString().replace('\\', '/')
                : outDir.toString();

    TargetPlatform platform =
        target.release != null
            ? TargetChooser.builtIn()
                .fromTarget(target.release, WindowsCatalog.builtIn().parseVersion(target.release))
            : fleetTarget();

    ProjectFiles files = ProjectFolderReader.read(root, outDir.equals(root) ? null : outDir);
    ContainerizeResult result;
    try {
      result =
          Containerizer.builtIn()
              .containerize(
                  new ContainerizeRequest(
                      files,
                      platform,
                      Optional.ofNullable(name),
                      Optional.ofNullable(port),
                      month,
                      Optional.ofNullable(image),
                      outFromContext,
                      onlyProject));
    } catch (UnrecognisedProjectException e) {
      throw new UserException(e.getMessage() + ". Point PATH at the app's folder", e);
    } catch (IllegalArgumentException e) {
      throw new UserException(e.getMessage(), e);
    } catch (ContainerizeException e) {
      String message = e.render(ContainerizeCommand::flag);
      if (e.usage()) {
        throw new UserException(message, e);
      }
      err.println(spec.commandLine().getColorScheme().errorText("winfleet: " + message));
      err.flush();
      return ExitCodes.FOUND;
    }

    List<String> existing = new ArrayList<>();
    for (GeneratedFile f : result.files()) {
      if (Files.exists(outDir.resolve(f.path()))) {
        existing.add(f.path());
      }
    }
    if (!existing.isEmpty() && !force) {
      throw new UserException(
          existing.size()
              + " file(s) already exist in "
              + outDir
              + ": "
              + String.join(", ", existing)
              + "; use --force to overwrite them, or --out for another folder");
    }
    try {
      for (GeneratedFile f : result.files()) {
        Path target = outDir.resolve(f.path()).normalize();
        if (!target.startsWith(outDir)) {
          throw new IllegalStateException("generated path leaves the output folder: " + f.path());
        }
        Files.createDirectories(target.getParent());
        Files.writeString(target, f.content(), StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new UserException("cannot write to " + outDir + ": " + e.getMessage(), e);
    }

    if (json) {
      out.print(result.json());
      out.flush();
      return ExitCodes.OK;
    }
    out.println("Target: " + platform.hostBuild() + " (" + platform.reasons().get(0) + ")");
    for (String w : platform.warnings()) {
      out.println("warning: " + w);
    }
    for (AppPlan plan : result.apps()) {
      out.println(
          plan.name() + ": " + plan.app().describe() + " -> " + plan.runtimeImage().reference());
    }
    out.println("Wrote " + result.files().size() + " files to " + outDir + ":");
    for (GeneratedFile f : result.files()) {
      out.println("  " + f.path());
    }
    out.println("Read REPORT.md for what was detected and why.");
    out.flush();
    return ExitCodes.OK;
  }

  private static boolean isProjectFile(Path file) {
    String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
    return name.endsWith(".csproj") || name.endsWith(".vbproj") || name.endsWith(".fsproj");
  }

  /**
   * The build context for a project file: the folder of the nearest solution above it (project
   * references and Directory.Build.props usually live there), else the project's folder.
   */
  private static Path contextFor(Path projectFile) {
    for (Path dir = projectFile.getParent(); dir != null; dir = dir.getParent()) {
      try (var list = Files.list(dir)) {
        if (list.anyMatch(
            f -> {
              String n = f.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
              return n.endsWith(".sln") || n.endsWith(".slnx");
            })) {
          return dir;
        }
      } catch (IOException e) {
        break;
      }
      if (Files.isDirectory(dir.resolve(".git"))) {
        break;
      }
    }
    return projectFile.getParent();
  }

  private Optional<YearMonth> parseMonth() {
    if (pinMonth == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(YearMonth.parse(pinMonth.trim()));
    } catch (DateTimeParseException e) {
      throw new UserException(
          "--pin-month '" + pinMonth + "' is not a month; use YYYY-MM, e.g. 2024-02", e);
    }
  }

  private TargetPlatform fleetTarget() {
    try {
      return TargetChooser.builtIn().fromFleet(FleetFiles.readFleet(target.fleet).nodes());
    } catch (ContainerizeException e) {
      throw new UserException(
          e.render(ContainerizeCommand::flag) + " (fleet file " + target.fleet + ")", e);
    }
  }

  /** The flag that gives a request parameter the core names in words: {@code --target}. */
  static String flag(ContainerizeException.Parameter p) {
    return "--" + p.name().toLowerCase(java.util.Locale.ROOT);
  }
}
