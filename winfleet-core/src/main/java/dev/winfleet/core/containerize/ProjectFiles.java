package dev.winfleet.core.containerize;

import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The files of an app folder that detection looks at: relative path (with {@code /}) to content.
 *
 * <p>Only files for which {@link #wantsContent(String)} holds need their content; files for which
 * only {@link #wantsName(String)} holds (assets, binaries) may carry an empty string: detection
 * only asks whether they exist. The front end decides how to read the folder; this class says what
 * is worth reading, so the knowledge stays in one place.
 *
 * @param rootName the folder's own name, used to name an app that has no project file
 * @param files relative path to content, sorted
 */
public record ProjectFiles(String rootName, Map<String, String> files) {

  /** What detection looks for, in words, for the message about an unrecognised folder. */
  public static final List<String> LOOKED_FOR =
      List.of(
          "*.sln / *.slnx solutions (and the ASP.NET Web Site projects they name)",
          "*.csproj / *.vbproj / *.fsproj projects (SDK-style TargetFramework(s), legacy"
              + " TargetFrameworkVersion v2.0-v4.8.1)",
          "web.config, packages.config, App.config, global.json, Directory.Build.props,"
              + " Directory.Packages.props and imported .props",
          "ASP.NET Web Site folders (web.config with App_Code or .asmx, no project file)",
          "published .NET output (*.runtimeconfig.json next to the app's .dll)",
          "published .NET Framework output (web.config with bin\\*.dll, or an .exe with its"
              + " .exe.config)",
          "a static site (index.html or default.htm)");

  public ProjectFiles {
    rootName = rootName == null || rootName.isBlank() ? "app" : rootName;
    Objects.requireNonNull(files, "files");
    TreeMap<String, String> sorted = new TreeMap<>();
    for (Map.Entry<String, String> e : files.entrySet()) {
      String path = normalise(e.getKey());
      sorted.put(path, e.getValue() == null ? "" : e.getValue());
    }
    files = Collections.unmodifiableMap(sorted);
  }

  /** A path with forward slashes, checked to stay inside the folder. */
  static String normalise(String path) {
    Objects.requireNonNull(path, "path");
    String p = path.replace('\\', '/');
    while (p.startsWith("./")) {
      p = p.substring(2);
    }
    if (p.isEmpty() || p.startsWith("/") || p.matches("^[A-Za-z]:.*")) {
      throw new IllegalArgumentException("not a relative path inside the app folder: " + path);
    }
    for (String part : p.split("/")) {
      if (part.equals("..") || part.isEmpty()) {
        throw new IllegalArgumentException("not a relative path inside the app folder: " + path);
      }
    }
    return p;
  }

  /** True when detection reads this file's content. */
  public static boolean wantsContent(String path) {
    String name = fileName(path).toLowerCase(Locale.ROOT);
    return name.endsWith(".sln")
        || name.endsWith(".slnx")
        || name.endsWith(".props")
        || name.endsWith(".targets")
        || name.startsWith("appsettings") && name.endsWith(".json")
        || name.equals("nlog.config")
        || name.equals("log4net.config")
        || name.endsWith(".config") && name.contains("connectionstrings")
        || name.endsWith(".csproj")
        || name.endsWith(".vbproj")
        || name.endsWith(".fsproj")
        || name.equals("directory.build.props")
        || name.equals("web.config")
        || name.equals("app.config")
        || name.equals("packages.config")
        || name.equals("global.json")
        || name.endsWith(".runtimeconfig.json")
        || name.endsWith(".exe.config")
        || ((name.endsWith(".cs") || name.endsWith(".vb"))
            && (name.startsWith("program")
                || name.startsWith("startup")
                || name.contains("service")
                || name.contains("installer")));
  }

  /** True when detection needs to know that this file exists. */
  public static boolean wantsName(String path) {
    String name = fileName(path).toLowerCase(Locale.ROOT);
    return wantsContent(path)
        || name.endsWith(".dll")
        || name.endsWith(".exe")
        || name.endsWith(".deps.json")
        || name.endsWith(".aspx")
        || name.endsWith(".svc")
        || name.endsWith(".asmx")
        || name.endsWith(".cshtml")
        || name.endsWith(".vbhtml")
        || name.equals("global.asax")
        || path.replace('\\', '/').toLowerCase(Locale.ROOT).contains("app_code/")
        || path.replace('\\', '/').toLowerCase(Locale.ROOT).contains("app_data/")
        || name.endsWith(".html")
        || name.endsWith(".htm");
  }

  public Optional<String> content(String path) {
    return Optional.ofNullable(files.get(path));
  }

  public boolean exists(String path) {
    return files.containsKey(path);
  }

  static String fileName(String path) {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? path : path.substring(slash + 1);
  }

  /** The folder of a path, "" for the root. */
  static String directory(String path) {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? "" : path.substring(0, slash);
  }
}
