package dev.winfleet.core.containerize;

import dev.winfleet.core.observability.AppLogProfile;

/** Where a detected app's logs go, for LogMonitor. */
public final class AppLogProfiles {

  private AppLogProfiles() {}

  /**
   * IIS-hosted kinds on .NET Framework (and static sites) log to IIS's files, ETW and the Event
   * Log; Windows services to the Event Log; everything else writes to stdout, ASP.NET Core included
   * (its console logger is on by default), and so does ASP.NET Core on the .NET Framework, which
   * runs on Kestrel rather than IIS ({@code selfHosted}).
   */
  public static AppLogProfile of(AppKind kind, AppRuntime runtime, boolean selfHosted) {
    return switch (kind) {
      case WINDOWS_SERVICE -> AppLogProfile.WINDOWS_SERVICE;
      case STATIC_SITE -> AppLogProfile.IIS;
      case WEB, WCF ->
          runtime == AppRuntime.DOTNET || selfHosted ? AppLogProfile.CONSOLE : AppLogProfile.IIS;
      case CONSOLE, WORKER -> AppLogProfile.CONSOLE;
    };
  }
}
