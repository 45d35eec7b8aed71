package dev.winfleet.core.catalog;

/** Whether a Windows release is a server or a client (desktop) edition. */
public enum Edition {
  SERVER,
  CLIENT;

  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
