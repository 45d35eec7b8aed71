package dev.winfleet.core.containerize;

import dev.winfleet.core.catalog.CatalogFiles;
import dev.winfleet.core.catalog.WindowsCatalog;
import dev.winfleet.core.catalog.WindowsRelease;
import dev.winfleet.core.compat.CompatibilityEngine;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Microsoft's .NET Framework, .NET and IIS images: which exist for which Windows build and how
 * their tags are spelled, read from {@code dotnet-images.yaml}. An image is chosen for a host by
 * the compatibility engine: the newest image build that process isolation runs on the host.
 */
public final class DotnetImageCatalog {

  static final String RESOURCE = "/dev/winfleet/core/containerize/dotnet-images.yaml";

  private final Data data;
  private final WindowsCatalog catalog;
  private final CompatibilityEngine engine;

  DotnetImageCatalog(Data data, CompatibilityEngine engine) {
    this.data = data;
    this.engine = engine;
    this.catalog = engine.catalog();
    validate();
  }

  /** The catalog bundled with winfleet, judged by the built-in compatibility engine. */
  public static DotnetImageCatalog builtIn() {
    return new DotnetImageCatalog(BuiltIn.DATA, CompatibilityEngine.builtIn());
  }

  private static final class BuiltIn {
    static final Data DATA = CatalogFiles.read(RESOURCE, Data.class);
  }

  private void validate() {
    for (FrameworkImages i : data.framework.images) {
      i.os.forEach(this::buildOf);
    }
    for (FrameworkImages i : data.framework.retired) {
      i.os.forEach(this::buildOf);
    }
    for (DotnetVersion v : data.dotnet.versions) {
      v.nanoserver.forEach(this::buildOf);
      v.windowsservercore.forEach(this::buildOf);
    }
    data.iis.os.forEach(this::buildOf);
  }

