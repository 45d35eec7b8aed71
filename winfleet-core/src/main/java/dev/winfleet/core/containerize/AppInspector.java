package dev.winfleet.core.containerize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.winfleet.core.catalog.CatalogFiles;
import dev.winfleet.core.containerize.AppDetails.ConnectionString;
import dev.winfleet.core.containerize.AppDetails.Endpoint;
import dev.winfleet.core.containerize.AppDetails.LogDestination;
import dev.winfleet.core.containerize.AppDetails.Todo;
import java.net.URI;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads an app's configuration, references and entry-point source for what matters in a container:
 * connection strings, Windows authentication, self-hosted endpoints, log destinations, App_Data,
 * references from outside the repository, and whether the program waits or ends.
 */
final class AppInspector {

  static final String REFERENCES = "/dev/winfleet/core/containerize/assembly-references.yaml";

  /** The data file: assemblies from outside the repository and what the image needs. */
  static final class ReferenceData {
    public String comment;
    public List<KnownReference> references = new ArrayList<>();
  }

  /** One entry of the data file. */
  static final class KnownReference {
    public String prefix;
    public String product;
    public String verdict;
    public String action;
  }

  private static final class Known {
    static final ReferenceData DATA = CatalogFiles.read(REFERENCES, ReferenceData.class);
  }

  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private static final Pattern LOCALDB = Pattern.compile("(?i)\\(localdb\\)");
  private static final Pattern INTEGRATED =
      Pattern.compile("(?i)(integrated\\s+security|trusted_connection)\\s*=\\s*(true|sspi|yes)");
  private static final Pattern ATTACH = Pattern.compile("(?i)attachdbfilename\\s*=");
  private static final Pattern LOCAL_SERVER =
      Pattern.compile(
          "(?i)(data\\s+source|server|address|addr)\\s*=\\s*(tcp:)?(\\.|\\(local\\)|localhost|127\\.0\\.0\\.1)(\\\\[^;]*)?\\s*(;|$)");
  private static final Set<String> FRAMEWORK_ASSEMBLIES =
      Set.of(
          "mscorlib",
          "accessibility",
          "windowsbase",
          "presentationcore",
          "presentationframework",
          "microsoft.csharp",
          "microsoft.visualbasic",
          "microsoft.jscript",
          "netstandard",
          "custommarshalers");

  private final ProjectFiles files;
  private final String dir;

  final List<ConnectionString> connectionStrings = new ArrayList<>();
  final List<Todo> todo = new ArrayList<>();
  final List<LogDestination> logs = new ArrayList<>();
  final List<Endpoint> endpoints = new ArrayList<>();
  Optional<String> windowsAuth = Optional.empty();
  Optional<String> appDataDir = Optional.empty();
  boolean appDataHasFiles;
  boolean selfHostedHttp;
  boolean usesDataDirectory;
  Optional<String> waitsOnConsole = Optional.empty();
  Optional<String> sourceSeen = Optional.empty();
  boolean sourceWaits;

  AppInspector(ProjectFiles files, String dir) {
    this.files = files;
    this.dir = dir;
  }

  /** Reads web.config / App.config (.NET Framework) or appsettings*.json (.NET). */
  AppInspector configuration(AppRuntime runtime, AppKind kind) {
    if (runtime == AppRuntime.DOTNET) {
      for (String name : List.of("appsettings.json", "appsettings.Production.json")) {
        file(name).ifPresent(this::appsettings);
      }
    } else {
      for (String name : List.of("web.config", "App.config")) {
        file(name).ifPresent(f -> xmlConfig(f, runtime, kind));
      }
    }
    for (String name : List.of("NLog.config", "log4net.config")) {
      file(name)
          .ifPresent(f -> XmlTree.parse(files.content(f).orElse("")).ifPresent(t -> loggers(t, f)));
    }
    if (kind.servesHttp() && runtime != AppRuntime.DOTNET && !selfHostedHttp) {
      logs.add(
          new LogDestination("iis", "C:\\inetpub\\logs\\LogFiles", "IIS request logs (W3SVC)"));
    }
    String appData = ProjectDetector.join(dir, "App_Data/");
    if (files.files().keySet().stream()
        .anyMatch(p -> p.regionMatches(true, 0, appData, 0, appData.length()))) {
      appDataDir = Optional.of("App_Data");
      appDataHasFiles = true;
    }
    return this;
  }

