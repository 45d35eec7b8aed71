package dev.winfleet.core.containerize;

import java.util.Objects;

/**
 * A base image chosen for an app and the reason, in words.
 *
 * @param repository e.g. {@code mcr.microsoft.com/dotnet/framework/aspnet}
 * @param tag e.g. {@code 4.8.1-windowsservercore-ltsc2022}
 * @param imageBuild the Windows build of the image ({@code 20348})
 * @param reason why this image and this tag
 */
public record ImageChoice(String repository, String tag, int imageBuild, String reason) {

  public ImageChoice {
    Objects.requireNonNull(repository, "repository");
    Objects.requireNonNull(tag, "tag");
    reason = reason == null ? "" : reason;
  }

  /** {@code repository:tag}. */
  public String reference() {
    return repository + ":" + tag;
  }
}
