package dev.winfleet.core.containerize;

/** What kind of deployable an app is; decides the image flavour, the entry point and probes. */
public enum AppKind {
  /** ASP.NET (MVC, Web Forms, Web API) on .NET Framework under IIS, or ASP.NET Core. */
  WEB("web app"),
  /** A WCF service hosted in IIS. */
  WCF("WCF service"),
  /** A program that runs in the foreground. */
  CONSOLE("console app"),
  /** A .NET worker service (Microsoft.Extensions.Hosting). */
  WORKER("worker service"),
  /** A .NET Framework Windows service (System.ServiceProcess.ServiceBase). */
  WINDOWS_SERVICE("Windows service"),
  /** HTML and assets served by IIS. */
  STATIC_SITE("static site");

  private final String label;

  AppKind(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /** True when the app answers HTTP: it gets a Service, a port and HTTP probes. */
  public boolean servesHttp() {
    return this == WEB || this == WCF || this == STATIC_SITE;
  }
}
