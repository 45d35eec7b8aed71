package dev.winfleet.core.containerize;

import dev.winfleet.core.containerize.SolutionReader.Entry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the deployable apps in a folder from its files alone; nothing is built or executed.
 *
 * <p>Order of evidence: solutions (.sln, .slnx) name the projects in scope and the ASP.NET Web Site
 * projects; each project file is evaluated the way MSBuild would ({@link MsBuildProject}: imported
 * props, properties, items) for its target framework, output type, SDKs, project-type GUIDs,
 * references, {@code IsPublishable}, {@code IsTestProject} and {@code OutputPath}; a project whose
 * OutputPath points into another project's folder is a part of that app (nopCommerce's plugins).
 * Without project files, published output and static sites are recognised.
 */
public final class ProjectDetector {

  // Project type GUIDs of legacy projects (ProjectTypeGuids), upper case.
  private static final String WEB_APPLICATION = "349C5851-65DF-11DA-9384-00065B846F21";
  private static final String WCF_SERVICE = "3D9AD99F-2412-4246-B90B-4EAFF4C1D2B5";
  private static final Set<String> MVC =
      Set.of(
          "603C0E0B-DB56-11DC-BE95-000D561079B0", // MVC 1
          "F85E285D-A4E0-4152-9332-AB1D724D3325", // MVC 2
          "E53F8FEA-EAE0-44A6-8774-FFD645390401", // MVC 3
          "E3E379DF-F4C6-4180-9B81-6769533ABE47"); // MVC 4
  private static final String TEST_PROJECT_GUID = "3AC096D0-A1C2-E12C-1390-A8335801FDAB";

  /** Test frameworks and the test SDK, by package name (lower case) or its start. */
  private static final List<String> TEST_PACKAGE_PREFIXES =
      List.of("microsoft.net.test.sdk", "mstest", "nunit", "xunit", "tunit");

  private static final Pattern GLOBAL_JSON_SDK =
      Pattern.compile("\"sdk\"\\s*:\\s*\\{[^}]*?\"version\"\\s*:\\s*\"(\\d+)\\.(\\d+)[^\"]*\"");
  private static final Pattern DOTNET_TFM = Pattern.compile("net(\\d+)\\.(\\d+)(-windows[\\w.]*)?");
  private static final Pattern CORE_TFM = Pattern.compile("netcoreapp(\\d+\\.\\d+)");
  private static final Pattern FRAMEWORK_TFM = Pattern.compile("net(\\d)(\\d)(\\d)?");
  private static final Pattern RUNTIMECONFIG_TFM = Pattern.compile("\"tfm\"\\s*:\\s*\"([^\"]+)\"");
  private static final Pattern RUNTIMECONFIG_FRAMEWORK =
      Pattern.compile("\"name\"\\s*:\\s*\"(Microsoft\\.[A-Za-z.]+App)\"");
  private static final Pattern CONFIG_TARGET =
      Pattern.compile("targetFramework\\s*=\\s*\"([\\d.]+)\"");
  private static final Pattern SUPPORTED_RUNTIME =
      Pattern.compile("sku\\s*=\\s*\"\\.NETFramework,Version=v([\\d.]+)");
  private static final Pattern SERVICE_NAME = Pattern.compile("ServiceName\\s*=\\s*\"([^\"]+)\"");
  private static final Pattern MONIKER_VERSION = Pattern.compile("Version(?:%3D|=)v([\\d.]+)");

  /** Finds the apps; throws {@link UnrecognisedProjectException} when there are none. */
  public Detection detect(ProjectFiles files) {
    return detect(files, Optional.empty());
  }

  /**
   * Finds the apps, or only the one built from {@code onlyProject} (a project file or web site
   * folder of the folder), which must be deployable.
   */
  public Detection detect(ProjectFiles files, Optional<String> onlyProject) {
    List<DetectedApp> apps = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    Scope scope = scope(files, notes);
    Map<String, MsBuildProject> evaluated = new LinkedHashMap<>();
    for (String project : scope.projects) {
      evaluated.put(project, innerBuild(files, MsBuildProject.evaluate(files, project)));
    }
    Map<String, String> partOf = partsOf(evaluated);
    Map<String, String> aspireHostOf = new LinkedHashMap<>();
    for (MsBuildProject p : evaluated.values()) {
      if (p.hasSdk("Aspire.AppHost.Sdk") || p.isTrue("IsAspireHost")) {
        for (String ref : p.projectReferences()) {
          aspireHostOf.putIfAbsent(ref, p.path());
        }
      }
    }
    Set<String> usedNames = new LinkedHashSet<>();
    for (String project : scope.projects) {
      if (partOf.containsKey(project)) {
        MsBuildProject p = evaluated.get(project);
        skipped.add(
            project
                + ": a part of "
                + partOf.get(project)
                + " (OutputPath "
                + p.property("OutputPath").orElse("")
                + " builds into its folder); built and deployed with it");
        continue;
      }
      List<String> parts =
          partOf.entrySet().stream()
              .filter(e -> e.getValue().equals(project))
              .map(Map.Entry::getKey)
              .toList();
      analyseProject(
              files,
              evaluated.get(project),
              scope,
              parts,
              Optional.ofNullable(aspireHostOf.get(project)),
              skipped)
          .map(a -> uniqueName(a, usedNames))
          .ifPresent(apps::add);
    }
    for (WebSite site : scope.webSites) {
      apps.add(uniqueName(analyseWebSite(files, site), usedNames));
    }
    if (scope.projects.isEmpty() && scope.webSites.isEmpty()) {
      apps.addAll(detectPublishedOrStatic(files));
    }
    if (onlyProject.isPresent()) {
      String wanted = onlyProject.get();
      List<DetectedApp> chosen =
          apps.stream().filter(a -> a.source().equalsIgnoreCase(wanted)).toList();
      if (chosen.isEmpty()) {
        String why =
            skipped.stream()
                .filter(s -> s.regionMatches(true, 0, wanted + ":", 0, wanted.length() + 1))
                .findFirst()
                .map(s -> "it is not deployable: " + s.substring(wanted.length() + 1).trim())
                .orElse("it is not a project of the folder");
        String deployable =
            apps.isEmpty()
                ? ""
                : "; deployable projects: "
                    + String.join(", ", apps.stream().map(DetectedApp::source).toList());
        throw new ContainerizeException(
            p ->
                p.apply(ContainerizeException.Parameter.PROJECT)
                    + " "
                    + wanted
                    + ": "
                    + why
                    + deployable,
            true);
      }
      apps = new ArrayList<>(chosen);
    }
    if (apps.isEmpty()) {
      throw new UnrecognisedProjectException(files.rootName(), ProjectFiles.LOOKED_FOR, skipped);
    }
    return new Detection(apps, skipped, notes);
  }

