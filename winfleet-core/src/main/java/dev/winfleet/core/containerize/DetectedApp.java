package dev.winfleet.core.containerize;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One deployable app found in the folder, and why winfleet believes what it believes.
 *
 * @param name a Kubernetes-friendly name (DNS-1123 label)
 * @param source the project file, or the folder of published output / the static site ("" for the
 *     root)
 * @param runtime what it runs on
 * @param kind what kind of deployable it is
 * @param flavour a finer description for people: "ASP.NET MVC", "ASP.NET Web Forms"...
 * @param version the framework version: {@code 4.7.2}, {@code 3.5}, {@code 8.0}; "" for none
 * @param targetFramework as the project spells it: {@code net8.0}, {@code v4.7.2}; "" for none
 * @param windowsOnly a .NET app that needs Windows APIs beyond Nano Server (a {@code -windows}
 *     target framework)
 * @param prebuilt the folder holds published output: no build stage
 * @param assembly the program's file name without extension ({@code Shop.Web})
 * @param legacyProject an old-style (non SDK-style) project file: restored with nuget.exe
 * @param sdkVersion the .NET SDK major.minor asked for by global.json, if any
 * @param serviceName the Windows service name, for {@link AppKind#WINDOWS_SERVICE}
 * @param evidence what was seen, one line each
 * @param details how to build and run it, and what still blocks it
 */
public record DetectedApp(
    String name,
    String source,
    AppRuntime runtime,
    AppKind kind,
    String flavour,
    String version,
    String targetFramework,
    boolean windowsOnly,
    boolean prebuilt,
    String assembly,
    boolean legacyProject,
    Optional<String> sdkVersion,
    Optional<String> serviceName,
    List<String> evidence,
    AppDetails details) {

  public DetectedApp {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(runtime, "runtime");
    Objects.requireNonNull(kind, "kind");
    flavour = flavour == null ? kind.label() : flavour;
    version = version == null ? "" : version;
    targetFramework = targetFramework == null ? "" : targetFramework;
    assembly = assembly == null ? name : assembly;
    sdkVersion = sdkVersion == null ? Optional.empty() : sdkVersion;
    serviceName = serviceName == null ? Optional.empty() : serviceName;
    evidence = List.copyOf(evidence);
    details = details == null ? AppDetails.NONE : details;
  }

  /** A copy with another name. */
  public DetectedApp withName(String newName) {
    return new DetectedApp(
        newName,
        source,
        runtime,
        kind,
        flavour,
        version,
        targetFramework,
        windowsOnly,
        prebuilt,
        assembly,
        legacyProject,
        sdkVersion,
        serviceName,
        evidence,
        details);
  }

  /** A sentence for people: "ASP.NET MVC web app on .NET Framework 4.7.2". */
  public String describe() {
    if (runtime == AppRuntime.NONE) {
      return flavour;
    }
    return flavour + " on " + runtime.label() + " " + version + (prebuilt ? " (published)" : "");
  }
}
