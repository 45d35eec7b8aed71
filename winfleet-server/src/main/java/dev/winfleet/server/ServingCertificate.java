package dev.winfleet.server;

import dev.winfleet.server.tls.InvalidTlsMaterialException;
import dev.winfleet.server.tls.Pem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;

/**
 * The serving certificate and key as read from their files, checked to belong together. Compared by
 * content, so that the reloader swaps only when the files really changed.
 */
final class ServingCertificate {

  private final byte[] certPem;
  private final byte[] keyPem;
  private final List<X509Certificate> chain;
  private final PrivateKey privateKey;

  private ServingCertificate(
      byte[] certPem, byte[] keyPem, List<X509Certificate> chain, PrivateKey privateKey) {
    this.certPem = certPem;
    this.keyPem = keyPem;
    this.chain = List.copyOf(chain);
    this.privateKey = privateKey;
  }

  /** Reads both files; fails with a message naming the file and the problem. */
  static ServingCertificate read(Path certFile, Path keyFile) throws InvalidTlsMaterialException {
    byte[] cert = readFile(certFile, "--tls-cert");
    byte[] key = readFile(keyFile, "--tls-key");
    return of(cert, key, "--tls-cert " + certFile, "--tls-key " + keyFile);
  }

  static ServingCertificate of(byte[] cert, byte[] key, String certSource, String keySource)
      throws InvalidTlsMaterialException {
    List<X509Certificate> chain = Pem.certificates(cert, certSource);
    PrivateKey privateKey = Pem.privateKey(key, keySource);
    Pem.requirePair(chain.get(0), privateKey, certSource, keySource);
    return new ServingCertificate(cert, key, chain, privateKey);
  }

  /** True when the files hold exactly these bytes. */
  boolean sameContent(byte[] cert, byte[] key) {
    return Arrays.equals(certPem, cert) && Arrays.equals(keyPem, key);
  }

  X509Certificate leaf() {
    return chain.get(0);
  }

  List<X509Certificate> chain() {
    return chain;
  }

  PrivateKey privateKey() {
    return privateKey;
  }

  static byte[] readFile(Path file, String flag) throws InvalidTlsMaterialException {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new InvalidTlsMaterialException(
          "cannot read "
              + flag
              + " "
              + file
              + ": "
              + e.getClass().getSimpleName()
              + (e.getMessage() == null ? "" : " " + e.getMessage()),
          e);
    }
  }
}
