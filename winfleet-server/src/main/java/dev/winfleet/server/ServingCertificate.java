package dev.winfleet.server;

import dev.winfleet.server.tls.InvalidTlsMaterialException;
import dev.winfleet.server.tls.Pem;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.PemKeyCertOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
  private final X509Certificate leaf;

  private ServingCertificate(byte[] certPem, byte[] keyPem, X509Certificate leaf) {
    this.certPem = certPem;
    this.keyPem = keyPem;
    this.leaf = leaf;
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
    Pem.requirePair(chain.get(0), Pem.privateKey(key, keySource), certSource, keySource);
    return new ServingCertificate(cert, key, chain.get(0));
  }

  /** True when the files hold exactly these bytes. */
  boolean sameContent(byte[] cert, byte[] key) {
    return Arrays.equals(certPem, cert) && Arrays.equals(keyPem, key);
  }

  X509Certificate leaf() {
    return leaf;
  }

  PemKeyCertOptions toOptions() {
    return new PemKeyCertOptions()
        .setCertValue(Buffer.buffer(certPem))
        .setKeyValue(Buffer.buffer(keyPem));
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
