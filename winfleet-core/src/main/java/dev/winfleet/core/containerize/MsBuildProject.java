package dev.winfleet.core.containerize;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A project file evaluated the way MSBuild would, as far as the folder's files allow: the nearest
 * {@code Directory.Build.props} and {@code Directory.Packages.props} above the project (MSBuild 15+
 * imports them for SDK-style projects and for legacy projects that import Microsoft.Common.props),
 * {@code Import} elements whose file is in the folder, properties in document order with {@code
 * $(Property)} expansion and simple conditions, then items with the final properties.
 *
 * <p>Evaluated for {@code Configuration=Release} and {@code Platform=AnyCPU}, the build the
 * Dockerfile runs, and for a multi-target project optionally as the inner build of one {@code
 * TargetFramework}. What is not evaluated (property functions, SDK-internal imports, imports from
 * outside the folder) is listed in {@link #unresolvedImports()} instead of guessed.
 */
final class MsBuildProject {

  /** An item: {@code <PackageReference Include="X" Version="1" />}. */
  record Item(String type, String include, Map<String, String> metadata, String definedIn) {
    Item {
      metadata = Map.copyOf(metadata);
    }

    Optional<String> metadata(String name) {
      for (Map.Entry<String, String> e : metadata.entrySet()) {
        if (e.getKey().equalsIgnoreCase(name)) {
          return Optional.of(e.getValue());
        }
      }
      return Optional.empty();
    }
  }

  private static final Pattern PROPERTY = Pattern.compile("\\$\\(([A-Za-z_][\\w.-]*)\\)");
  private static final Pattern PATH_OF_FILE_ABOVE =
      Pattern.compile(
          "\\$\\(\\[MSBuild\\]::GetPathOfFileAbove\\(\\s*'?([^',)]+)'?\\s*"
              + "(?:,\\s*'?((?:\\$\\([^)]*\\)|[^')])*)'?)?\\)\\)",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern DIR_OF_FILE_ABOVE =
      Pattern.compile(
          "\\$\\(\\[MSBuild\\]::GetDirectoryNameOfFileAbove\\(\\s*'?([^',]+?)'?\\s*,\\s*'?([^')]+)'?\\s*\\)\\)",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern COMPARISON = Pattern.compile("^'([^']*)'\\s*(==|!=)\\s*'([^']*)'$");
  private static final Pattern EXISTS = Pattern.compile("^(!?)\\s*Exists\\(\\s*'([^']*)'\\s*\\)$");
  private static final int MAX_IMPORT_DEPTH = 16;

  private final ProjectFiles files;
  private final String path;
  private final Optional<String> targetFramework;
  private final Set<String> globals = new java.util.HashSet<>(Set.of("configuration", "platform"));
  private final Map<String, String> properties = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
  private final Map<String, String> propertySource = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
  private final List<Item> items = new ArrayList<>();
  private final List<String> sdks = new ArrayList<>();
  private final List<String> imported = new ArrayList<>();
  private final List<String> unresolvedImports = new ArrayList<>();
  private final List<PendingItem> pendingItems = new ArrayList<>();
  private boolean wellFormed = true;
  private boolean buildPropsImported;

  private record PendingItem(XmlTree element, String file, Optional<String> groupCondition) {}

  private MsBuildProject(ProjectFiles files, String path, Optional<String> targetFramework) {
    this.files = files;
    this.path = path;
    this.targetFramework = targetFramework;
    targetFramework.ifPresent(t -> globals.add("targetframework"));
  }

  /** Evaluates the project at this path of the folder (the outer build of a multi-target one). */
  static MsBuildProject evaluate(ProjectFiles files, String projectPath) {
    return evaluate(files, projectPath, Optional.empty());
  }

  /**
   * Evaluates the project as MSBuild's inner build for one of its {@code TargetFrameworks}: with
   * {@code TargetFramework} a global property, so properties and items conditioned on it apply.
   */
  static MsBuildProject evaluate(
      ProjectFiles files, String projectPath, Optional<String> targetFramework) {
    MsBuildProject p = new MsBuildProject(files, projectPath, targetFramework);
    p.run();
    return p;
  }

  /** The TargetFramework of an inner build; empty for the outer build. */
  Optional<String> innerTargetFramework() {
    return targetFramework;
  }

  private void run() {
    String dir = ProjectFiles.directory(path);
    String fileName = ProjectFiles.fileName(path);
    int dot = fileName.lastIndexOf('.');
    set("Configuration", "Release", "(global)", true);
    set("Platform", "AnyCPU", "(global)", true);
    targetFramework.ifPresent(t -> set("TargetFramework", t, "(inner build)", true));
    set("MSBuildProjectDirectory", dir, "(reserved)", true);
    set("MSBuildProjectName", dot < 0 ? fileName : fileName.substring(0, dot), "(reserved)", true);
    set("MSBuildProjectFile", fileName, "(reserved)", true);
    Optional<XmlTree> root = files.content(path).flatMap(XmlTree::parse);
    if (root.isEmpty()) {
      wellFormed = false;
      return;
    }
    XmlTree project = root.get();
    project.attribute("Sdk").ifPresent(s -> sdks.addAll(List.of(s.split("\\s*;\\s*"))));
    for (XmlTree sdk : project.children("Sdk")) {
      sdk.attribute("Name").ifPresent(sdks::add);
    }
    for (XmlTree imp : project.children("Import")) {
      imp.attribute("Sdk").ifPresent(sdks::add);
    }
    if (!sdks.isEmpty()) {
      // Sdk.props imports Microsoft.Common.props, which imports the nearest Directory.Build.props.
      set("OutputType", "Library", "(SDK default)", false);
      set("OutputPath", "bin\\$(Configuration)\\", "(SDK default)", false);
      importBuildProps(dir, 0);
      // The Web and Worker SDKs default OutputType to Exe.
      for (String exeSdk : List.of("Microsoft.NET.Sdk.Web", "Microsoft.NET.Sdk.Worker")) {
        if (hasSdk(exeSdk)) {
          set("OutputType", "Exe", "(" + exeSdk + " default)", false);
        }
      }
    }
    walk(project, path, 0);
    for (PendingItem pending : pendingItems) {
      evaluateItem(pending);
    }
  }

  private void importBuildProps(String dir, int depth) {
    if (buildPropsImported) {
      return;
    }
    buildPropsImported = true;
    if (!isFalse("ImportDirectoryBuildProps")) {
      fileAbove(dir, "Directory.Build.props").ifPresent(f -> importFile(f, depth + 1));
    }
    if (!isFalse("ImportDirectoryPackagesProps")) {
      fileAbove(dir, "Directory.Packages.props").ifPresent(f -> importFile(f, depth + 1));
    }
  }

  private void importFile(String file, int depth) {
    if (depth > MAX_IMPORT_DEPTH || imported.contains(file)) {
      return;
    }
    Optional<XmlTree> tree = files.content(file).flatMap(XmlTree::parse);
    if (tree.isEmpty()) {
      unresolvedImports.add(file + " (not well-formed XML)");
      return;
    }
    imported.add(file);
    walk(tree.get(), file, depth);
  }

  private void walk(XmlTree parent, String file, int depth) {
    for (XmlTree child : parent.children()) {
      if (child.is("PropertyGroup")) {
        if (!condition(child, file)) {
          continue;
        }
        for (XmlTree property : child.children()) {
          if (condition(property, file)) {
            set(property.name(), expand(property.text(), file), file, false);
          }
        }
      } else if (child.is("ItemGroup")) {
        for (XmlTree item : child.children()) {
          pendingItems.add(new PendingItem(item, file, child.attribute("Condition")));
        }
      } else if (child.is("Import")) {
        if (child.attribute("Sdk").isPresent() || !condition(child, file)) {
          continue;
        }
        String raw = child.attribute("Project").orElse("");
        if (raw.toLowerCase(Locale.ROOT).contains("microsoft.common.props")) {
          importBuildProps(ProjectFiles.directory(path), depth);
          continue;
        }
        Optional<String> target = resolveImport(raw, file);
        if (target.isPresent() && files.exists(target.get())) {
          importFile(target.get(), depth + 1);
        } else {
          unresolvedImports.add(file + ": " + raw);
        }
      } else if (child.is("ImportGroup") || child.is("Choose") || child.is("When")) {
        if (condition(child, file)) {
          walk(child, file, depth);
        }
      }
    }
  }

  private void evaluateItem(PendingItem pending) {
    XmlTree element = pending.element();
    String file = pending.file();
    if (pending.groupCondition().isPresent()
        && !evaluateCondition(expand(pending.groupCondition().get(), file), file)) {
      return;
    }
    if (!condition(element, file)) {
      return;
    }
    Optional<String> include = element.attribute("Include").or(() -> element.attribute("Update"));
    if (include.isEmpty()) {
      return;
    }
    Map<String, String> metadata = new LinkedHashMap<>();
    element.attributes().forEach((k, v) -> metadata.put(k, expand(v, file)));
    for (XmlTree m : element.children()) {
      metadata.put(m.name(), expand(m.text(), file));
    }
    for (String one : expand(include.get(), file).split("\\s*;\\s*")) {
      if (!one.isBlank()) {
        items.add(new Item(element.name(), one.trim(), metadata, file));
      }
    }
  }

  private boolean condition(XmlTree element, String file) {
    return element
        .attribute("Condition")
        .map(c -> evaluateCondition(expand(c, file), file))
        .orElse(true);
  }

  /**
   * Simple MSBuild conditions: {@code 'a' == 'b'}, {@code !=}, {@code Exists('p')}, joined by
   * {@code and}/{@code or}. Anything else counts as true, as the build most likely sees it.
   */
  private boolean evaluateCondition(String condition, String file) {
    String c = condition.trim();
    while (c.startsWith("(") && c.endsWith(")")) {
      c = c.substring(1, c.length() - 1).trim();
    }
    String[] ors = c.split("(?i)\\s+or\\s+");
    if (ors.length > 1) {
      for (String part : ors) {
        if (evaluateCondition(part, file)) {
          return true;
        }
      }
      return false;
    }
    String[] ands = c.split("(?i)\\s+and\\s+");
    if (ands.length > 1) {
      for (String part : ands) {
        if (!evaluateCondition(part, file)) {
          return false;
        }
      }
      return true;
    }
    Matcher m = COMPARISON.matcher(c);
    if (m.matches()) {
      boolean equal = m.group(1).trim().equalsIgnoreCase(m.group(3).trim());
      return m.group(2).equals("==") == equal;
    }
    Matcher e = EXISTS.matcher(c);
    if (e.matches()) {
      Optional<String> target = resolve(ProjectFiles.directory(file), e.group(2));
      boolean exists =
          target.map(t -> t.isEmpty() || files.exists(t) || hasFileUnder(t)).orElse(false);
      return e.group(1).isEmpty() == exists;
    }
    return true;
  }

  private boolean hasFileUnder(String dir) {
    String prefix = dir + "/";
    return files.files().keySet().stream().anyMatch(p -> p.startsWith(prefix));
  }

  private void set(String name, String value, String source, boolean global) {
    if (!global && globals.contains(name.toLowerCase(Locale.ROOT))) {
      return; // global properties win over the project's defaults
    }
    properties.put(name, value);
    propertySource.put(name, source);
  }

  /** Expands {@code $(Name)} and the two file-above property functions; leaves others as is. */
  String expand(String value, String file) {
    if (value == null || !value.contains("$(")) {
      return value == null ? "" : value;
    }
    String dir = ProjectFiles.directory(file);
    String thisDir = dir.isEmpty() ? "" : dir.replace('/', '\\') + "\\";
    String v = value;
    Matcher above = PATH_OF_FILE_ABOVE.matcher(v);
    StringBuilder sb = new StringBuilder();
    while (above.find()) {
      String start = above.group(2) == null ? thisDir : above.group(2);
      String found =
          resolve(baseFor(start, dir), expandSimple(start, thisDir))
              .flatMap(d -> fileAbove(d, above.group(1).trim()))
              .orElse("");
      above.appendReplacement(sb, Matcher.quoteReplacement(found.replace('/', '\\')));
    }
    above.appendTail(sb);
    v = sb.toString();
    Matcher dirAbove = DIR_OF_FILE_ABOVE.matcher(v);
    sb = new StringBuilder();
    while (dirAbove.find()) {
      String found =
          resolve(baseFor(dirAbove.group(1), dir), expandSimple(dirAbove.group(1).trim(), thisDir))
              .flatMap(d -> fileAbove(d, dirAbove.group(2).trim()))
              .map(ProjectFiles::directory)
              .orElse("");
      dirAbove.appendReplacement(sb, Matcher.quoteReplacement(found.replace('/', '\\')));
    }
    dirAbove.appendTail(sb);
    return expandSimple(sb.toString(), thisDir);
  }

  private String expandSimple(String value, String thisDir) {
    Matcher m = PROPERTY.matcher(value);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String name = m.group(1);
      String replacement;
      if (name.equalsIgnoreCase("MSBuildThisFileDirectory")) {
        replacement = thisDir;
      } else {
        replacement = properties.getOrDefault(name, "");
      }
      m.appendReplacement(sb, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  private Optional<String> resolveImport(String raw, String file) {
    String expanded = expand(raw, file);
    if (expanded.contains("$(") || expanded.contains("*") || expanded.isBlank()) {
      return Optional.empty();
    }
    return resolve(baseFor(raw, ProjectFiles.directory(file)), expanded);
  }

  /**
   * Where a path is relative to: MSBuild's directory properties and property functions give full
   * paths (here: paths from the folder's root); anything else is relative to the file's folder.
   */
  private static String baseFor(String raw, String fileDir) {
    String r = raw.trim().toLowerCase(Locale.ROOT);
    return r.startsWith("$(msbuildthisfiledirectory)")
            || r.startsWith("$(msbuildprojectdirectory)")
            || r.startsWith("$([msbuild]::")
        ? ""
        : fileDir;
  }

  /** The nearest file with this name in dir or a folder above it. */
  private Optional<String> fileAbove(String dir, String name) {
    String d = dir;
    while (true) {
      String candidate = ProjectDetector.join(d, name);
      for (String existing : files.files().keySet()) {
        if (existing.equalsIgnoreCase(candidate)) {
          return Optional.of(existing);
        }
      }
      if (d.isEmpty()) {
        return Optional.empty();
      }
      d = ProjectFiles.directory(d);
    }
  }

  /**
   * A Windows or Unix relative path, seen from dir, as a path of the folder ("" for the root);
   * empty when it is absolute or leaves the folder.
   */
  static Optional<String> resolve(String dir, String relative) {
    String p = relative.trim().replace('\\', '/');
    if (p.startsWith("/") || p.matches("^[A-Za-z]:.*")) {
      return Optional.empty();
    }
    List<String> parts = new ArrayList<>();
    if (!dir.isEmpty()) {
      parts.addAll(List.of(dir.split("/")));
    }
    for (String part : p.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        if (parts.isEmpty()) {
          return Optional.empty();
        }
        parts.remove(parts.size() - 1);
      } else {
        parts.add(part);
      }
    }
    return Optional.of(String.join("/", parts));
  }

  // ------------------------------------------------------------------ what callers ask

  String path() {
    return path;
  }

  boolean wellFormed() {
    return wellFormed;
  }

  List<String> sdks() {
    return List.copyOf(sdks);
  }

  boolean sdkStyle() {
    return !sdks.isEmpty();
  }

  boolean hasSdk(String name) {
    return sdks.stream().anyMatch(s -> s.split("/")[0].equalsIgnoreCase(name));
  }

  Optional<String> property(String name) {
    String v = properties.get(name);
    return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
  }

  /** The file that set the property last (the project, an imported props file, a default). */
  Optional<String> propertySource(String name) {
    return Optional.ofNullable(propertySource.get(name));
  }

  boolean isTrue(String name) {
    return property(name).map(v -> v.equalsIgnoreCase("true")).orElse(false);
  }

  boolean isFalse(String name) {
    return property(name).map(MsBuildProject::isFalseValue).orElse(false);
  }

  private static boolean isFalseValue(String v) {
    return v.trim().equalsIgnoreCase("false");
  }

  List<Item> items(String type) {
    return items.stream().filter(i -> i.type().equalsIgnoreCase(type)).toList();
  }

  /** The Include of each item of this type; for Reference, the simple assembly name. */
  Set<String> includes(String type) {
    Set<String> out = new LinkedHashSet<>();
    for (Item i : items(type)) {
      String include = i.include();
      if (type.equalsIgnoreCase("Reference")) {
        int comma = include.indexOf(',');
        include = comma < 0 ? include : include.substring(0, comma);
      }
      out.add(include.trim());
    }
    return out;
  }

  /** The folder's paths of the projects this one references ({@code ProjectReference}). */
  List<String> projectReferences() {
    List<String> out = new ArrayList<>();
    for (Item i : items("ProjectReference")) {
      resolve(ProjectFiles.directory(path), i.include()).ifPresent(out::add);
    }
    return out;
  }

  List<String> imported() {
    return List.copyOf(imported);
  }

  List<String> unresolvedImports() {
    return List.copyOf(unresolvedImports);
  }
}
