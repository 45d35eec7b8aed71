package dev.winfleet.core.catalog;

import java.util.Locale;

/** Microsoft's Windows base OS container images. */
public enum BaseImage {
  NANOSERVER("mcr.microsoft.com/windows/nanoserver"),
  SERVERCORE("mcr.microsoft.com/windows/servercore"),
  SERVER("mcr.microsoft.com/windows/server"),
  WINDOWS("mcr.microsoft.com/windows");

  private final String repository;

  BaseImage(String repository) {
    this.repository = repository;
  }

  /** The image repository on MCR, without a tag. */
  public String repository() {
    return repository;
  }

  /** The lowercase name used in the catalog and in JSON: {@code servercore}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