  private static DetectedApp uniqueName(DetectedApp app, Set<String> used) {
    String name = app.name();
    for (int i = 2; used.contains(name); i++) {
      name = KubeNames.label(app.name() + "-" + i);
    }
    used.add(name);
    return name.equals(app.name()) ? app : app.withName(name);
  }

  /** An ASP.NET Web Site: a folder compiled by ASP.NET, with no project file. */
  private record WebSite(
      String dir, String name, Optional<String> solution, Map<String, String> properties) {}

  private record Scope(
      List<String> projects,
      List<WebSite> webSites,
      Map<String, String> solutionOf,
      Map<String, List<String>> solutionProjects) {}

  /**
   * The projects and web sites the solutions name, every other project file, and folders with
   * App_Code or .asmx files that no project covers (web sites opened as folders).
   */
  private static Scope scope(ProjectFiles files, List<String> notes) {
    List<String> all = new ArrayList<>();
    List<String> solutions = new ArrayList<>();
    for (String path : files.files().keySet()) {
      String lower = path.toLowerCase(Locale.ROOT);
      if (lower.endsWith(".csproj") || lower.endsWith(".vbproj") || lower.endsWith(".fsproj")) {
        all.add(path);
      } else if (lower.endsWith(".sln") || lower.endsWith(".slnx")) {
        solutions.add(path);
      }
    }
    Set<String> inScope = new LinkedHashSet<>();
    List<WebSite> sites = new ArrayList<>();
    Map<String, String> solutionOf = new LinkedHashMap<>();
    Map<String, List<String>> solutionProjects = new LinkedHashMap<>();
    for (String sln : solutions) {
      List<String> members = new ArrayList<>();
      for (Entry e : SolutionReader.read(files, sln)) {
        if (e.isFolder()) {
          continue;
        }
        if (e.isWebSite()) {
          if (e.path().isPresent() && hasFileUnder(files, e.path().get(), "")) {
            if (sites.stream().noneMatch(s -> s.dir.equals(e.path().get()))) {
              sites.add(new WebSite(e.path().get(), e.name(), Optional.of(sln), e.properties()));
            }
          } else {
            notes.add(
                sln
                    + " names the ASP.NET Web Site "
                    + e.name()
                    + " at "
                    + e.asWritten()
                    + ", which is not in the folder");
          }
          continue;
        }
        String lower = e.asWritten().toLowerCase(Locale.ROOT);
        if (!(lower.endsWith("proj"))) {
          continue; // solution items, URLs
        }
        if (!lower.endsWith(".csproj")
            && !lower.endsWith(".vbproj")
            && !lower.endsWith(".fsproj")) {
          notes.add(
              sln
                  + " names "
                  + e.asWritten()
                  + ", not a C#/VB/F# project (Service Fabric, docker-compose, database, installer"
                  + " and shared projects are not apps)");
          continue;
        }
        if (e.path().isPresent() && files.exists(e.path().get())) {
          inScope.add(e.path().get());
          members.add(e.path().get());
          solutionOf.putIfAbsent(e.path().get(), sln);
        } else {
          notes.add(sln + " names " + e.asWritten() + ", which is not in the folder");
        }
      }
      solutionProjects.put(sln, members);
    }
    for (String project : all) {
      if (!inScope.contains(project)) {
        if (!solutions.isEmpty()) {
          notes.add(project + " is in no solution; considered anyway");
        }
        inScope.add(project);
      }
    }
    // Web sites opened as folders: App_Code or .asmx with a web.config, no project file there.
    Set<String> projectDirs = new LinkedHashSet<>();
    for (String p : inScope) {
      projectDirs.add(ProjectFiles.directory(p));
    }
    for (String path : files.files().keySet()) {
      String lower = path.toLowerCase(Locale.ROOT);
      String siteDir;
      int appCode = lower.indexOf("app_code/");
      if (appCode >= 0 && (appCode == 0 || lower.charAt(appCode - 1) == '/')) {
        siteDir = appCode == 0 ? "" : path.substring(0, appCode - 1);
      } else if (lower.endsWith(".asmx")) {
        siteDir = ProjectFiles.directory(path);
      } else {
        continue;
      }
      String dir = siteDir;
      boolean covered =
          projectDirs.stream()
                  .anyMatch(d -> d.equals(dir) || dir.startsWith(d + "/") || d.isEmpty())
              || sites.stream().anyMatch(s -> s.dir.equals(dir) || dir.startsWith(s.dir + "/"));
      if (!covered && files.exists(join(dir, "web.config"))
          || !covered && findIgnoringCase(files, join(dir, "web.config")).isPresent()) {
        String name = dir.isEmpty() ? files.rootName() : ProjectFiles.fileName(dir);
        sites.add(new WebSite(dir, name, Optional.empty(), Map.of()));
      }
    }
    return new Scope(new ArrayList<>(inScope), sites, solutionOf, solutionProjects);
  }

