package dev.winfleet.core.containerize;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the projects a solution names: the text {@code .sln} format (one {@code Project(...)} line
 * per project, with its project-type GUID and, for ASP.NET Web Site projects, a {@code
 * WebsiteProperties} section) and the XML {@code .slnx} format ({@code <Project Path="..."/>},
 * possibly inside {@code <Folder>}).
 */
final class SolutionReader {

  /** Solution folders: not projects. */
  static final String SOLUTION_FOLDER = "2150E333-8FDC-42A3-9474-1A3956D46DE8";

  /** ASP.NET Web Site projects: a folder without a project file, compiled by ASP.NET. */
  static final String WEB_SITE = "E24C65DC-7377-472B-9ABA-BC803B73C61A";

  /**
   * One project of a solution.
   *
   * @param solution the solution file
   * @param typeGuid the project-type GUID, upper case without braces ("" in .slnx)
   * @param name the name the solution gives it
   * @param path the folder's path of the project file, or of a web site's folder; empty when the
   *     path leaves the folder or is a URL
   * @param asWritten the path as the solution writes it
   * @param properties the WebsiteProperties section (web sites only)
   */
  record Entry(
      String solution,
      String typeGuid,
      String name,
      Optional<String> path,
      String asWritten,
      Map<String, String> properties) {

    Entry {
      properties = Map.copyOf(properties);
    }

    boolean isWebSite() {
      return typeGuid.equals(WEB_SITE);
    }

    boolean isFolder() {
      return typeGuid.equals(SOLUTION_FOLDER);
    }
  }

  // The .sln format is line-based text, not XML: one line per project.
  private static final Pattern PROJECT_LINE =
      Pattern.compile(
          "^Project\\(\"\\{([0-9A-Fa-f-]+)\\}\"\\)\\s*=\\s*\"([^\"]*)\"\\s*,\\s*\"([^\"]*)\"\\s*,\\s*\"\\{[0-9A-Fa-f-]+\\}\"\\s*$");
  private static final Pattern SECTION_PROPERTY =
      Pattern.compile("^\\s*([\\w.]+)\\s*=\\s*\"?(.*?)\"?\\s*$");

  private SolutionReader() {}

  static List<Entry> read(ProjectFiles files, String solution) {
    String text = files.content(solution).orElse("");
    String dir = ProjectFiles.directory(solution);
    return solution.toLowerCase(Locale.ROOT).endsWith(".slnx")
        ? readSlnx(solution, dir, text)
        : readSln(solution, dir, text);
  }

  private static List<Entry> readSln(String solution, String dir, String text) {
    List<Entry> out = new ArrayList<>();
    String[] lines = text.split("\\r?\\n");
    for (int i = 0; i < lines.length; i++) {
      Matcher m = PROJECT_LINE.matcher(lines[i].trim());
      if (!m.matches()) {
        continue;
      }
      String type = m.group(1).toUpperCase(Locale.ROOT);
      Map<String, String> properties = new LinkedHashMap<>();
      int j = i + 1;
      for (; j < lines.length && !lines[j].trim().equals("EndProject"); j++) {
        Matcher p = SECTION_PROPERTY.matcher(lines[j]);
        if (p.matches() && !lines[j].trim().startsWith("ProjectSection")) {
          properties.put(p.group(1), p.group(2));
        }
      }
      String asWritten = m.group(3);
      Optional<String> path;
      if (type.equals(WEB_SITE)) {
        // A web site's "path" is often a URL; the folder is in SlnRelativePath / PhysicalPath.
        String folder =
            Optional.ofNullable(properties.get("SlnRelativePath"))
                .or(
                    () ->
                        Optional.ofNullable(properties.get("Release.AspNetCompiler.PhysicalPath")))
                .or(() -> Optional.ofNullable(properties.get("Debug.AspNetCompiler.PhysicalPath")))
                .orElse(asWritten.contains("://") ? "" : asWritten);
        path = folder.isEmpty() ? Optional.empty() : MsBuildProject.resolve(dir, folder);
      } else {
        path = MsBuildProject.resolve(dir, asWritten);
      }
      out.add(new Entry(solution, type, m.group(2), path, asWritten, properties));
      i = j;
    }
    return out;
  }

  private static List<Entry> readSlnx(String solution, String dir, String text) {
    List<Entry> out = new ArrayList<>();
    XmlTree.parse(text)
        .ifPresent(
            root -> {
              for (XmlTree project : root.descendants("Project")) {
                Optional<String> written = project.attribute("Path");
                if (written.isEmpty()) {
                  continue;
                }
                String type =
                    project
                        .attribute("Type")
                        .map(t -> t.replace("{", "").replace("}", "").toUpperCase(Locale.ROOT))
                        .orElse("");
                String name = ProjectFiles.fileName(written.get().replace('\\', '/'));
                int dot = name.lastIndexOf('.');
                out.add(
                    new Entry(
                        solution,
                        type,
                        dot < 0 ? name : name.substring(0, dot),
                        MsBuildProject.resolve(dir, written.get()),
                        written.get(),
                        Map.of()));
              }
            });
    return out;
  }
}
