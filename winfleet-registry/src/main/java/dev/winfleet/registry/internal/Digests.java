package dev.winfleet.registry.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/** Content digests ({@code algorithm:hex}) of manifests and blobs. */
public final class Digests {

  private Digests() {}

  public static String sha256(byte[] content) {
    return "sha256:" + hex("SHA-256", content);
  }

  /**
   * The digest of {@code content} in the algorithm of {@code expected}; empty for an algorithm
   * winfleet does not know (then the content cannot be verified).
   */
  public static Optional<String> digestLike(String expected, byte[] content) {
    String algorithm = expected.substring(0, Math.max(expected.indexOf(':'), 0));
    return switch (algorithm) {
      case "sha256" -> Optional.of("sha256:" + hex("SHA-256", content));
      case "sha512" -> Optional.of("sha512:" + hex("SHA-512", content));
      default -> Optional.empty();
    };
  }

  private static String hex(String algorithm, byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(algorithm + " is missing from this JVM", e);
    }
  }
}