  /**
   * Projects whose OutputPath points into another project's folder, mapped to that project:
   * nopCommerce's plugins build into Nop.Web/Plugins and its Admin into Nop.Web/bin.
   */
  private static Map<String, String> partsOf(Map<String, MsBuildProject> projects) {
    Map<String, String> out = new LinkedHashMap<>();
    for (MsBuildProject p : projects.values()) {
      String dir = ProjectFiles.directory(p.path());
      Optional<String> output =
          p.property("OutputPath")
              .or(() -> p.property("OutDir"))
              .flatMap(o -> MsBuildProject.resolve(dir, o));
      if (output.isEmpty()) {
        continue;
      }
      String out1 = output.get();
      if (out1.equals(dir) || out1.startsWith(dir + "/") && !dir.isEmpty()) {
        continue; // its own bin folder
      }
      projects.values().stream()
          .filter(q -> q != p)
          .map(q -> q.path())
          .filter(
              q -> {
                String qd = ProjectFiles.directory(q);
                return !qd.isEmpty() && (out1.equals(qd) || out1.startsWith(qd + "/"));
              })
          .max(Comparator.comparingInt(String::length))
          .ifPresent(owner -> out.put(p.path(), owner));
    }
    // A part of a part belongs to the app at the end of the chain.
    for (Map.Entry<String, String> e : out.entrySet()) {
      String owner = e.getValue();
      for (int i = 0; i < 8 && out.containsKey(owner); i++) {
        owner = out.get(owner);
      }
      e.setValue(owner);
    }
    return out;
  }

