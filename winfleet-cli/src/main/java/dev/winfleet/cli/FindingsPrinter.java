package dev.winfleet.cli;

import dev.winfleet.core.rules.Finding;
import dev.winfleet.core.rules.RuleCatalog;
import dev.winfleet.core.rules.RuleMetadata;
import dev.winfleet.core.rules.Severity;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import picocli.CommandLine.Help.Ansi;

/**
 * Prints findings as text (people), JSON (the checker's contract) or SARIF 2.1.0 (code scanning).
 */
final class FindingsPrinter {

  private FindingsPrinter() {}

  // ------------------------------------------------------------------ text

  private static final int CHUNK = 1 << 16;

  static void text(PrintWriter out, CheckRun.Result result, Ansi ansi, List<String> notes) {
    boolean colour = ansi.enabled();
    String error = colour ? ansi.string("@|red,bold error  |@") : "error  ";
    String warning = colour ? ansi.string("@|yellow warning|@") : "warning";
    String info = colour ? ansi.string("@|cyan info   |@") : "info   ";
    String currentFile = null;
    StringBuilder sb = new StringBuilder();
    for (Finding f : result.findings()) {
      // Objects read from a live cluster come from no file.
      String file = Objects.requireNonNullElse(f.file(), "(cluster)");
      if (!file.equals(currentFile)) {
        if (currentFile != null) {
          sb.append('\n');
        }
        sb.append(colour ? ansi.string("@|bold " + escape(file) + "|@") : file).append('\n');
        currentFile = file;
      }
      String where = f.line() == 0 ? "-" : f.line() + ":" + f.column();
      String severity =
          switch (f.severity()) {
            case ERROR -> error;
            case WARNING -> warning;
            case INFO -> info;
          };
      sb.append("  ").append(pad(where, 8)).append(severity).append("  ");
      sb.append(colour ? ansi.string("@|faint " + escape(f.rule()) + "|@") : f.rule());
      if (f.object() != null) {
        sb.append("  ").append(f.objectDisplay());
        if (f.namespace() != null) {
          sb.append(" (namespace ").append(f.namespace()).append(')');
        }
        if (f.container() != null) {
          sb.append(" container ").append(f.container());
        }
      }
      sb.append('\n');
      sb.append("          ").append(f.message()).append('\n');
      sb.append("          fix: ").append(f.fix()).append('\n');
      if (sb.length() >= CHUNK) {
        // Written as it goes: a report of 40,000 findings is ~19 MB, which one buffer would have
        // to grow to (and copy on the way) before anything was written.
        out.append(sb);
        sb.setLength(0);
      }
    }
    if (!result.findings().isEmpty()) {
      sb.append('\n');
    }
    for (String note : notes) {
      sb.append(colour ? ansi.string("@|faint note: " + escape(note) + "|@") : "note: " + note)
          .append('\n');
    }
    sb.append(summary(result)).append('\n');
    out.print(sb);
    out.flush();
  }

  /**
   * The command line's advice for findings the images' facts would settle (the core's fix says what
   * to provide in general; the command names its flags here): those that rest on a guess, and
   * Windows images whose build is unknown. Empty when there are none.
   */
  static java.util.Optional<String> guessNote(CheckRun.Result result, String flags) {
    long guesses = result.findings().stream().filter(f -> !f.evidence().isFact()).count();
    long buildsUnknown =
        result.findings().stream()
            .filter(f -> f.evidence().isFact() && f.rule().equals(WINDOWS_BUILD_UNKNOWN))
            .count();
    List<String> parts = new ArrayList<>();
    if (guesses > 0) {
      parts.add(
          plural(guesses, "finding")
              + (guesses == 1 ? " rests" : " rest")
              + " on a guess, not a fact");
    }
    if (buildsUnknown > 0) {
      parts.add(
          plural(buildsUnknown, "finding")
              + (buildsUnknown == 1 ? " says" : " say")
              + " a Windows image's build is unknown");
    }
    if (parts.isEmpty()) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(
        String.join(", and ", parts) + ": " + flags + " gives winfleet the images' facts.");
  }

  /**
   * The rule whose findings a registry lookup or a lock file settles even when the OS is a fact.
   */
  private static final String WINDOWS_BUILD_UNKNOWN = "windows-image-build-unknown";

  private static String escape(String s) {
    return s.replace("@|", "@ |");
  }

  private static String pad(String s, int width) {
    return s.length() >= width ? s + " " : s + " ".repeat(width - s.length());
  }

  static String summary(CheckRun.Result r) {
    long errors = r.count(Severity.ERROR);
    long warnings = r.count(Severity.WARNING);
    long infos = r.count(Severity.INFO);
    String checked =
        r.objects()
            + " object"
            + (r.objects() == 1 ? "" : "s")
            // No files and none left out: cluster check, whose objects come from the API server.
            + (r.files() == 0 && r.notKubernetes().isEmpty()
                ? " from the cluster"
                : " in " + r.files() + " file" + (r.files() == 1 ? "" : "s"));
    if (errors + warnings + infos == 0) {
      return "No problems found (" + checked + " checked).";
    }
    return plural(errors, "error")
        + ", "
        + plural(warnings, "warning")
        + ", "
        + plural(infos, "info")
        + " ("
        + checked
        + " checked).";
  }