  /** Marks App_Data from the project's items too (an empty folder is not in the folder's files). */
  void appDataFromProject(MsBuildProject project) {
    for (String type : List.of("Folder", "Content", "None")) {
      for (MsBuildProject.Item i : project.items(type)) {
        if (i.include().toLowerCase(Locale.ROOT).startsWith("app_data")) {
          appDataDir = Optional.of("App_Data");
          return;
        }
      }
    }
  }

  private Optional<String> file(String name) {
    String wanted = ProjectDetector.join(dir, name);
    return files.files().keySet().stream().filter(p -> p.equalsIgnoreCase(wanted)).findFirst();
  }

  private void xmlConfig(String file, AppRuntime runtime, AppKind kind) {
    Optional<XmlTree> parsed = XmlTree.parse(files.content(file).orElse(""));
    if (parsed.isEmpty()) {
      todo.add(
          new Todo(
              "configuration",
              file + " is not well-formed XML",
              "fix it: IIS and the .NET Framework refuse to start with it"));
      return;
    }
    XmlTree config = parsed.get();
    for (XmlTree section : config.children("connectionStrings")) {
      XmlTree source = section;
      Optional<String> configSource = section.attribute("configSource");
      String where = file;
      if (configSource.isPresent()) {
        Optional<String> external =
            MsBuildProject.resolve(ProjectFiles.directory(file), configSource.get());
        Optional<XmlTree> ext = external.flatMap(files::content).flatMap(XmlTree::parse);
        if (ext.isEmpty()) {
          todo.add(
              new Todo(
                  "connection strings",
                  file
                      + ": connectionStrings configSource=\""
                      + configSource.get()
                      + "\" is not in the folder",
                  "the file is probably kept out of source control: provide it in the image or, better,"
                      + " read them from environment variables set from a Secret (configuration builders,"
                      + " https://learn.microsoft.com/aspnet/config-builder)"));
          continue;
        }
        source = ext.get();
        where = external.get();
      }
      for (XmlTree add : source.children("add")) {
        String name = add.attribute("name").orElse("");
        String value = add.attribute("connectionString").orElse("");
        if (!name.isEmpty()) {
          connectionString(name, value, where, name);
        }
      }
    }
    for (XmlTree systemWeb : config.children("system.web")) {
      for (XmlTree auth : systemWeb.children("authentication")) {
        if (auth.attribute("mode").map(m -> m.equalsIgnoreCase("Windows")).orElse(false)) {
          windowsAuth = Optional.of(file + ": <authentication mode=\"Windows\">");
        }
      }
    }
    for (XmlTree wa : config.descendants("windowsAuthentication")) {
      if (wa.attribute("enabled").map(v -> v.equalsIgnoreCase("true")).orElse(false)) {
        windowsAuth = Optional.of(file + ": <windowsAuthentication enabled=\"true\">");
      }
    }
    for (XmlTree host : config.descendants("baseAddresses")) {
      for (XmlTree add : host.children("add")) {
        add.attribute("baseAddress").ifPresent(a -> endpoint(a, file));
      }
    }
    for (XmlTree diag : config.children("system.diagnostics")) {
      for (XmlTree listener : diag.descendants("add")) {
        String type = listener.attribute("type").orElse("");
        String data = listener.attribute("initializeData").orElse("");
        if (type.contains("EventLogTraceListener")) {
          logs.add(new LogDestination("eventlog", data, file + ": EventLogTraceListener"));
        } else if (type.contains("TextWriterTraceListener")
            || type.contains("XmlWriterTraceListener")
            || type.contains("FileLogTraceListener")) {
          logs.add(new LogDestination("file", data, file + ": " + shortType(type)));
        }
      }
    }
    loggers(config, file);
  }