  private Optional<DetectedApp> analyseProject(
      ProjectFiles files,
      MsBuildProject p,
      Scope scope,
      List<String> parts,
      Optional<String> aspireHost,
      List<String> skipped) {
    String project = p.path();
    String dir = ProjectFiles.directory(project);
    String fileName = ProjectFiles.fileName(project);
    String baseName = fileName.substring(0, fileName.lastIndexOf('.'));
    List<String> evidence = new ArrayList<>();
    if (!p.wellFormed()) {
      skipped.add(project + ": not well-formed XML; MSBuild cannot read it either");
      return Optional.empty();
    }
    Optional<String> sdk = p.sdks().stream().findFirst();
    String assembly = p.property("AssemblyName").orElse(baseName);
    Set<String> packages = new LinkedHashSet<>(p.includes("PackageReference"));
    files
        .content(join(dir, "packages.config"))
        .flatMap(XmlTree::parse)
        .ifPresent(
            c -> c.children("package").forEach(pk -> pk.attribute("id").ifPresent(packages::add)));
    Set<String> lowerPackages = new LinkedHashSet<>();
    packages.forEach(x -> lowerPackages.add(x.toLowerCase(Locale.ROOT)));
    Set<String> references = p.includes("Reference");
    Set<String> frameworkRefs = p.includes("FrameworkReference");
    Optional<String> outputTypeAsWritten = p.property("OutputType");
    Optional<String> outputType = outputTypeAsWritten.map(s -> s.toLowerCase(Locale.ROOT));
    Set<String> guids = new LinkedHashSet<>();
    p.property("ProjectTypeGuids")
        .ifPresent(
            g -> {
              for (String part : g.split(";")) {
                guids.add(part.replaceAll("[{}\\s]", "").toUpperCase(Locale.ROOT));
              }
            });

    Optional<String> notDeployed = whyNotDeployed(p, baseName, lowerPackages, guids);
    if (notDeployed.isPresent()) {
      skipped.add(project + ": " + notDeployed.get());
      return Optional.empty();
    }

    // Target framework: evaluated with Directory.Build.props and imports.
    List<String> tfms = new ArrayList<>();
    Optional<String> tfSource = Optional.empty();
    Optional<String> single =
        p.innerTargetFramework().isPresent() ? Optional.empty() : p.property("TargetFramework");
    Optional<String> many = p.property("TargetFrameworks");
    if (single.isPresent()) {
      tfms.add(single.get());
      tfSource = p.propertySource("TargetFramework");
    } else if (many.isPresent()) {
      tfms.addAll(List.of(many.get().split("\\s*;\\s*")));
      tfSource = p.propertySource("TargetFrameworks");
    }
    tfms.removeIf(String::isBlank);
    Optional<String> legacyVersion =
        p.property("TargetFrameworkVersion").map(v -> v.replaceFirst("^[vV]", ""));
    boolean legacy = !p.sdkStyle();

    TargetChoice target;
    if (!tfms.isEmpty()) {
      target = chooseTfm(tfms);
      if (tfms.stream()
          .allMatch(t -> t.trim().toLowerCase(Locale.ROOT).startsWith("netstandard"))) {
        skipped.add(project + ": a class library (" + String.join(";", tfms) + ")");
        return Optional.empty();
      }
      if (target == null) {
        skipped.add(
            project
                + ": targets "
                + String.join(";", tfms)
                + ", for which no Windows container image exists (retarget to net8.0 or later, or"
                + " net48)");
        return Optional.empty();
      }
      evidence.add(
          tfSource.orElse(project)
              + ": TargetFramework"
              + (tfms.size() > 1
                  ? "s " + String.join(";", tfms) + " -> " + target.tfm
                  : " " + target.tfm));
    } else if (legacyVersion.isPresent()) {
      target =
          new TargetChoice(
              AppRuntime.FRAMEWORK,
              normaliseFramework(legacyVersion.get()),
              "v" + legacyVersion.get(),
              false);
      evidence.add(
          project + ": TargetFrameworkVersion v" + legacyVersion.get() + " (legacy project)");
    } else if (legacy) {
      target = new TargetChoice(AppRuntime.FRAMEWORK, "4.0", "v4.0", false);
      evidence.add(
          project + ": legacy project without TargetFrameworkVersion (MSBuild's default is v4.0)");
    } else {
      skipped.add(project + ": no TargetFramework found");
      return Optional.empty();
    }
    sdk.ifPresent(s -> evidence.add(project + ": Sdk=\"" + s + "\""));
    outputTypeAsWritten.ifPresent(o -> evidence.add(project + ": OutputType " + o));
    for (String imported : p.imported()) {
      evidence.add(project + ": imports " + imported);
    }

    AppInspector inspect = new AppInspector(files, dir);
    AppKind kind;
    String flavour;
    Optional<String> serviceName = Optional.empty();
    boolean singleFile = false;
    boolean kestrel = false;
    if (target.runtime == AppRuntime.DOTNET) {
      boolean web =
          p.hasSdk("Microsoft.NET.Sdk.Web")
              || p.hasSdk("Microsoft.NET.Sdk.Razor") && isExe(outputType)
              || frameworkRefs.contains("Microsoft.AspNetCore.App");
      boolean worker =
          p.hasSdk("Microsoft.NET.Sdk.Worker")
              || lowerPackages.contains("microsoft.extensions.hosting");
      boolean exe = isExe(outputType);
      if (web && (exe || p.hasSdk("Microsoft.NET.Sdk.Web"))) {
        kind = AppKind.WEB;
        flavour = "ASP.NET Core";
        if (frameworkRefs.contains("Microsoft.AspNetCore.App")) {
          evidence.add(project + ": FrameworkReference Microsoft.AspNetCore.App");
        }
      } else if (worker && exe) {
        kind = AppKind.WORKER;
        flavour = "worker service";
        if (lowerPackages.contains("microsoft.extensions.hosting")) {
          evidence.add(project + ": PackageReference Microsoft.Extensions.Hosting");
        }
      } else if (exe) {
        kind = AppKind.CONSOLE;
        flavour = "console app";
      } else {
        skipped.add(
            project
                + ": a class library (OutputType "
                + outputTypeAsWritten.orElse("Library")
                + ")");
        return Optional.empty();
      }
      if (lowerPackages.contains("microsoft.extensions.hosting.windowsservices")) {
        evidence.add(
            project
                + ": PackageReference Microsoft.Extensions.Hosting.WindowsServices"
                + " (UseWindowsService() does nothing outside the service manager: the container"
                + " runs it as a normal process)");
      }
      if (p.isTrue("PublishSingleFile")) {
        singleFile = true;
        evidence.add(
            p.propertySource("PublishSingleFile").orElse(project)
                + ": PublishSingleFile true: the publish output is "
                + assembly
                + ".exe");
      }
      if (lowerPackages.contains("microsoft.aspnetcore.authentication.negotiate")) {
        inspect.windowsAuth =
            Optional.of(
                project
                    + ": PackageReference Microsoft.AspNetCore.Authentication.Negotiate (Windows"
                    + " authentication)");
      }
    } else {
      boolean hasSvc = hasFileUnder(files, dir, ".svc");
      boolean hasAspx = hasFileUnder(files, dir, ".aspx");
      Optional<String> webConfig = findIgnoringCase(files, join(dir, "web.config"));
      boolean hasWebConfig = webConfig.isPresent();
      boolean mvc =
          guids.stream().anyMatch(MVC::contains)
              || references.contains("System.Web.Mvc")
              || lowerPackages.contains("microsoft.aspnet.mvc");
      boolean webGuid = guids.contains(WEB_APPLICATION);
      boolean library = !isExe(outputType);
      if (p.hasSdk("Microsoft.NET.Sdk.Web")) {
        // ASP.NET Core 2.x on the .NET Framework: Kestrel in its own process, not IIS.
        kind = AppKind.WEB;
        flavour = "ASP.NET Core (Kestrel)";
        kestrel = true;
        inspect.selfHostedHttp = true;
        evidence.add(
            project
                + ": Sdk Microsoft.NET.Sdk.Web with a .NET Framework target: ASP.NET Core in its"
                + " own process (Kestrel), without IIS");
      } else if (guids.contains(WCF_SERVICE) || (hasSvc && (webGuid || hasWebConfig) && library)) {
        kind = AppKind.WCF;
        flavour = "WCF service";
        evidence.add(
            guids.contains(WCF_SERVICE)
                ? project + ": ProjectTypeGuids include WCF {" + WCF_SERVICE + "}"
                : project + ": .svc endpoints in a web project");
      } else if (webGuid
          || (hasWebConfig && (hasAspx || mvc && hasGlobalAsax(files, dir)) && library)) {
        kind = AppKind.WEB;
        if (webGuid) {
          evidence.add(
              project + ": ProjectTypeGuids include web application {" + WEB_APPLICATION + "}");
        }
        if (mvc) {
          flavour = "ASP.NET MVC";
          evidence.add(
              project + ": ASP.NET MVC (project type GUID, System.Web.Mvc reference or package)");
        } else if (hasAspx) {
          flavour = "ASP.NET Web Forms";
          evidence.add(project + ": .aspx pages");
        } else if (lowerPackages.contains("microsoft.aspnet.webapi")
            || lowerPackages.contains("microsoft.aspnet.webapi.core")) {
          flavour = "ASP.NET Web API";
        } else {
          flavour = "ASP.NET";
        }
      } else if (isExe(outputType)) {
        Optional<String> serviceSource = findServiceBase(files, dir);
        if (serviceSource.isPresent() && references.contains("System.ServiceProcess")) {
          kind = AppKind.WINDOWS_SERVICE;
          flavour = "Windows service";
          evidence.add(project + ": Reference System.ServiceProcess");
          evidence.add(serviceSource.get() + ": a class derived from ServiceBase");
          serviceName =
              first(SERVICE_NAME, files.content(serviceSource.get()).orElse(""))
                  .or(() -> Optional.of(assembly));
        } else if (references.contains("System.Windows.Forms")
            || references.contains("PresentationFramework")) {
          skipped.add(
              project + ": a desktop GUI app (Windows Forms/WPF); containers have no desktop");
          return Optional.empty();
        } else {
          kind = AppKind.CONSOLE;
          flavour = "console app";
        }
      } else {
        skipped.add(
            project + ": a class library (OutputType " + outputType.orElse("Library") + ")");
        return Optional.empty();
      }
      if (hasWebConfig && kind.servesHttp()) {
        evidence.add(webConfig.get() + ": configuration for IIS");
      }
      if (files.exists(join(dir, "packages.config"))) {
        evidence.add(join(dir, "packages.config") + ": NuGet packages restored with nuget.exe");
      }
      if (p.property("IISExpressWindowsAuthentication")
          .map(v -> v.equalsIgnoreCase("enabled"))
          .orElse(false)) {
        inspect.windowsAuth = Optional.of(project + ": IISExpressWindowsAuthentication enabled");
      }
    }

    inspect.configuration(target.runtime, kind);
    inspect.references(p);
    if (kind.servesHttp()) {
      inspect.appDataFromProject(p);
    }
    boolean selfHostedWcf =
        !kind.servesHttp()
            && (references.contains("System.ServiceModel")
                || lowerPackages.contains("corewcf.primitives"));
    if (selfHostedWcf && !inspect.endpoints.isEmpty()) {
      flavour = "self-hosted WCF service";
      evidence.add(project + ": Reference System.ServiceModel, and base addresses in its config");
    } else if (!selfHostedWcf) {
      inspect.endpoints.clear();
    }
    inspect.entryPoint(dir);
    aspireHost.ifPresent(
        host ->
            inspect.todo.add(
                new AppDetails.Todo(
                    "Aspire",
                    host
                        + " starts this project and hands it its resources (connection strings,"
                        + " service URLs) as environment variables",
                    "outside Aspire nobody does: give the container the same variables (the"
                        + " AppHost writes them into its deployment manifest: dotnet run --project "
                        + host.replace('/', '\\')
                        + " --publisher manifest --output-path aspire-manifest.json;"
                        + " https://learn.microsoft.com/dotnet/aspire/deployment/manifest-format), and "
                        + "run the databases, caches and brokers it adds yourself")));
    if (kind == AppKind.WINDOWS_SERVICE) {
      inspect.logs.add(
          new AppDetails.LogDestination(
              "eventlog",
              "Application",
              "ServiceBase.AutoLog (on by default) writes start/stop events to the Application log"));
    }
    boolean oneShot =
        kind == AppKind.CONSOLE
            && inspect.endpoints.isEmpty()
            && inspect.sourceSeen.isPresent()
            && !inspect.sourceWaits;
    if (oneShot) {
      evidence.add(
          inspect.sourceSeen.get()
              + ": no wait, loop, host or listener: the program does its work and ends");
    }

    Optional<String> sdkVersion = Optional.empty();
    if (target.runtime == AppRuntime.DOTNET) {
      for (String candidate : ancestors(dir, "global.json")) {
        Optional<String> content = files.content(candidate);
        if (content.isPresent()) {
          Matcher m = GLOBAL_JSON_SDK.matcher(content.get());
          if (m.find()) {
            sdkVersion = Optional.of(m.group(1) + "." + m.group(2));
            evidence.add(candidate + ": SDK " + sdkVersion.get() + " requested");
          }
          break;
        }
      }
    }
    Optional<String> solution = Optional.ofNullable(scope.solutionOf.get(project));
    for (String part : parts) {
      evidence.add(part + ": builds into this app's folder (OutputPath); built with it");
    }
    Optional<String> buildSolution = !parts.isEmpty() ? solution : Optional.empty();

    List<String> restore =
        restoreFiles(
            files, p, parts, solution, buildSolution, scope, target.runtime == AppRuntime.DOTNET);
    AppDetails details =
        new AppDetails(
            buildSolution,
            solution,
            packagesRoot(p),
            parts,
            restore,
            singleFile,
            inspect.endpoints,
            oneShot,
            inspect.waitsOnConsole.filter(w -> !oneShot),
            kind.servesHttp() && !kestrel ? inspect.appDataDir : Optional.empty(),
            inspect.appDataHasFiles || inspect.usesDataDirectory,
            false,
            kestrel,
            inspect.windowsAuth,
            inspect.connectionStrings,
            inspect.todo,
            inspect.logs);
    return Optional.of(
        new DetectedApp(
            KubeNames.label(assembly),
            project,
            target.runtime,
            kind,
            flavour,
            target.version,
            target.tfm,
            target.windowsOnly,
            false,
            assembly,
            legacy,
            sdkVersion,
            serviceName,
            evidence,
            details));
  }