  private static String plural(long n, String word) {
    return n + " " + word + (n == 1 || word.equals("info") ? "" : "s");
  }

  // ------------------------------------------------------------------ JSON

  static Map<String, Object> json(CheckRun.Result r) {
    List<Map<String, Object>> findings = new ArrayList<>(r.findings().size());
    for (Finding f : r.findings()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("rule", f.rule());
      m.put("severity", f.severity().label());
      m.put("file", f.file());
      m.put("line", f.line());
      m.put("column", f.column());
      m.put("object", f.objectDisplay());
      m.put("namespace", f.namespace());
      m.put("container", f.container());
      m.put("message", f.message());
      m.put("fix", f.fix());
      m.put("evidence", f.evidence().label());
      findings.add(m);
    }
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("files", r.files());
    summary.put("objects", r.objects());
    summary.put("errors", r.count(Severity.ERROR));
    summary.put("warnings", r.count(Severity.WARNING));
    summary.put("infos", r.count(Severity.INFO));
    // Files found in the directories given that are no manifests, not checked, and why.
    List<Map<String, Object>> leftOut = new ArrayList<>();
    for (CheckRun.LeftOut l : r.notKubernetes()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("file", l.file());
      m.put("why", l.why().label());
      leftOut.add(m);
    }
    summary.put("leftOut", leftOut);
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("findings", findings);
    root.put("summary", summary);
    return root;
  }

  // ------------------------------------------------------------------ PolicyReport

  // ------------------------------------------------------------------ SARIF

  static final String SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

  static Map<String, Object> sarif(CheckRun.Result r, RuleCatalog catalog, String version) {
    List<Map<String, Object>> rules = new ArrayList<>();
    Map<String, Integer> index = new HashMap<>();
    for (RuleMetadata m : catalog.rules()) {
      index.put(m.id(), rules.size());
      Map<String, Object> rule = new LinkedHashMap<>();
      rule.put("id", m.id());
      rule.put("shortDescription", Map.of("text", m.summary()));
      rule.put("fullDescription", Map.of("text", m.rationale()));
      if (!m.docs().isEmpty()) {
        rule.put("helpUri", m.docs().get(0));
      }
      rule.put("defaultConfiguration", Map.of("level", level(m.severity())));
      rule.put("properties", ordered("category", m.category(), "needsFleet", m.needsFleet()));
      rules.add(rule);
    }
    List<Map<String, Object>> results = new ArrayList<>();
    for (Finding f : r.findings()) {
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("ruleId", f.rule());
      result.put("ruleIndex", index.get(f.rule()));
      result.put("level", level(f.severity()));
      result.put("message", Map.of("text", f.message() + " Fix: " + f.fix()));
      Map<String, Object> region = new LinkedHashMap<>();
      region.put("startLine", Math.max(1, f.line()));
      region.put("startColumn", Math.max(1, f.column()));
      Map<String, Object> physical = new LinkedHashMap<>();
      physical.put("artifactLocation", Map.of("uri", uri(f.file())));
      physical.put("region", region);
      Map<String, Object> location = new LinkedHashMap<>();
      location.put("physicalLocation", physical);
      if (f.object() != null) {
        String name =
            (f.namespace() == null ? "" : f.namespace() + "/")
                + f.objectDisplay()
                + (f.container() == null ? "" : "/" + f.container());
        location.put(
            "logicalLocations", List.of(ordered("fullyQualifiedName", name, "kind", "object")));
      }
      result.put("locations", List.of(location));
      Map<String, Object> props = new LinkedHashMap<>();
      props.put("object", f.objectDisplay());
      props.put("namespace", f.namespace());
      props.put("container", f.container());
      props.put("path", f.path().toPointer());
      props.put("fix", f.fix());
      props.put("evidence", f.evidence().label());
      result.put("properties", props);
      results.add(result);
    }
    Map<String, Object> driver = new LinkedHashMap<>();
    driver.put("name", "winfleet");
    driver.put("version", version);
    driver.put("rules", rules);
    Map<String, Object> run = new LinkedHashMap<>();
    run.put("tool", Map.of("driver", driver));
    run.put("results", results);
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("$schema", SARIF_SCHEMA);
    root.put("version", "2.1.0");
    root.put("runs", List.of(run));
    return root;
  }

  /**
   * Two keys in this order. ({@code Map.of} with two or more keys iterates in an order that changes
   * from one JVM to the next, and so did the SARIF output.)
   */
  private static Map<String, Object> ordered(String k1, Object v1, String k2, Object v2) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put(k1, v1);
    m.put(k2, v2);
    return m;
  }

  private static String level(Severity s) {
    return switch (s) {
      case ERROR -> "error";
      case WARNING -> "warning";
      case INFO -> "note";
    };
  }

  /** A relative URI reference for a file path as given (forward slashes, escaped). */
  static String uri(String file) {
    if (file == null) {
      return "cluster";
    }
    String path = file.replace('\\', '/');
    try {
      return new URI(null, null, path, null).toASCIIString();
    } catch (URISyntaxException e) {
      return path;
    }
  }
}
