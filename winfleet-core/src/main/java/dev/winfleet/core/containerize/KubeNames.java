package dev.winfleet.core.containerize;

import java.util.Locale;

/** Kubernetes object names from app names. */
public final class KubeNames {

  private KubeNames() {}

  /**
   * A DNS-1123 label (lowercase letters, digits and '-', at most 63, starting and ending with an
   * alphanumeric) made from any name: {@code Shop.Web} becomes {@code shop-web}.
   */
  public static String label(String name) {
    String s = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    s = s.replaceAll("^-+", "").replaceAll("-+$", "");
    if (s.length() > 63) {
      s = s.substring(0, 63).replaceAll("-+$", "");
    }
    return s.isEmpty() ? "app" : s;
  }

  /** Whether the text is a valid DNS-1123 label. */
  public static boolean isLabel(String name) {
    return name != null && name.length() <= 63 && name.matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  }
}
