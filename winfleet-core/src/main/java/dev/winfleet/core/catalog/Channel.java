package dev.winfleet.core.catalog;

/** The servicing channel of a Windows release. */
public enum Channel {
  /** Long-Term Servicing Channel: Windows Server 2016, 2019, 2022, 2025. */
  LTSC,
  /** Semi-Annual Channel, retired: Windows Server 1709 to 20H2. */
  SAC,
  /** Annual Channel: Windows Server 23H2. */
  AC,
  /** A Windows 10 or 11 client release. */
  CLIENT;

  public String label() {
    return switch (this) {
      case LTSC -> "LTSC";
      case SAC -> "SAC";
      case AC -> "annual";
      case CLIENT -> "client";
    };
  }
}
