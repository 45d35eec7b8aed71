package dev.winfleet.core.catalog;

import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A Kubernetes minor version such as {@code 1.29}; patch levels are not needed here. */
public record KubernetesVersion(int major, int minor) implements Comparable<KubernetesVersion> {

  private static final Pattern FORM = Pattern.compile("v?(\\d{1,3})\\.(\\d{1,3})(?:\\.\\d+)?.*");
  private static final Comparator<KubernetesVersion> ORDER =
      Comparator.comparingInt(KubernetesVersion::major).thenComparingInt(KubernetesVersion::minor);

  public KubernetesVersion {
    if (major < 0 || minor < 0) {
      throw new IllegalArgumentException("version parts are 0 or more");
    }
  }

  /**
   * Reads {@code 1.29}, {@code v1.29.3}, {@code v1.30.1+k3s1} or {@code v1.28.5-eks-5e0fdde}.
   *
   * @throws IllegalArgumentException naming the expected form
   */
  public static KubernetesVersion parse(String text) {
    return tryParse(text)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "'" + text + "' is not a Kubernetes version; expected a form such as 1.29"));
  }

  /** Like {@link #parse} but empty for text that is not a version (a kubelet version string). */
  public static Optional<KubernetesVersion> tryParse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    Matcher m = FORM.matcher(text.trim());
    if (!m.matches()) {
      return Optional.empty();
    }
    return Optional.of(
        new KubernetesVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))));
  }

  public boolean isBefore(KubernetesVersion other) {
    return compareTo(other) < 0;
  }

  public boolean isAfterOrEqual(KubernetesVersion other) {
    return compareTo(other) >= 0;
  }

  @Override
  public int compareTo(KubernetesVersion o) {
    return ORDER.compare(this, o);
  }

  @Override
  public String toString() {
    return major + "." + minor;
  }
}
