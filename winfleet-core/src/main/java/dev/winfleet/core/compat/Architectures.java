package dev.winfleet.core.compat;

import java.util.Locale;

/** Normalises CPU architecture names to the OCI/Go spelling ({@code amd64}, {@code arm64}). */
public final class Architectures {

  private Architectures() {}

  public static String normalize(String arch) {
    if (arch == null || arch.isBlank()) {
      return "amd64";
    }
    String a = arch.trim().toLowerCase(Locale.ROOT);
    return switch (a) {
      case "x86_64", "x86-64", "x64", "amd64" -> "amd64";
      case "aarch64", "arm64" -> "arm64";
      case "i386", "i686", "x86", "386" -> "386";
      default -> a;
    };
  }
}
