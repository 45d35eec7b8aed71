package dev.winfleet.server.tls;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Objects;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;

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
    return Pem.write(PrivateKeyInfo.getInstance(privateKey.getEncoded()));
  }
}
