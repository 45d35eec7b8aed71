package dev.winfleet.server;

import dev.winfleet.server.tls.CertificateAuthority;
import dev.winfleet.server.tls.IssuedCertificate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** A generated CA, serving certificates for localhost written to files, and clients trusting it. */
final class TlsFixture {

  final CertificateAuthority ca =
      CertificateAuthority.create("winfleet test CA", Instant.now(), Duration.ofDays(1));
  final Path certFile;
  final Path keyFile;

  TlsFixture(Path dir) {
    this.certFile = dir.resolve("tls.crt");
    this.keyFile = dir.resolve("tls.key");
    writeNewServingCertificate();
  }

  /** Issues a fresh serving certificate and swaps both files atomically; returns it. */
  IssuedCertificate writeNewServingCertificate() {
    IssuedCertificate cert =
        ca.issueServerCertificate(List.of("localhost"), Instant.now(), Duration.ofDays(1));
    write(certFile, cert.certificatePem());
    write(keyFile, cert.privateKeyPem());
    return cert;
  }

  static void write(Path file, String text) {
    try {
      Path tmp = Files.createTempFile(file.getParent(), "new", ".pem");
      Files.writeString(tmp, text, StandardCharsets.US_ASCII);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An SSL context that trusts only this fixture's CA. */
  SSLContext clientContext() {
    try {
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      trust.setCertificateEntry("ca", ca.certificate());
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, tmf.getTrustManagers(), null);
      return context;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  HttpClient client() {
    return HttpClient.newBuilder()
        .sslContext(clientContext())
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5))
        .build();
  }
}
