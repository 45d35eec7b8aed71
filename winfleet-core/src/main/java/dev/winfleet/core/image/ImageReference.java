package dev.winfleet.core.image;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A container image reference, {@code [registry/]repository[:tag][@digest]}, normalised the way
 * Docker and containerd read it: no registry means {@code docker.io}, and a one-part Docker Hub
 * name lives under {@code library/} ({@code nginx} is {@code docker.io/library/nginx}).
 *
 * @param tag null when the reference has none (then {@link #effectiveTag()} is {@code latest}
 *     unless a digest pins it)
 * @param digest null when the reference has none, else {@code algorithm:hex}
 */
public record ImageReference(String registry, String repository, String tag, String digest) {

  public static final String DOCKER_HUB = "docker.io";

  private static final Pattern COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
  private static final Pattern DOMAIN =
      Pattern.compile(
          "(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*"
              + "(?::[0-9]{1,5})?|\\[[0-9a-fA-F:]+\\](?::[0-9]{1,5})?");
  private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
  private static final Pattern DIGEST =
      Pattern.compile("[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]{32,}");
  private static final int MAX_LENGTH = 4096;

  /**
   * The digest algorithms of the OCI image spec (descriptor.md, "Registered algorithms") and the
   * length of their lowercase hex encoding.
   */
  private static final java.util.Map<String, Integer> DIGEST_HEX_LENGTHS =
      java.util.Map.of("sha256", 64, "sha512", 128);

  public ImageReference {
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(repository, "repository");
  }

  /** The reference, or empty when the text is not one (see {@link #parse} for why). */
  public static java.util.Optional<ImageReference> tryParse(String text) {
    try {
      return java.util.Optional.of(parse(text));
    } catch (InvalidImageReferenceException e) {
      return java.util.Optional.empty();
    }
  }

  /**
   * Parses a reference as Kubernetes pod specs carry it.
   *
   * @throws InvalidImageReferenceException naming the part that is wrong
   */
  public static ImageReference parse(String text) {
    if (text == null || text.isBlank()) {
      throw new InvalidImageReferenceException(text, "it is empty");
    }
    String s = text.trim();
    if (s.length() > MAX_LENGTH) {
      throw new InvalidImageReferenceException(text, "it is longer than " + MAX_LENGTH + " chars");
    }
    String digest = null;
    int at = s.indexOf('@');
    if (at >= 0) {
      digest = s.substring(at + 1);
      s = s.substring(0, at);
      if (!DIGEST.matcher(digest).matches()) {
        throw new InvalidImageReferenceException(
            text,
            "the digest '" + digest + "' is not algorithm:hex such as sha256:<64 hex digits>");
      }
      String algorithm = digest.substring(0, digest.indexOf(':'));
      String hex = digest.substring(digest.indexOf(':') + 1);
      Integer length = DIGEST_HEX_LENGTHS.get(algorithm);
      if (length == null) {
        // Anything else cannot be verified, so an image named by it proves nothing.
        throw new InvalidImageReferenceException(
            text,
            "the digest algorithm '"
                + algorithm
                + "' is not supported: the OCI image spec registers sha256 and sha512 only");
      }
      if (hex.length() != length
          || !hex.chars().allMatch(c -> c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
        throw new InvalidImageReferenceException(
            text, "the " + algorithm + " digest must be " + length + " lowercase hex digits");
      }
    }
    String tag = null;
    int lastSlash = s.lastIndexOf('/');
    int colon = s.lastIndexOf(':');
    if (colon > lastSlash) {
      tag = s.substring(colon + 1);
      s = s.substring(0, colon);
      if (!TAG.matcher(tag).matches()) {
        throw new InvalidImageReferenceException(
            text,
            "the tag '"
                + tag
                + "' is not valid (letters, digits, '_', '.', '-'; up to 128; not starting with"
                + " '.' or '-')");
      }
    }
    String registry = DOCKER_HUB;
    String path = s;
    int firstSlash = s.indexOf('/');
    if (firstSlash > 0) {
      String first = s.substring(0, firstSlash);
      if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
        if (!DOMAIN.matcher(first).matches()) {
          throw new InvalidImageReferenceException(text, "the registry '" + first + "' is invalid");
        }
        registry = first.toLowerCase(Locale.ROOT);
        path = s.substring(firstSlash + 1);
      }
    }
    if (registry.equals("index.docker.io") || registry.equals("registry-1.docker.io")) {
      registry = DOCKER_HUB;
    }
    if (path.isEmpty()) {
      throw new InvalidImageReferenceException(text, "it has no repository name");
    }
    for (String component : path.split("/", -1)) {
      if (!COMPONENT.matcher(component).matches()) {
        throw new InvalidImageReferenceException(
            text,
            "the repository part '"
                + component
                + "' is not valid (lowercase letters, digits and single separators . _ -)");
      }
    }
    if (registry.equals(DOCKER_HUB) && !path.contains("/")) {
      path = "library/" + path;
    }
    return new ImageReference(registry, path, tag, digest);
  }

  /** {@code registry/repository}, e.g. {@code mcr.microsoft.com/windows/servercore}. */
  public String name() {
    return registry + "/" + repository;
  }

  /** The tag to pull: the given one, or {@code latest} when neither tag nor digest is given. */
  public String effectiveTag() {
    if (tag != null) {
      return tag;
    }
    return digest == null ? "latest" : null;
  }

  public boolean hasDigest() {
    return digest != null;
  }

  /** The same image at another tag, without digest. */
  public ImageReference withTag(String newTag) {
    return new ImageReference(registry, repository, newTag, null);
  }

  /** The canonical form: {@code docker.io/library/nginx:1.27}. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(name());
    if (tag != null) {
      sb.append(':').append(tag);
    }
    if (digest != null) {
      sb.append('@').append(digest);
    }
    return sb.toString();
  }
}