  /** The Windows build an OS token of a tag names ({@code 1809}, {@code ltsc2022}). */
  int buildOf(String osToken) {
    return catalog
        .findRelease(osToken)
        .map(WindowsRelease::build)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    RESOURCE + ": the OS token '" + osToken + "' names no release in the catalog"));
  }

  /** The OS token among these that the newest image runnable on the host has. */
  private Optional<String> bestFor(List<String> osTokens, int hostBuild) {
    return osTokens.stream()
        .filter(t -> engine.processBuildsCompatible(hostBuild, buildOf(t)))
        .max(Comparator.comparingInt(this::buildOf));
  }

  private String describeBuilds(List<String> osTokens) {
    return osTokens.stream()
        .map(t -> t + " (" + buildOf(t) + ")")
        .collect(Collectors.joining(", "));
  }

  /** The second Tuesday of the month: Microsoft's monthly servicing day ("Patch Tuesday"). */
  public static LocalDate patchTuesday(YearMonth month) {
    return month.atDay(1).with(TemporalAdjusters.dayOfWeekInMonth(2, DayOfWeek.TUESDAY));
  }

  // ------------------------------------------------------------------ .NET Framework

  /**
   * The .NET Framework image of a flavour for an app targeting {@code appVersion} on a host build.
   * Apps for 2.0-3.5 get a 4.8/4.8.1 image (3.5 is added by the Dockerfile, see {@link
   * #netfx3Install(int)}); apps for any 4.x get the 4.8 or 4.8.1 image of the host's build.
   *
   * @param pinMonth when present, the dated tag of that month's Patch Tuesday
   */
  public ImageChoice framework(
      ImageFlavour flavour, String appVersion, int hostBuild, Optional<YearMonth> pinMonth) {
    String repository = data.framework.repositories.get(flavour.key());
    if (repository == null) {
      throw new IllegalArgumentException("no .NET Framework " + flavour.key() + " repository");
    }
    FrameworkImages chosen = null;
    String os = null;
    for (FrameworkImages images : data.framework.images) {
      Optional<String> best = bestFor(images.os, hostBuild);
      if (best.isPresent() && (os == null || buildOf(best.get()) > buildOf(os))) {
        chosen = images;
        os = best.get();
      }
    }
    if (chosen == null) {
      String published =
          data.framework.images.stream()
              .map(i -> i.version + " on " + describeBuilds(i.os))
              .collect(Collectors.joining("; "));
      throw new ContainerizeException(
          p ->
              "no .NET Framework image runs on Windows build "
                  + hostBuild
                  + " with process isolation; Microsoft publishes them for "
                  + published
                  + ". Choose a target build that has one ("
                  + p.apply(ContainerizeException.Parameter.TARGET)
                  + ")",
          false);
    }
    String tag = frameworkTag(chosen.version, os, pinMonth);
    StringBuilder reason = new StringBuilder();
    if (appVersion.startsWith("4.")) {
      reason
          .append(".NET Framework ")
          .append(chosen.version)
          .append(" runs apps built for any 4.x");
      if (!appVersion.equals(chosen.version)) {
        reason.append(" (this one targets ").append(appVersion).append(")");
      }
    } else {
      reason
          .append("no supported image carries .NET Framework ")
          .append(appVersion)
          .append("; the Dockerfile adds 3.5 to the ")
          .append(chosen.version)
          .append(" image");
    }
    reason.append(
        String.format(
            "; %s is the image for Windows build %d, which process isolation runs on %d",
            os, buildOf(os), hostBuild));
    retiredNote(appVersion, os).ifPresent(n -> reason.append("; ").append(n));
    pinMonth.ifPresent(
        m ->
            reason
                .append("; pinned to the ")
                .append(m)
                .append(" Patch Tuesday release (")
                .append(patchTuesday(m))
                .append(")"));
    return new ImageChoice(repository, tag, buildOf(os), reason.toString());
  }

  private String frameworkTag(String version, String os, Optional<YearMonth> pinMonth) {
    String pattern = pinMonth.isPresent() ? data.framework.datedTag : data.framework.tag;
    return pattern
        .replace("{version}", version)
        .replace("{os}", os)
        .replace(
            "{date}",
            pinMonth.map(m -> patchTuesday(m).format(DateTimeFormatter.BASIC_ISO_DATE)).orElse(""));
  }

  private Optional<String> retiredNote(String appVersion, String os) {
    for (FrameworkImages r : data.framework.retired) {
      if (r.version.equals(appVersion) && r.os.contains(os)) {
        return Optional.of(
            "the tag "
                + appVersion
                + "-windowsservercore-"
                + os
                + " still exists but Microsoft stopped updating it after "
                + r.lastUpdated
                + ", so it lacks security fixes");
      }
    }
    return Optional.empty();
  }

  /** The command that adds .NET Framework 3.5 to a Windows Server Core image of this build. */
  public String netfx3Install(int imageBuild) {
    return data.framework.netfx3Install.stream()
        .filter(i -> i.minBuild <= imageBuild)
        .max(Comparator.comparingInt(i -> i.minBuild))
        .map(i -> i.run)
        .orElseThrow(() -> new IllegalStateException(RESOURCE + ": no netfx3Install entry"));
  }

  /** The command that makes IIS run ASP.NET 2.0-3.5 in the default app pool. */
  public String aspnet35Setup() {
    return data.framework.aspnet35Setup;
  }

  // ------------------------------------------------------------------ .NET 5+

  /** Nano Server or Windows Server Core. */
  public enum Variant {
    NANOSERVER("nanoserver"),
    WINDOWSSERVERCORE("windowsservercore");

    private final String key;

    Variant(String key) {
      this.key = key;
    }

    public String key() {
      return key;
    }
  }

  /** Whether winfleet knows images of this .NET version ({@code 8.0}). */
  public boolean knowsDotnet(String version) {
    return findDotnet(version).isPresent();
  }

  /** The .NET versions winfleet knows, newest first. */
  public List<String> dotnetVersions() {
    return data.dotnet.versions.stream().map(v -> v.version).toList();
  }

  private Optional<DotnetVersion> findDotnet(String version) {
    return data.dotnet.versions.stream().filter(v -> v.version.equals(version)).findFirst();
  }

  /** The environment variable that sets the HTTP port of ASP.NET Core images of a version. */
  public String portVariable(String version) {
    return findDotnet(version).map(v -> v.portVariable).orElse("ASPNETCORE_URLS");
  }

  /**
   * The HTTP port the ASP.NET Core image sets: 8080 since .NET 8 (ASPNETCORE_HTTP_PORTS), 80 before
   * (ASPNETCORE_URLS=http://+:80); see the sources in the data file.
   */
  public int imageDefaultPort(String version) {
    return portVariable(version).equals("ASPNETCORE_HTTP_PORTS") ? 8080 : 80;
  }

  /** Support facts for the report: "supported until 2026-11-10", "out of support since...". */
  public String supportNote(String version) {
    return findDotnet(version)
        .map(
            v ->
                switch (v.status) {
                  case "preview" -> ".NET " + v.version + " is a preview: not for production";
                  case "out-of-support" ->
                      ".NET "
                          + v.version
                          + " reached end of support on "
                          + v.endOfSupport
                          + "; its images get no more fixes: retarget to a supported version";
                  default -> ".NET " + v.version + " is supported until " + v.endOfSupport;
                })
        .orElse("");
  }

  /** Whether the version's support ended according to the data file. */
  public boolean outOfSupport(String version) {
    return findDotnet(version).map(v -> v.status.equals("out-of-support")).orElse(false);
  }

  /** The .NET image of a flavour, version and variant for a host build. */
  public ImageChoice dotnet(ImageFlavour flavour, String version, Variant variant, int hostBuild) {
    String repository = data.dotnet.repositories.get(flavour.key());
    if (repository == null) {
      throw new IllegalArgumentException("no .NET " + flavour.key() + " repository");
    }
    DotnetVersion v =
        findDotnet(version)
            .orElseThrow(
                () ->
                    new ContainerizeException(
                        "winfleet knows no Windows images of .NET "
                            + version
                            + "; it knows "
                            + String.join(", ", dotnetVersions())));
    List<String> tokens = variant == Variant.NANOSERVER ? v.nanoserver : v.windowsservercore;
    String os =
        bestFor(tokens, hostBuild)
            .orElseThrow(
                () ->
                    new ContainerizeException(
                        p ->
                            "no .NET "
                                + version
                                + " "
                                + variant.key()
                                + " image runs on Windows build "
                                + hostBuild
                                + " with process isolation; they exist for "
                                + describeBuilds(tokens)
                                + ". Retarget the app to a newer .NET or choose another target"
                                + " build ("
                                + p.apply(ContainerizeException.Parameter.TARGET)
                                + ")",
                        false));
    String tag =
        data.dotnet
            .tag
            .replace("{version}", v.tagVersion == null ? v.version : v.tagVersion)
            .replace("{variant}", variant.key())
            .replace("{os}", os);
    String reason =
        String.format(
            "%s is the image for Windows build %d, which process isolation runs on %d",
            os, buildOf(os), hostBuild);
    return new ImageChoice(repository, tag, buildOf(os), reason);
  }

  // ------------------------------------------------------------------ IIS

  /** The IIS image for a host build. */
  public ImageChoice iis(int hostBuild) {
    String os =
        bestFor(data.iis.os, hostBuild)
            .orElseThrow(
                () ->
                    new ContainerizeException(
                        "no IIS image runs on Windows build "
                            + hostBuild
                            + " with process isolation; it exists for "
                            + describeBuilds(data.iis.os)));
    return new ImageChoice(
        data.iis.repository,
        data.iis.tag.replace("{os}", os),
        buildOf(os),
        String.format(
            "%s is the image for Windows build %d, which process isolation runs on %d",
            os, buildOf(os), hostBuild));
  }

  /** Where the IIS and ASP.NET images keep ServiceMonitor.exe. */
  public String serviceMonitor() {
    return data.serviceMonitor;
  }

  public int wcfNetTcpPort() {
    return data.wcfNetTcpPort;
  }

  /** winfleet's starting resources for a Windows Server Core or Nano Server based container. */
  public Resources resources(boolean nanoserver) {
    return nanoserver ? data.deploymentDefaults.nanoserver : data.deploymentDefaults.servercore;
  }

  public Probe readinessProbe() {
    return data.deploymentDefaults.probes.get("readiness");
  }

  public Probe livenessProbe() {
    return data.deploymentDefaults.probes.get("liveness");
  }

  /** The startup probe of slow starters (IIS). */
  public Probe startupProbe() {
    return data.deploymentDefaults.probes.get("startup");
  }

  /** The liveness probe when a startup probe guards the first start. */
  public Probe livenessAfterStartup() {
    return data.deploymentDefaults.probes.get("livenessAfterStartup");
  }

  // ------------------------------------------------------------------ the data file

  static final class Data {
    public Framework framework;
    public Dotnet dotnet;
    public Iis iis;
    public String serviceMonitor;
    public int wcfNetTcpPort;
    public Defaults deploymentDefaults;
  }

  static final class Framework {
    public Map<String, String> repositories = new LinkedHashMap<>();
    public String tag;
    public String datedTag;
    public List<FrameworkImages> images = new ArrayList<>();
    public List<FrameworkImages> retired = new ArrayList<>();
    public List<Netfx3Install> netfx3Install = new ArrayList<>();
    public String aspnet35Setup;
  }

  static final class FrameworkImages {
    public String version;
    public List<String> os = new ArrayList<>();
    public LocalDate lastUpdated;
  }

  static final class Netfx3Install {
    public int minBuild;
    public String run;
  }

  static final class Dotnet {
    public Map<String, String> repositories = new LinkedHashMap<>();
    public String tag;
    public List<DotnetVersion> versions = new ArrayList<>();
  }

  static final class DotnetVersion {
    public String version;
    public String tagVersion;
    public LocalDate endOfSupport;
    public String status;
    public List<String> nanoserver = new ArrayList<>();
    public List<String> windowsservercore = new ArrayList<>();
    public String portVariable;
  }

  static final class Iis {
    public String repository;
    public String tag;
    public List<String> os = new ArrayList<>();
  }

  static final class Defaults {
    public Resources servercore;
    public Resources nanoserver;
    public Map<String, Probe> probes = new LinkedHashMap<>();
  }

  /** CPU request and limit, and memory (request equals limit). */
  public record Resources(String cpuRequest, String cpuLimit, String memory) {}

  /** Probe timings. */
  public record Probe(
      int initialDelaySeconds, int periodSeconds, int timeoutSeconds, int failureThreshold) {}
}