  /** log4net appenders and NLog targets, in a config file or their own file. */
  private void loggers(XmlTree config, String file) {
    for (XmlTree appender : config.descendants("appender")) {
      String type = appender.attribute("type").orElse("");
      if (type.contains("EventLogAppender")) {
        logs.add(
            new LogDestination("eventlog", "Application", file + ": log4net " + shortType(type)));
      } else if (type.contains("FileAppender")) {
        String path =
            appender.children("file").stream()
                .findFirst()
                .flatMap(f -> f.attribute("value"))
                .orElse("");
        logs.add(new LogDestination("file", path, file + ": log4net " + shortType(type)));
      }
    }
    for (XmlTree target : config.descendants("target")) {
      String type = target.attribute("type").orElse("");
      if (type.equalsIgnoreCase("EventLog")) {
        logs.add(
            new LogDestination(
                "eventlog",
                target.attribute("log").orElse("Application"),
                file + ": NLog EventLog target"));
      } else if (type.equalsIgnoreCase("File")) {
        logs.add(
            new LogDestination(
                "file", target.attribute("fileName").orElse(""), file + ": NLog File target"));
      }
    }
  }

  private static String shortType(String type) {
    String t = type.split(",")[0].trim();
    return t.substring(t.lastIndexOf('.') + 1);
  }

  private void endpoint(String address, String file) {
    try {
      URI uri = URI.create(address.trim());
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      int port = uri.getPort();
      if (port < 0) {
        port =
            switch (scheme) {
              case "http" -> 80;
              case "https" -> 443;
              case "net.tcp" -> 808;
              default -> -1;
            };
      }
      if (port > 0 && endpoints.stream().noneMatch(e -> e.port() == uri.getPort())) {
        final int p = port;
        if (endpoints.stream().noneMatch(e -> e.port() == p)) {
          endpoints.add(new Endpoint(scheme, port, file + ": baseAddress " + address.trim()));
        }
      }
    } catch (IllegalArgumentException e) {
      // not a URI: the service cannot open it either; nothing to expose
    }
  }

  private void appsettings(String file) {
    JsonNode root;
    try {
      root = JSON.readTree(stripJsonComments(files.content(file).orElse("")));
    } catch (Exception e) {
      return; // appsettings with syntax errors: the app reports them at start
    }
    if (root == null) {
      return;
    }
    JsonNode cs = root.path("ConnectionStrings");
    for (Iterator<Map.Entry<String, JsonNode>> it = cs.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      connectionString(
          e.getKey(), e.getValue().asText(""), file, "ConnectionStrings__" + e.getKey());
    }
    JsonNode writeTo = root.path("Serilog").path("WriteTo");
    for (JsonNode sink : writeTo) {
      String name = sink.path("Name").asText("");
      if (name.equalsIgnoreCase("EventLog")) {
        logs.add(
            new LogDestination(
                "eventlog",
                sink.path("Args").path("logName").asText("Application"),
                file + ": Serilog EventLog sink"));
      } else if (name.equalsIgnoreCase("File")) {
        logs.add(
            new LogDestination(
                "file", sink.path("Args").path("path").asText(""), file + ": Serilog File sink"));
      }
    }
  }

  private static String stripJsonComments(String json) {
    return json.replaceAll("(?m)^\\s*//.*$", "");
  }

  private void connectionString(String name, String value, String file, String envVar) {
    List<String> problems = new ArrayList<>();
    if (value.toLowerCase(Locale.ROOT).contains("|datadirectory|")
        || value.toLowerCase(Locale.ROOT).contains(".sdf")) {
      usesDataDirectory = true;
    }
    if (LOCALDB.matcher(value).find()) {
      problems.add(
          "LocalDB is a developer edition of SQL Server installed with Visual Studio; it is not in the"
              + " image and does not run in a container");
    }
    if (ATTACH.matcher(value).find()) {
      problems.add(
          "AttachDbFilename attaches an .mdf file to a local SQL Server instance, which the container"
              + " does not have");
    }
    if (LOCAL_SERVER.matcher(value).find()) {
      problems.add("the server is the machine itself, and no SQL Server runs in the container");
    }
    if (INTEGRATED.matcher(value).find()) {
      problems.add(
          "Windows integrated security: the container's account is not a domain account; it works"
              + " only with a gMSA credential spec the SQL Server trusts, otherwise use SQL"
              + " authentication from a Secret");
    }
    connectionStrings.add(new ConnectionString(name, file, envVar, problems));
  }

