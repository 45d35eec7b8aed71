package dev.winfleet.server.install;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What {@code winfleet install} was asked for.
 *
 * @param namespace where winfleet runs; left out of its own webhooks
 * @param image winfleet's container image
 * @param replicas webhook pods (3 by default: a validating webhook with {@code failurePolicy: Fail}
 *     must survive a node drain)
 * @param certManager TLS through cert-manager instead of a generated CA
 */
public record InstallOptions(String namespace, String image, int replicas, boolean certManager) {

  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

  public InstallOptions {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(image, "image");
    if (!DNS_LABEL.matcher(namespace).matches()) {
      throw new IllegalArgumentException(
          "namespace '" + namespace + "' is not a DNS label (lower-case letters, digits, '-')");
    }
    if (image.isBlank()) {
      throw new IllegalArgumentException("image must not be empty");
    }
    if (replicas < 1) {
      throw new IllegalArgumentException("replicas must be at least 1: " + replicas);
    }
  }
}
