package dev.winfleet.core.containerize;

/** What an app runs on. */
public enum AppRuntime {
  /** .NET Framework 2.0 to 4.8.1: Windows Server Core images only. */
  FRAMEWORK,
  /** .NET 5 and later (.NET Core's successor): Nano Server or Windows Server Core. */
  DOTNET,
  /** No .NET at all: files served by IIS. */
  NONE;

  public String label() {
    return switch (this) {
      case FRAMEWORK -> ".NET Framework";
      case DOTNET -> ".NET";
      case NONE -> "none";
    };
  }
}