  /** References resolved from the GAC or from outside the repository. */
  void references(MsBuildProject project) {
    String projectDir = ProjectFiles.directory(project.path());
    for (MsBuildProject.Item ref : project.items("Reference")) {
      String name = ref.include().split(",")[0].trim();
      String lower = name.toLowerCase(Locale.ROOT);
      if (lower.startsWith("system") || FRAMEWORK_ASSEMBLIES.contains(lower)) {
        continue;
      }
      Optional<String> hint = ref.metadata("HintPath").filter(h -> !h.isBlank());
      boolean outside =
          hint.map(h -> h.contains("$(") || MsBuildProject.resolve(projectDir, h).isEmpty())
              .orElse(true);
      if (!outside) {
        continue;
      }
      String where =
          hint.map(h -> "HintPath " + h + " is outside the repository")
              .orElse("no HintPath: resolved from the GAC or an SDK folder of the build machine");
      Optional<KnownReference> known =
          Known.DATA.references.stream()
              .filter(k -> name.regionMatches(true, 0, k.prefix, 0, k.prefix.length()))
              .findFirst();
      if (known.isPresent()) {
        KnownReference k = known.get();
        todo.add(
            new Todo(
                switch (k.verdict) {
                  case "cannot" -> "cannot work in a container: " + k.product;
                  case "msi" -> "installer needed in the image: " + k.product;
                  default -> "reference from outside the repository: " + k.product;
                },
                project.path() + ": Reference " + name + " (" + where + ")",
                k.action.trim()));
      } else if (hint.isPresent() || !lower.startsWith("microsoft.")) {
        todo.add(
            new Todo(
                "reference from outside the repository",
                project.path() + ": Reference " + name + " (" + where + ")",
                "the build stage has only the repository and the SDK image: add the assembly as a"
                    + " NuGet package or commit it with Copy Local, or install its product in the"
                    + " build and runtime stages"));
      }
    }
  }

  /** Reads the entry point source: does the program wait on the console, loop, or end? */
  void entryPoint(String projectDir) {
    Set<String> sources = new LinkedHashSet<>();
    String prefix = projectDir.isEmpty() ? "" : projectDir + "/";
    for (String p : files.files().keySet()) {
      String name = ProjectFiles.fileName(p).toLowerCase(Locale.ROOT);
      if (p.startsWith(prefix)
          && !p.substring(prefix.length()).contains("/")
          && (name.equals("program.cs")
              || name.equals("program.vb")
              || name.equals("module1.vb"))) {
        sources.add(p);
      }
    }
    for (String source : sources) {
      String code = files.content(source).orElse("");
      if (code.isBlank()) {
        continue;
      }
      sourceSeen = Optional.of(source);
      if (code.matches("(?s).*Console\\.Read(Line|Key)?\\s*\\(.*")) {
        waitsOnConsole = Optional.of(source + ": waits on Console.Read*()");
        sourceWaits = true;
      }
      if (code.matches(
          "(?s).*(Thread\\.Sleep\\s*\\(\\s*(-1|Timeout\\.Infinite)|while\\s*\\(\\s*true|Do\\s+While\\s+True|\\.WaitOne\\s*\\(|Task\\.Delay\\s*\\(\\s*(-1|Timeout\\.Infinite)|\\.Run\\s*\\(\\s*\\)|RunAsync\\s*\\(|ServiceBase\\.Run|WaitForShutdown|\\.Join\\s*\\(\\s*\\)).*")) {
        sourceWaits = true;
      }
    }
  }
}