  /**
   * The folder holding the {@code packages} folder the project's HintPaths point into ({@code
   * ..\..\packages\Autofac.2.6\lib\Autofac.dll} from src/Presentation/Nop.Web: "src"), where
   * nuget.exe must restore packages.config packages for the build to find them.
   */
  private static Optional<String> packagesRoot(MsBuildProject p) {
    String dir = ProjectFiles.directory(p.path());
    for (MsBuildProject.Item ref : p.items("Reference")) {
      Optional<String> hint = ref.metadata("HintPath");
      if (hint.isEmpty()) {
        continue;
      }
      String h = hint.get().replace('\\', '/');
      int at = h.toLowerCase(Locale.ROOT).indexOf("packages/");
      if (at < 0 || at > 0 && h.charAt(at - 1) != '/') {
        continue;
      }
      Optional<String> root = MsBuildProject.resolve(dir, at == 0 ? "." : h.substring(0, at));
      if (root.isPresent()) {
        return root;
      }
    }
    return Optional.empty();
  }

  /**
   * Why a project is not an app of its own to containerize (a test project, an Aspire host, a
   * desktop GUI...), or empty when it may be one.
   */
  private static Optional<String> whyNotDeployed(
      MsBuildProject p, String baseName, Set<String> lowerPackages, Set<String> guids) {
    Optional<String> test = testEvidence(p, baseName, lowerPackages, guids);
    if (test.isPresent()) {
      return Optional.of("a test project (" + test.get() + ")");
    }
    if (p.hasSdk("Aspire.AppHost.Sdk")
        || p.isTrue("IsAspireHost")
        || lowerPackages.contains("aspire.hosting.apphost")) {
      return Optional.of(
          "the .NET Aspire AppHost (orchestrates the other projects on a developer"
              + " machine; it is not deployed: each project it starts is an app of its own, and"
              + " the resources it adds, such as databases and caches, are yours to provide)");
    }
    if (p.isTrue("IsAspireSharedProject")) {
      return Optional.of(
          "Aspire ServiceDefaults (IsAspireSharedProject: a library the services reference)");
    }
    if (p.hasSdk("Microsoft.NET.Sdk.BlazorWebAssembly")) {
      return Optional.of(
          "a Blazor WebAssembly client (Sdk Microsoft.NET.Sdk.BlazorWebAssembly): files the"
              + " browser downloads, served by a web app or a static host, not a container of its"
              + " own");
    }
    if (p.isFalse("IsPublishable")) {
      return Optional.of(
          "IsPublishable is false"
              + p.propertySource("IsPublishable").map(s -> " (set in " + s + ")").orElse("")
              + "; dotnet publish skips it");
    }
    if (p.isTrue("UseWindowsForms") || p.isTrue("UseWPF") || p.isTrue("UseMaui")) {
      return Optional.of(
          "a desktop GUI app ("
              + (p.isTrue("UseMaui") ? "MAUI" : "Windows Forms/WPF")
              + "); containers have no desktop");
    }
    return Optional.empty();
  }

