package dev.winfleet.core.observability;

/** Where an app's logs go, which decides what LogMonitor must forward to stdout. */
public enum AppLogProfile {
  /**
   * IIS (ASP.NET on .NET Framework, WCF, static sites): site logs in files, IIS events in ETW,
   * ASP.NET errors in the Application event log; nothing reaches stdout.
   */
  IIS("iis", "IIS"),
  /** A Windows service: it writes to the Event Log, never to a console. */
  WINDOWS_SERVICE("windowsService", "Windows service"),
  /** A program whose stdout is the container's: {@code kubectl logs} already shows it. */
  CONSOLE("console", "console app");

  private final String id;
  private final String label;

  AppLogProfile(String id, String label) {
    this.id = id;
    this.label = label;
  }

  /** The key in {@code logmonitor.yaml}. */
  public String id() {
    return id;
  }

  public String label() {
    return label;
  }

  /** Parses {@code iis}, {@code service} or {@code console} (the CLI's {@code --kind}). */
  public static java.util.Optional<AppLogProfile> parse(String text) {
    return switch (text.toLowerCase(java.util.Locale.ROOT)) {
      case "iis" -> java.util.Optional.of(IIS);
      case "service", "windows-service", "windowsservice" -> java.util.Optional.of(WINDOWS_SERVICE);
      case "console" -> java.util.Optional.of(CONSOLE);
      default -> java.util.Optional.empty();
    };
  }
}
