package dev.winfleet.core.containerize;

import java.time.YearMonth;
import java.util.Objects;
import java.util.Optional;

/**
 * What to containerize and for where.
 *
 * @param files the app folder's files
 * @param target the Windows build and tolerations to generate for
 * @param name the app's name (single-app folders only); default from the project
 * @param port the HTTP port of web apps (container and Service); empty for the image's own default
 *     (8080 for ASP.NET Core 8+, 80 for IIS and earlier ASP.NET Core)
 * @param pinMonth use the dated .NET Framework tags of this month's Patch Tuesday
 * @param image the image reference the Deployment runs; default {@code <name>:1.0.0-<os>}
 * @param outFromContext where the output lands, seen from the build context (the app folder):
 *     {@code winfleet-out}, or "." when written into the folder itself; used in the build
 *     instructions and to keep the output out of the build context
 * @param project only this project (a path of the folder), or the project file the user named
 */
public record ContainerizeRequest(
    ProjectFiles files,
    TargetPlatform target,
    Optional<String> name,
    Optional<Integer> port,
    Optional<YearMonth> pinMonth,
    Optional<String> image,
    String outFromContext,
    Optional<String> project) {

  public ContainerizeRequest {
    Objects.requireNonNull(files, "files");
    Objects.requireNonNull(target, "target");
    name = name == null ? Optional.empty() : name;
    pinMonth = pinMonth == null ? Optional.empty() : pinMonth;
    image = image == null ? Optional.empty() : image;
    port = port == null ? Optional.empty() : port;
    project = project == null ? Optional.empty() : project;
    port.ifPresent(
        p -> {
          if (p < 1 || p > 65535) {
            throw new IllegalArgumentException("port must be 1-65535, got " + p);
          }
        });
    name.ifPresent(
        n -> {
          if (!KubeNames.isLabel(n)) {
            throw new ContainerizeException(
                p ->
                    p.apply(ContainerizeException.Parameter.NAME)
                        + " '"
                        + n
                        + "' is not a valid Kubernetes name: use lowercase letters, digits and"
                        + " '-', at most 63, e.g. "
                        + KubeNames.label(n),
                true);
          }
        });
    outFromContext = outFromContext == null || outFromContext.isBlank() ? "." : outFromContext;
  }
}
