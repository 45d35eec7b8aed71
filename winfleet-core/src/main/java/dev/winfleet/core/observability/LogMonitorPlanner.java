package dev.winfleet.core.observability;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.winfleet.core.catalog.CatalogFiles;
import dev.winfleet.core.image.ImageReference;
import java.util.ArrayList;
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
 * Chooses the LogMonitorConfig.json for an app and puts LogMonitor in front of its entry point, so
 * that what an IIS site or a Windows service logs reaches {@code kubectl logs}. Pure: the app's
 * kind and entry point in, a {@link LogMonitorSetup} out. The knowledge (sources per kind, the
 * LogMonitor release) is {@code logmonitor.yaml}.
 */
public final class LogMonitorPlanner {

  static final String RESOURCE = "/dev/winfleet/core/observability/logmonitor.yaml";
  static final String CONFIG_FILE = "LogMonitorConfig.json";
  private static final String EXE = "LogMonitor.exe";

  /** {@code EventLog.CreateEventSource("source", "LogName")}: the service writes to LogName. */
  private static final Pattern CREATE_EVENT_SOURCE =
      Pattern.compile("CreateEventSource\\s*\\(\\s*\"([^\"]+)\"\\s*,\\s*\"([^\"]+)\"");

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DefaultPrettyPrinter PRETTY =
      new DefaultPrettyPrinter()
          .withSeparators(
              Separators.createDefaultInstance()
                  .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
          .withArrayIndenter(new DefaultIndenter("  ", "\n"))
          .withObjectIndenter(new DefaultIndenter("  ", "\n"));

  private final File file;

  private LogMonitorPlanner(File file) {
    this.file = file;
  }

  public static LogMonitorPlanner builtIn() {
    return BuiltIn.PLANNER;
  }

  private static final class BuiltIn {
    static final LogMonitorPlanner PLANNER =
        new LogMonitorPlanner(CatalogFiles.read(RESOURCE, File.class));
  }

  static final class File {
    public Install logMonitor;
    public IisImages iisImages;
    public Map<String, Profile> profiles;
  }

  static final class IisImages {
    public List<String> entrypoint;
    public List<String> repositories;
  }

  static final class Install {
    public String version;
    public String download;
    public String directory;
    public String logFormat;
  }

  static final class Profile {
    public List<Map<String, Object>> sources;
  }

  /** The LogMonitor release winfleet installs ({@code v2.1.3}). */
  public String version() {
    return file.logMonitor.version;
  }

  /** Where LogMonitor.exe comes from. */
  public String downloadUrl() {
    return file.logMonitor.download.replace("{version}", file.logMonitor.version);
  }

  /** {@code C:\LogMonitor\LogMonitor.exe}. */
  public String executable() {
    return file.logMonitor.directory + "\\" + EXE;
  }

  /**
   * What a Dockerfile's app is, from facts only: ServiceMonitor running w3svc (or an IIS base image
   * without an entry point of its own) is IIS; a registered Windows service or ServiceMonitor on
   * another service is a Windows service; anything else is taken as a console app.
   *
   * @param profile where the app logs
   * @param entrypoint the entry point LogMonitor goes in front of
   * @param reason why, for people
   */
  public record Classified(AppLogProfile profile, List<String> entrypoint, String reason) {
    public Classified {
      entrypoint = List.copyOf(entrypoint);
    }
  }

  public Classified classify(DockerfileFacts facts) {
    List<String> ep = facts.entrypoint();
    Optional<String> monitored = serviceMonitored(ep);
    if (monitored.isPresent() && monitored.get().equalsIgnoreCase("w3svc")) {
      return new Classified(
          AppLogProfile.IIS, ep, "the entry point runs IIS (ServiceMonitor w3svc)");
    }
    if (ep.isEmpty() && isIisImage(facts.baseImage())) {
      return new Classified(
          AppLogProfile.IIS,
          file.iisImages.entrypoint,
          facts.baseImage() + " runs IIS under ServiceMonitor (its own entry point)");
    }
    if (monitored.isPresent()) {
      return new Classified(
          AppLogProfile.WINDOWS_SERVICE,
          ep,
          "the entry point runs the Windows service " + monitored.get() + " under ServiceMonitor");
    }
    if (facts.service().isPresent()) {
      String name = facts.service().get();
      return new Classified(
          AppLogProfile.WINDOWS_SERVICE,
          ep,
          "the Dockerfile registers the Windows service" + (name.isEmpty() ? "" : " " + name));
    }
    return new Classified(
        AppLogProfile.CONSOLE,
        ep,
        "no IIS and no Windows service in the Dockerfile: its entry point's stdout is the log");
  }

  /** The service {@code ServiceMonitor.exe NAME} watches, if the command runs ServiceMonitor. */
  public static Optional<String> serviceMonitored(List<String> command) {
    for (int i = 0; i < command.size(); i++) {
      String word = command.get(i);
      String lower = word.toLowerCase(Locale.ROOT);
      int at = lower.indexOf("servicemonitor.exe");
      if (at < 0) {
        continue;
      }
      String after = word.substring(at + "servicemonitor.exe".length()).trim();
      if (!after.isEmpty()) {
        String first = after.split("\\s+")[0].replace("\"", "").replace(";", "");
        return Optional.of(first);
      }
      if (i + 1 < command.size()) {
        return Optional.of(command.get(i + 1).split("\\s+")[0].replace(";", ""));
      }
    }
    return Optional.empty();
  }

  /** True for the Microsoft images whose own entry point runs IIS under ServiceMonitor. */
  public boolean isIisImage(String image) {
    return ImageReference.tryParse(image)
        .map(r -> file.iisImages.repositories.contains(r.name().toLowerCase(Locale.ROOT)))
        .orElse(false);
  }

  /**
   * The setup for an app.
   *
   * @param profile where the app logs
   * @param entrypoint its entry point in exec form (for IIS: ServiceMonitor.exe w3svc)
   * @param configInContext where the generated LogMonitorConfig.json sits in the build context
   *     ({@code winfleet-out/LogMonitorConfig.json})
   * @param customEventLogs Event Log channels of the app's own, beyond Application (from {@link
   *     #customEventLogs})
   */
  public LogMonitorSetup plan(
      AppLogProfile profile,
      List<String> entrypoint,
      String configInContext,
      List<String> customEventLogs) {
    List<String> reasons = new ArrayList<>();
    if (!entrypoint.isEmpty() && isLogMonitor(entrypoint.get(0))) {
      reasons.add("the entry point already starts LogMonitor: nothing to add");
      return new LogMonitorSetup(profile, Optional.empty(), List.of(), entrypoint, reasons);
    }
    List<Map<String, Object>> sources = new ArrayList<>();
    Profile known = file.profiles.get(profile.id());
    if (known != null) {
      for (Map<String, Object> source : known.sources) {
        sources.add(new LinkedHashMap<>(source));
      }
    }
    Set<String> custom = new LinkedHashSet<>();
    for (String log : customEventLogs) {
      if (!log.equalsIgnoreCase("Application")) {
        custom.add(log);
      }
    }
    if (!custom.isEmpty()) {
      addChannels(sources, custom);
    }
    if (sources.isEmpty()) {
      reasons.add(
          "a "
              + profile.label()
              + " writes to stdout, which kubectl logs shows already: no LogMonitor");
      return new LogMonitorSetup(profile, Optional.empty(), List.of(), entrypoint, reasons);
    }
    for (Map<String, Object> source : sources) {
      Object why = source.remove("why");
      if (why != null) {
        reasons.add(source.get("type") + ": " + why);
      }
    }
    String config = configJson(sources);
    List<String> install =
        List.of(
            "# LogMonitor sends what LogMonitorConfig.json lists (Event Log, ETW, log files) to stdout.",
            "ADD " + downloadUrl() + " " + executable(),
            "COPY " + configInContext + " " + file.logMonitor.directory + "\\" + CONFIG_FILE);
    List<String> wrapped = new ArrayList<>();
    wrapped.add(executable());
    wrapped.addAll(entrypoint);
    reasons.add(
        "LogMonitor "
            + version()
            + " runs the entry point as its child and passes its stdout through");
    return new LogMonitorSetup(profile, Optional.of(config), install, wrapped, reasons);
  }

  private static void addChannels(List<Map<String, Object>> sources, Set<String> logs) {
    Map<String, Object> eventLog = null;
    for (Map<String, Object> source : sources) {
      if ("EventLog".equals(source.get("type"))) {
        eventLog = source;
      }
    }
    if (eventLog == null) {
      eventLog = new LinkedHashMap<>();
      eventLog.put("type", "EventLog");
      eventLog.put("startAtOldestRecord", true);
      eventLog.put("eventFormatMultiLine", false);
      eventLog.put("channels", new ArrayList<>());
      sources.add(eventLog);
    }
    @SuppressWarnings("unchecked")
    List<Object> channels = new ArrayList<>((List<Object>) eventLog.get("channels"));
    for (String log : logs) {
      Map<String, Object> channel = new LinkedHashMap<>();
      channel.put("name", log);
      channel.put("level", "Information");
      channels.add(channel);
    }
    eventLog.put("channels", channels);
    String why = (String) eventLog.get("why");
    String added = "the app creates its own event log " + String.join(", ", logs);
    eventLog.put("why", why == null ? added : why + "; " + added);
  }

  private String configJson(List<Map<String, Object>> sources) {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode logConfig = root.putObject("LogConfig");
    logConfig.put("logFormat", file.logMonitor.logFormat);
    ArrayNode array = logConfig.putArray("sources");
    for (Map<String, Object> source : sources) {
      array.add(JSON.valueToTree(source));
    }
    try {
      return JSON.writer(PRETTY).writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a LogMonitor config", e);
    }
  }

  /**
   * The Event Log channels an app's own code creates ({@code EventLog.CreateEventSource("src",
   * "MyLog")}), read from its C# and VB sources.
   */
  public static List<String> customEventLogs(Map<String, String> sourceFiles) {
    Set<String> logs = new LinkedHashSet<>();
    for (Map.Entry<String, String> e : sourceFiles.entrySet()) {
      String name = e.getKey().toLowerCase(Locale.ROOT);
      if (!name.endsWith(".cs") && !name.endsWith(".vb")) {
        continue;
      }
      Matcher m = CREATE_EVENT_SOURCE.matcher(e.getValue());
      while (m.find()) {
        logs.add(m.group(2));
      }
    }
    return List.copyOf(logs);
  }

  /** True for {@code C:\LogMonitor\LogMonitor.exe}, {@code LogMonitor.exe} and the like. */
  public static boolean isLogMonitor(String program) {
    String p = program.replace('/', '\\').toLowerCase(Locale.ROOT);
    return p.equals("logmonitor.exe") || p.endsWith("\\logmonitor.exe") || p.equals("logmonitor");
  }

  static String jsonArray(List<String> items) {
    List<String> quoted = new ArrayList<>();
    for (String item : items) {
      try {
        quoted.add(JSON.writeValueAsString(item));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    }
    return "[" + String.join(", ", quoted) + "]";
  }
}
