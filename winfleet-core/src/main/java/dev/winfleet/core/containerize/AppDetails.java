package dev.winfleet.core.containerize;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What detection learnt beyond the app's kind: how to build it, how it runs, and what still blocks
 * it in a container.
 *
 * @param buildSolution the solution to build with MSBuild instead of the project alone (parts built
 *     into the app's folder, a web site's referenced projects); folder path
 * @param solution the solution that names the project (for restore and {@code $(SolutionDir)});
 *     empty when no solution names it
 * @param packagesRoot the folder whose {@code packages} folder the references' HintPaths point
 *     into: nuget.exe's -SolutionDirectory for a project no solution names; empty when unknown
 * @param parts projects built into this app's folder (OutputPath), not deployed on their own
 * @param restoreFiles files that restore needs, copied before the sources so that the restore layer
 *     is cached while only sources change
 * @param singleFile published as a single executable ({@code PublishSingleFile}): run the .exe
 * @param endpoints ports the program listens on itself (self-hosted WCF base addresses)
 * @param oneShot a program that does its work and ends: a Job, not a Deployment
 * @param waitsOnConsole the program waits for a key or line on the console to stop; without a
 *     console it stops at once
 * @param appDataDir the App_Data folder relative to the site root, when the app has one
 * @param appDataPersistent App_Data holds data the app keeps (files in the repository, a
 *     |DataDirectory| or AttachDbFilename connection string): a claim, not scratch space
 * @param webSite an ASP.NET Web Site project: no project file, compiled by ASP.NET at run time
 * @param selfHostedHttp an ASP.NET Core app on the .NET Framework: Kestrel in its own process, no
 *     IIS
 * @param windowsAuth evidence that the app uses Windows authentication
 * @param connectionStrings connection strings in the app's configuration
 * @param todo what the user must still do, in words
 * @param logs where the app writes logs other than standard output
 */
public record AppDetails(
    Optional<String> buildSolution,
    Optional<String> solution,
    Optional<String> packagesRoot,
    List<String> parts,
    List<String> restoreFiles,
    boolean singleFile,
    List<Endpoint> endpoints,
    boolean oneShot,
    Optional<String> waitsOnConsole,
    Optional<String> appDataDir,
    boolean appDataPersistent,
    boolean webSite,
    boolean selfHostedHttp,
    Optional<String> windowsAuth,
    List<ConnectionString> connectionStrings,
    List<Todo> todo,
    List<LogDestination> logs) {

  public static final AppDetails NONE =
      new AppDetails(
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          List.of(),
          List.of(),
          false,
          List.of(),
          false,
          Optional.empty(),
          Optional.empty(),
          false,
          false,
          false,
          Optional.empty(),
          List.of(),
          List.of(),
          List.of());

  public AppDetails {
    Objects.requireNonNull(buildSolution, "buildSolution");
    Objects.requireNonNull(solution, "solution");
    Objects.requireNonNull(packagesRoot, "packagesRoot");
    Objects.requireNonNull(waitsOnConsole, "waitsOnConsole");
    Objects.requireNonNull(appDataDir, "appDataDir");
    Objects.requireNonNull(windowsAuth, "windowsAuth");
    parts = List.copyOf(parts);
    restoreFiles = List.copyOf(restoreFiles);
    endpoints = List.copyOf(endpoints);
    connectionStrings = List.copyOf(connectionStrings);
    todo = List.copyOf(todo);
    logs = List.copyOf(logs);
  }

  /**
   * A port the program opens itself.
   *
   * @param scheme http, https or net.tcp
   * @param port the TCP port
   * @param source where it was read, e.g. {@code App.config: baseAddress http://localhost:80/x}
   */
  public record Endpoint(String scheme, int port, String source) {

    /** A port name for Kubernetes (at most 15 characters, lowercase, '-'). */
    public String portName() {
      String s = scheme.replace('.', '-').toLowerCase(java.util.Locale.ROOT);
      return (s + "-" + port).length() <= 15 ? s + "-" + port : "p-" + port;
    }
  }

  /**
   * A connection string of the app's configuration.
   *
   * @param name its name ({@code DefaultConnection})
   * @param source the file
   * @param envVar the environment variable that overrides it in the container
   * @param problems why the value cannot work in a container as written (LocalDB, Integrated
   *     Security...); empty when nothing is known to be wrong
   */
  public record ConnectionString(String name, String source, String envVar, List<String> problems) {
    public ConnectionString {
      problems = List.copyOf(problems);
    }
  }

  /**
   * Something that stops the app from working in a container until someone acts.
   *
   * @param topic a short heading: "connection strings", "Windows authentication"...
   * @param finding what was seen, with the file
   * @param action what to do
   */
  public record Todo(String topic, String finding, String action) {}

  /**
   * A place the app writes logs that {@code kubectl logs} does not show.
   *
   * @param kind {@code eventlog}, {@code file}, {@code iis}, {@code etw}
   * @param where the log name, file path or provider as configured
   * @param source where it was configured
   */
  public record LogDestination(String kind, String where, String source) {}
}
