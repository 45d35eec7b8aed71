package dev.winfleet.server.tls;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Objects;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.util.io.pem.PemGenerationException;

/** A certificate and its private key, as a TLS server needs them. */
public record IssuedCertificate(X509Certificate certificate, PrivateKey privateKey) {

  public IssuedCertificate {
    Objects.requireNonNull(certificate, "certificate");
    Objects.requireNonNull(privateKey, "privateKey");
  }

  /** The certificate as PEM ({@code tls.crt}). */
  public String certificatePem() {
    return Pem.write(certificate);
  }

  /** The private key as unencrypted PKCS#8 PEM ({@code tls.key}). */
  public String privateKeyPem() {
    try {
      return Pem.write(new JcaPKCS8Generator(privateKey, null).generate());
    } catch (PemGenerationException e) {
      throw new IllegalStateException("cannot write the private key as PKCS#8", e);
    }
  }
}