  /** Why a project is a test project, if it is one. */
  private static Optional<String> testEvidence(
      MsBuildProject p, String baseName, Set<String> lowerPackages, Set<String> guids) {
    if (p.hasSdk("MSTest.Sdk")) {
      return Optional.of("Sdk MSTest.Sdk");
    }
    if (p.isTrue("IsTestProject")) {
      return Optional.of(
          "IsTestProject true" + p.propertySource("IsTestProject").map(s -> " in " + s).orElse(""));
    }
    if (guids.contains(TEST_PROJECT_GUID)) {
      return Optional.of("test project type GUID");
    }
    for (String pkg : lowerPackages) {
      for (String prefix : TEST_PACKAGE_PREFIXES) {
        if (pkg.equals(prefix) || pkg.startsWith(prefix + ".") || pkg.startsWith(prefix + "-")) {
          return Optional.of("package " + pkg);
        }
      }
    }
    String lower = baseName.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".tests") || lower.endsWith(".test") || lower.endsWith(".unittests")) {
      return Optional.of("named " + baseName);
    }
    return Optional.empty();
  }

  /**
   * The files restore needs, copied before the sources: the project files (of the solution when it
   * is built, else of the project and the projects it references), packages.config, the props they
   * import, global.json and NuGet.config. Empty when a file restore needs cannot be known.
   */
  private static List<String> restoreFiles(
      ProjectFiles files,
      MsBuildProject p,
      List<String> parts,
      Optional<String> solution,
      Optional<String> buildSolution,
      Scope scope,
      boolean dotnet) {
    Set<String> out = new java.util.TreeSet<>();
    List<String> projects = new ArrayList<>();
    if (buildSolution.isPresent() || !dotnet && solution.isPresent()) {
      String sln = buildSolution.orElse(solution.orElseThrow());
      out.add(sln);
      projects.addAll(scope.solutionProjects.getOrDefault(sln, List.of()));
    } else {
      // the project, its parts and, transitively, the projects they reference
      List<String> queue = new ArrayList<>(List.of(p.path()));
      queue.addAll(parts);
      while (!queue.isEmpty()) {
        String next = queue.remove(0);
        if (projects.contains(next) || !files.exists(next)) {
          continue;
        }
        projects.add(next);
        queue.addAll(MsBuildProject.evaluate(files, next).projectReferences());
      }
    }
    for (String project : projects) {
      out.add(project);
      String dir = ProjectFiles.directory(project);
      findIgnoringCase(files, join(dir, "packages.config")).ifPresent(out::add);
      MsBuildProject evaluated = MsBuildProject.evaluate(files, project);
      out.addAll(evaluated.imported());
      if (!evaluated.unresolvedImports().stream()
          .filter(u -> !u.contains("$(MSBuild"))
          .filter(u -> !u.toLowerCase(Locale.ROOT).contains("$(vstoolspath)"))
          .toList()
          .isEmpty()) {
        return List.of(); // an import restore may need is not known: copy everything first
      }
      for (String name :
          List.of("global.json", "NuGet.config", "nuget.config", ".nuget/NuGet.config")) {
        for (String candidate : ancestors(dir, name)) {
          findIgnoringCase(files, candidate).ifPresent(out::add);
        }
      }
    }
    return new ArrayList<>(out);
  }

  private DetectedApp analyseWebSite(ProjectFiles files, WebSite site) {
    List<String> evidence = new ArrayList<>();
    String dir = site.dir;
    site.solution.ifPresent(
        s ->
            evidence.add(
                s
                    + ": ASP.NET Web Site project "
                    + site.name
                    + " {"
                    + SolutionReader.WEB_SITE
                    + "} in folder "
                    + (dir.isEmpty() ? "." : dir)));
    if (hasFileUnder(files, join(dir, "App_Code"), "")) {
      evidence.add(join(dir, "App_Code") + ": sources ASP.NET compiles when the site starts");
    }
    if (hasFileUnder(files, dir, ".asmx")) {
      evidence.add(dir + ": .asmx web services");
    }
    Optional<String> version =
        Optional.ofNullable(site.properties.get("TargetFrameworkMoniker"))
            .flatMap(m -> first(MONIKER_VERSION, m));
    version.ifPresent(
        v ->
            evidence.add(
                site.solution.orElse("") + ": TargetFrameworkMoniker .NETFramework v" + v));
    Optional<String> webConfig = findIgnoringCase(files, join(dir, "web.config"));
    if (version.isEmpty() && webConfig.isPresent()) {
      version = first(CONFIG_TARGET, files.content(webConfig.get()).orElse(""));
      version.ifPresent(
          v -> evidence.add(webConfig.get() + ": compilation targetFramework=\"" + v + "\""));
    }
    String v = version.map(ProjectDetector::normaliseFramework).orElse("4.8");
    if (version.isEmpty()) {
      evidence.add("no target framework found for the web site; assuming 4.8");
    }
    AppInspector inspect =
        new AppInspector(files, dir).configuration(AppRuntime.FRAMEWORK, AppKind.WEB);
    boolean references =
        Optional.ofNullable(site.properties.get("ProjectReferences"))
            .filter(r -> !r.isBlank())
            .isPresent();
    if (references) {
      evidence.add(
          site.solution.orElse("")
              + ": the web site references projects of the solution (their assemblies go to Bin)");
    }
    String name = site.name.matches("(?i)https?://.*") ? ProjectFiles.fileName(dir) : site.name;
    if (name.isEmpty()) {
      name = files.rootName();
    }
    AppDetails details =
        new AppDetails(
            references ? site.solution : Optional.empty(),
            site.solution,
            Optional.empty(),
            List.of(),
            List.of(),
            false,
            List.of(),
            false,
            Optional.empty(),
            inspect.appDataDir,
            inspect.appDataHasFiles || inspect.usesDataDirectory,
            true,
            false,
            inspect.windowsAuth,
            inspect.connectionStrings,
            inspect.todo,
            inspect.logs);
    return new DetectedApp(
        KubeNames.label(name),
        dir,
        AppRuntime.FRAMEWORK,
        hasFileUnder(files, dir, ".svc") ? AppKind.WCF : AppKind.WEB,
        "ASP.NET Web Site (no project file)",
        v,
        "v" + v,
        false,
        !references,
        name,
        true,
        Optional.empty(),
        Optional.empty(),
        evidence,
        details);
  }

  private record TargetChoice(
      AppRuntime runtime, String version, String tfm, boolean windowsOnly) {}

  /**
   * A project with several TargetFrameworks is evaluated again as MSBuild's inner build for the one
   * the container runs ({@link #chooseTfm}), so that what is conditioned on {@code
   * $(TargetFramework)} (OutputType, references, packages) is what that build sees.
   */
  private static MsBuildProject innerBuild(ProjectFiles files, MsBuildProject outer) {
    if (outer.property("TargetFramework").filter(t -> !t.isBlank()).isPresent()) {
      return outer;
    }
    List<String> tfms =
        outer.property("TargetFrameworks").stream()
            .flatMap(v -> java.util.Arrays.stream(v.split("\\s*;\\s*")))
            .map(String::trim)
            .filter(t -> !t.isEmpty())
            .toList();
    if (tfms.size() < 2) {
      return outer;
    }
    TargetChoice choice = chooseTfm(tfms);
    if (choice == null) {
      return outer;
    }
    String asWritten =
        tfms.stream().filter(t -> t.equalsIgnoreCase(choice.tfm)).findFirst().orElse(choice.tfm);
    return MsBuildProject.evaluate(files, outer.path(), Optional.of(asWritten));
  }

  /** .NET 5+ beats .NET Framework (smaller images); the newest version of each wins. */
  private static TargetChoice chooseTfm(List<String> tfms) {
    TargetChoice best = null;
    Comparator<TargetChoice> order =
        Comparator.comparing((TargetChoice t) -> t.runtime == AppRuntime.DOTNET ? 1 : 0)
            .thenComparing(t -> versionKey(t.version));
    for (String raw : tfms) {
      String tfm = raw.trim().toLowerCase(Locale.ROOT);
      TargetChoice choice = null;
      Matcher d = DOTNET_TFM.matcher(tfm);
      Matcher f = FRAMEWORK_TFM.matcher(tfm);
      if (d.matches() && Integer.parseInt(d.group(1)) >= 5) {
        choice =
            new TargetChoice(
                AppRuntime.DOTNET, d.group(1) + "." + d.group(2), tfm, d.group(3) != null);
      } else if (f.matches()) {
        String v = f.group(1) + "." + f.group(2) + (f.group(3) == null ? "" : "." + f.group(3));
        choice = new TargetChoice(AppRuntime.FRAMEWORK, normaliseFramework(v), tfm, false);
      } else if (CORE_TFM.matcher(tfm).matches() || tfm.startsWith("netstandard")) {
        choice = null; // no Windows images for .NET Core 3.1 and earlier; netstandard is a library
      }
      if (choice != null && (best == null || order.compare(choice, best) > 0)) {
        best = choice;
      }
    }
    return best;
  }

  /** "4.0" for "4", "3.5" for "3.5.0"; keeps "4.7.2". */
  static String normaliseFramework(String v) {
    String s =
        v.endsWith(".0") && v.chars().filter(c -> c == '.').count() == 2
            ? v.substring(0, v.length() - 2)
            : v;
    return s.contains(".") ? s : s + ".0";
  }

  static long versionKey(String version) {
    long key = 0;
    String[] parts = version.split("\\.");
    for (int i = 0; i < 3; i++) {
      key = key * 1000 + (i < parts.length ? Long.parseLong(parts[i].replaceAll("\\D", "0")) : 0);
    }
    return key;
  }

  private static boolean isExe(Optional<String> outputType) {
    return outputType.map(o -> o.equals("exe") || o.equals("winexe")).orElse(false);
  }

  private static boolean hasGlobalAsax(ProjectFiles files, String dir) {
    return findIgnoringCase(files, join(dir, "Global.asax")).isPresent();
  }

  private static Optional<String> findServiceBase(ProjectFiles files, String dir) {
    String prefix = dir.isEmpty() ? "" : dir + "/";
    return files.files().entrySet().stream()
        .filter(e -> e.getKey().startsWith(prefix))
        .filter(e -> e.getKey().endsWith(".cs") || e.getKey().endsWith(".vb"))
        .filter(
            e ->
                e.getValue().matches("(?s).*:\\s*(System\\.ServiceProcess\\.)?ServiceBase\\b.*")
                    || e.getValue()
                        .matches("(?s).*Inherits\\s+(System\\.ServiceProcess\\.)?ServiceBase\\b.*"))
        .map(Map.Entry::getKey)
        .findFirst();
  }

  private static boolean hasFileUnder(ProjectFiles files, String dir, String suffix) {
    String prefix = dir.isEmpty() ? "" : dir + "/";
    return files.files().keySet().stream()
        .anyMatch(
            p ->
                p.regionMatches(true, 0, prefix, 0, prefix.length())
                    && p.toLowerCase(Locale.ROOT).endsWith(suffix));
  }

  /** name in dir, then in each parent up to the root. */
  private static List<String> ancestors(String dir, String name) {
    List<String> out = new ArrayList<>();
    String d = dir;
    while (true) {
      out.add(join(d, name));
      if (d.isEmpty()) {
        return out;
      }
      d = ProjectFiles.directory(d);
    }
  }

  private static Optional<String> findIgnoringCase(ProjectFiles files, String path) {
    return files.files().keySet().stream().filter(p -> p.equalsIgnoreCase(path)).findFirst();
  }

  static String join(String dir, String name) {
    return dir.isEmpty() ? name : dir + "/" + name;
  }

  private static Optional<String> first(Pattern p, String text) {
    Matcher m = p.matcher(text);
    return m.find() ? Optional.of(m.group(1).trim()) : Optional.empty();
  }

  private static Set<String> all(Pattern p, String text) {
    Set<String> out = new LinkedHashSet<>();
    Matcher m = p.matcher(text);
    while (m.find()) {
      out.add(m.group(1).trim());
    }
    return out;
  }

  // ------------------------------------------------------------------ no project files

  private static List<DetectedApp> detectPublishedOrStatic(ProjectFiles files) {
    List<DetectedApp> apps = new ArrayList<>();
    // Published .NET 5+: one app per *.runtimeconfig.json.
    for (Map.Entry<String, String> e : files.files().entrySet()) {
      String path = e.getKey();
      if (!path.toLowerCase(Locale.ROOT).endsWith(".runtimeconfig.json")) {
        continue;
      }
      String name = ProjectFiles.fileName(path);
      String assembly = name.substring(0, name.length() - ".runtimeconfig.json".length());
      String dir = ProjectFiles.directory(path);
      Optional<String> tfm = first(RUNTIMECONFIG_TFM, e.getValue());
      Set<String> frameworks = all(RUNTIMECONFIG_FRAMEWORK, e.getValue());
      TargetChoice target = tfm.map(t -> chooseTfm(List.of(t))).orElse(null);
      if (target == null || target.runtime != AppRuntime.DOTNET) {
        continue;
      }
      boolean web = frameworks.contains("Microsoft.AspNetCore.App");
      List<String> evidence = new ArrayList<>();
      evidence.add(path + ": tfm " + tfm.get() + ", frameworks " + String.join(", ", frameworks));
      if (files.exists(join(dir, assembly + ".dll"))) {
        evidence.add(join(dir, assembly + ".dll") + ": the app's entry assembly");
      }
      apps.add(
          new DetectedApp(
              KubeNames.label(assembly),
              dir,
              AppRuntime.DOTNET,
              web ? AppKind.WEB : AppKind.CONSOLE,
              web ? "ASP.NET Core" : "console app",
              target.version,
              target.tfm,
              target.windowsOnly,
              true,
              assembly,
              false,
              Optional.empty(),
              Optional.empty(),
              evidence,
              AppDetails.NONE));
    }
    if (!apps.isEmpty()) {
      return apps;
    }
    // Published .NET Framework web app: web.config with bin/*.dll.
    for (String path : files.files().keySet()) {
      if (!ProjectFiles.fileName(path).equalsIgnoreCase("web.config")) {
        continue;
      }
      String dir = ProjectFiles.directory(path);
      String binPrefix = join(dir, "bin/");
      Optional<String> dll =
          files.files().keySet().stream()
              .filter(p -> p.startsWith(binPrefix) && p.toLowerCase(Locale.ROOT).endsWith(".dll"))
              .findFirst();
      if (dll.isEmpty()) {
        continue;
      }
      String config = files.content(path).orElse("");
      String version =
          first(CONFIG_TARGET, config).map(ProjectDetector::normaliseFramework).orElse("4.8");
      boolean wcf = hasFileUnder(files, dir, ".svc");
      List<String> evidence = new ArrayList<>();
      evidence.add(path + " with " + dll.get() + ": a published ASP.NET site");
      evidence.add(
          first(CONFIG_TARGET, config)
              .map(v -> path + ": targetFramework=\"" + v + "\"")
              .orElse(path + ": no targetFramework attribute; assuming 4.8"));
      String name = dir.isEmpty() ? files.rootName() : ProjectFiles.fileName(dir);
      apps.add(
          new DetectedApp(
              KubeNames.label(name),
              dir,
              AppRuntime.FRAMEWORK,
              wcf ? AppKind.WCF : AppKind.WEB,
              wcf ? "WCF service" : "ASP.NET",
              version,
              "v" + version,
              false,
              true,
              name,
              false,
              Optional.empty(),
              Optional.empty(),
              evidence,
              AppDetails.NONE));
      return apps;
    }
    // Published .NET Framework program: X.exe with X.exe.config.
    for (Map.Entry<String, String> e : files.files().entrySet()) {
      String path = e.getKey();
      if (!path.toLowerCase(Locale.ROOT).endsWith(".exe.config")) {
        continue;
      }
      String exe = path.substring(0, path.length() - ".config".length());
      if (!files.exists(exe)) {
        continue;
      }
      String fileName = ProjectFiles.fileName(exe);
      String assembly = fileName.substring(0, fileName.length() - 4);
      Optional<String> v = first(SUPPORTED_RUNTIME, e.getValue());
      List<String> evidence = new ArrayList<>();
      evidence.add(exe + " with " + path + ": a published .NET Framework program");
      evidence.add(
          v.map(x -> path + ": supportedRuntime .NETFramework v" + x)
              .orElse(path + ": no supportedRuntime sku; assuming 4.8"));
      apps.add(
          new DetectedApp(
              KubeNames.label(assembly),
              ProjectFiles.directory(exe),
              AppRuntime.FRAMEWORK,
              AppKind.CONSOLE,
              "console app",
              v.map(ProjectDetector::normaliseFramework).orElse("4.8"),
              "v" + v.map(ProjectDetector::normaliseFramework).orElse("4.8"),
              false,
              true,
              assembly,
              false,
              Optional.empty(),
              Optional.empty(),
              evidence,
              AppDetails.NONE));
      return apps;
    }
    // Static site: the shallowest index.html / default.htm.
    Map<String, Integer> candidates = new LinkedHashMap<>();
    for (String path : files.files().keySet()) {
      String name = ProjectFiles.fileName(path).toLowerCase(Locale.ROOT);
      if (name.equals("index.html")
          || name.equals("index.htm")
          || name.equals("default.htm")
          || name.equals("default.html")) {
        candidates.put(path, path.split("/").length);
      }
    }
    candidates.entrySet().stream()
        .min(
            Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
        .ifPresent(
            best -> {
              String dir = ProjectFiles.directory(best.getKey());
              String name = dir.isEmpty() ? files.rootName() : ProjectFiles.fileName(dir);
              apps.add(
                  new DetectedApp(
                      KubeNames.label(name),
                      dir,
                      AppRuntime.NONE,
                      AppKind.STATIC_SITE,
                      "static site",
                      "",
                      "",
                      false,
                      true,
                      name,
                      false,
                      Optional.empty(),
                      Optional.empty(),
                      List.of(
                          best.getKey() + ": a start page, and no project files or .NET binaries"),
                      AppDetails.NONE));
            });
    return apps;
  }
}
