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
 * @param port the HTTP port of web apps (container and Service)
 * @param pinMonth use the dated .NET Framework tags of this month's Patch Tuesday
 * @param image the image reference the Deployment runs; default {@code <name>:1.0.0-<os>}
 * @param outFromContext where the output lands, seen from the build context (the app folder):
 *     {@code winfleet-out}, or "." when written into the folder itself; used in the build
 *     instructions and to keep the output out of the build context
 */
public record ContainerizeRequest(
    ProjectFiles files,
    TargetPlatform target,
    Optional<String> name,
    int port,
    Optional<YearMonth> pinMonth,
    Optional<String> image,
    String outFromContext) {

  public ContainerizeRequest {
    Objects.requireNonNull(files, "files");
    Objects.requireNonNull(target, "target");
    name = name == null ? Optional.empty() : name;
    pinMonth = pinMonth == null ? Optional.empty() : pinMonth;
    image = image == null ? Optional.empty() : image;
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port must be 1-65535, got " + port);
    }
    name.ifPresent(
        n -> {
          if (!KubeNames.isLabel(n)) {
            throw new IllegalArgumentException(
                "--name '"
                    + n
                    + "' is not a valid Kubernetes name: use lowercase letters, digits and '-',"
                    + " at most 63, e.g. "
                    + KubeNames.label(n));
          }
        });
    outFromContext = outFromContext == null || outFromContext.isBlank() ? "." : outFromContext;
  }
}
