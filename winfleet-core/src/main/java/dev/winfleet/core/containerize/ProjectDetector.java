package dev.winfleet.core.containerize;

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
 * <p>Order of evidence: solutions name the projects in scope; each project file says its target
 * framework and output type; project type GUIDs, SDK names, references and a few source files say
 * what kind of app it is. Without project files, published output and static sites are recognised.
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

  private static final Pattern SDK = Pattern.compile("<Project\\b[^>]*\\bSdk\\s*=\\s*\"([^\"]+)\"");
  private static final Pattern TF = Pattern.compile("<TargetFramework>\\s*([^<]+?)\\s*<");
  private static final Pattern TFS = Pattern.compile("<TargetFrameworks>\\s*([^<]+?)\\s*<");
  private static final Pattern TFV =
      Pattern.compile("<TargetFrameworkVersion>\\s*v?([\\d.]+)\\s*<");
  private static final Pattern OUTPUT_TYPE = Pattern.compile("<OutputType>\\s*(\\w+)\\s*<");
  private static final Pattern TYPE_GUIDS = Pattern.compile("<ProjectTypeGuids>([^<]*)<");
  private static final Pattern ASSEMBLY = Pattern.compile("<AssemblyName>\\s*([^<]+?)\\s*<");
  private static final Pattern PACKAGE_REF =
      Pattern.compile("<PackageReference\\s+Include\\s*=\\s*\"([^\"]+)\"");
  private static final Pattern REFERENCE =
      Pattern.compile("<Reference\\s+Include\\s*=\\s*\"([^\",]+)");
  private static final Pattern FRAMEWORK_REF =
      Pattern.compile("<FrameworkReference\\s+Include\\s*=\\s*\"([^\"]+)\"");
  private static final Pattern PACKAGES_CONFIG =
      Pattern.compile("<package\\s+id\\s*=\\s*\"([^\"]+)\"");
  private static final Pattern SLN_PROJECT =
      Pattern.compile(
          "^Project\\(\"\\{[^}]+\\}\"\\)\\s*=\\s*\"([^\"]+)\"\\s*,\\s*\"([^\"]+\\.(?:cs|vb|fs)proj)\"",
          Pattern.MULTILINE);
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

  /** Finds the apps; throws {@link UnrecognisedProjectException} when there are none. */
  public Detection detect(ProjectFiles files) {
    List<DetectedApp> apps = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    List<String> projects = projectsInScope(files, notes);
    Set<String> usedNames = new LinkedHashSet<>();
    for (String project : projects) {
      analyseProject(files, project, skipped)
          .map(a -> uniqueName(a, usedNames))
          .ifPresent(apps::add);
    }
    if (projects.isEmpty()) {
      apps.addAll(detectPublishedOrStatic(files));
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
    return name.equals(app.name())
        ? app
        : new DetectedApp(
            name,
            app.source(),
            app.runtime(),
            app.kind(),
            app.flavour(),
            app.version(),
            app.targetFramework(),
            app.windowsOnly(),
            app.prebuilt(),
            app.assembly(),
            app.legacyProject(),
            app.sdkVersion(),
            app.serviceName(),
            app.evidence());
  }

  /** The projects a solution names, or every project file when there is no solution. */
  private static List<String> projectsInScope(ProjectFiles files, List<String> notes) {
    List<String> all = new ArrayList<>();
    List<String> solutions = new ArrayList<>();
    for (String path : files.files().keySet()) {
      String lower = path.toLowerCase(Locale.ROOT);
      if (lower.endsWith(".csproj") || lower.endsWith(".vbproj") || lower.endsWith(".fsproj")) {
        all.add(path);
      } else if (lower.endsWith(".sln")) {
        solutions.add(path);
      }
    }
    if (solutions.isEmpty()) {
      return all;
    }
    Set<String> inScope = new LinkedHashSet<>();
    for (String sln : solutions) {
      String dir = ProjectFiles.directory(sln);
      Matcher m = SLN_PROJECT.matcher(files.content(sln).orElse(""));
      while (m.find()) {
        String relative = m.group(2).replace('\\', '/');
        String path = dir.isEmpty() ? relative : dir + "/" + relative;
        if (files.exists(path)) {
          inScope.add(path);
        } else {
          notes.add(sln + " names " + m.group(2) + ", which is not in the folder");
        }
      }
    }
    for (String project : all) {
      if (!inScope.contains(project)) {
        notes.add(project + " is in no solution; considered anyway");
        inScope.add(project);
      }
    }
    return new ArrayList<>(inScope);
  }

  private Optional<DetectedApp> analyseProject(
      ProjectFiles files, String project, List<String> skipped) {
    String xml = files.content(project).orElse("");
    String dir = ProjectFiles.directory(project);
    String fileName = ProjectFiles.fileName(project);
    String baseName = fileName.substring(0, fileName.lastIndexOf('.'));
    List<String> evidence = new ArrayList<>();
    Optional<String> sdk = first(SDK, xml);
    String assembly = first(ASSEMBLY, xml).orElse(baseName);
    Set<String> packages = all(PACKAGE_REF, xml);
    files
        .content(join(dir, "packages.config"))
        .ifPresent(c -> packages.addAll(all(PACKAGES_CONFIG, c)));
    Set<String> references = all(REFERENCE, xml);
    Set<String> frameworkRefs = all(FRAMEWORK_REF, xml);
    Optional<String> outputTypeAsWritten = first(OUTPUT_TYPE, xml);
    Optional<String> outputType = outputTypeAsWritten.map(s -> s.toLowerCase(Locale.ROOT));

    if (isTestProject(baseName, packages)) {
      skipped.add(project + ": a test project");
      return Optional.empty();
    }
    if (xml.contains("<UseWindowsForms>true") || xml.contains("<UseWPF>true")) {
      skipped.add(project + ": a desktop GUI app (Windows Forms/WPF); containers have no desktop");
      return Optional.empty();
    }

    // Target framework: the project, else Directory.Build.props above it.
    List<String> tfms = new ArrayList<>();
    Optional<String> tfSource = Optional.empty();
    for (String candidate : withBuildProps(files, project)) {
      String text = files.content(candidate).orElse("");
      Optional<String> single = first(TF, text);
      Optional<String> many = first(TFS, text);
      if (single.isPresent() || many.isPresent()) {
        single.ifPresent(tfms::add);
        many.ifPresent(s -> tfms.addAll(List.of(s.split("\\s*;\\s*"))));
        tfSource = Optional.of(candidate);
        break;
      }
    }
    Optional<String> legacyVersion = first(TFV, xml);
    boolean legacy = sdk.isEmpty();

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

    AppKind kind;
    String flavour;
    Optional<String> serviceName = Optional.empty();
    if (target.runtime == AppRuntime.DOTNET) {
      boolean web =
          sdk.map(s -> s.equalsIgnoreCase("Microsoft.NET.Sdk.Web")).orElse(false)
              || frameworkRefs.contains("Microsoft.AspNetCore.App");
      boolean worker =
          sdk.map(s -> s.equalsIgnoreCase("Microsoft.NET.Sdk.Worker")).orElse(false)
              || packages.contains("Microsoft.Extensions.Hosting");
      boolean exe = outputType.map(o -> o.equals("exe") || o.equals("winexe")).orElse(false);
      if (web) {
        kind = AppKind.WEB;
        flavour = "ASP.NET Core";
        if (frameworkRefs.contains("Microsoft.AspNetCore.App")) {
          evidence.add(project + ": FrameworkReference Microsoft.AspNetCore.App");
        }
      } else if (worker) {
        kind = AppKind.WORKER;
        flavour = "worker service";
        if (packages.contains("Microsoft.Extensions.Hosting")) {
          evidence.add(project + ": PackageReference Microsoft.Extensions.Hosting");
        }
      } else if (exe) {
        kind = AppKind.CONSOLE;
        flavour = "console app";
      } else {
        skipped.add(project + ": a class library (no OutputType Exe)");
        return Optional.empty();
      }
      if (packages.contains("Microsoft.Extensions.Hosting.WindowsServices")) {
        evidence.add(
            project
                + ": PackageReference Microsoft.Extensions.Hosting.WindowsServices"
                + " (UseWindowsService() does nothing outside the service manager: the container"
                + " runs it as a normal process)");
      }
    } else {
      Set<String> guids = new LinkedHashSet<>();
      first(TYPE_GUIDS, xml)
          .ifPresent(
              g -> {
                for (String part : g.split(";")) {
                  guids.add(part.replaceAll("[{}\\s]", "").toUpperCase(Locale.ROOT));
                }
              });
      boolean hasSvc = hasFileUnder(files, dir, ".svc");
      boolean hasAspx = hasFileUnder(files, dir, ".aspx");
      Optional<String> webConfig = findIgnoringCase(files, join(dir, "web.config"));
      boolean hasWebConfig = webConfig.isPresent();
      boolean mvc =
          guids.stream().anyMatch(MVC::contains)
              || references.contains("System.Web.Mvc")
              || packages.contains("Microsoft.AspNet.Mvc");
      boolean webGuid = guids.contains(WEB_APPLICATION);
      if (guids.contains(WCF_SERVICE) || (hasSvc && (webGuid || hasWebConfig))) {
        kind = AppKind.WCF;
        flavour = "WCF service";
        evidence.add(
            guids.contains(WCF_SERVICE)
                ? project + ": ProjectTypeGuids include WCF {" + WCF_SERVICE + "}"
                : project + ": .svc endpoints in a web project");
      } else if (webGuid || (hasWebConfig && (mvc || hasAspx) && !isExe(outputType))) {
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
        } else if (packages.contains("Microsoft.AspNet.WebApi")
            || packages.contains("Microsoft.AspNet.WebApi.Core")) {
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
            evidence));
  }

  private record TargetChoice(
      AppRuntime runtime, String version, String tfm, boolean windowsOnly) {}

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

  private static boolean isTestProject(String baseName, Set<String> packages) {
    String lower = baseName.toLowerCase(Locale.ROOT);
    return packages.contains("Microsoft.NET.Test.Sdk")
        || packages.contains("MSTest.TestFramework")
        || packages.contains("NUnit")
        || packages.contains("xunit")
        || lower.endsWith(".tests")
        || lower.endsWith(".test");
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
        .anyMatch(p -> p.startsWith(prefix) && p.toLowerCase(Locale.ROOT).endsWith(suffix));
  }

  private static List<String> withBuildProps(ProjectFiles files, String project) {
    List<String> candidates = new ArrayList<>();
    candidates.add(project);
    candidates.addAll(ancestors(ProjectFiles.directory(project), "Directory.Build.props"));
    return candidates;
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
              evidence));
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
              evidence));
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
              evidence));
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
                          best.getKey()
                              + ": a start page, and no project files or .NET binaries")));
            });
    return apps;
  }
}
