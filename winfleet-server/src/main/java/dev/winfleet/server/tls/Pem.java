package dev.winfleet.server.tls;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

/** Reads and writes PEM certificates and private keys, and checks that they belong together. */
public final class Pem {

  private Pem() {}

  /** The certificates in a PEM text, in order. */
  public static List<X509Certificate> certificates(byte[] pem, String source)
      throws InvalidTlsMaterialException {
    try {
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      Collection<? extends java.security.cert.Certificate> certs =
          factory.generateCertificates(new java.io.ByteArrayInputStream(pem));
      List<X509Certificate> result = new ArrayList<>();
      for (java.security.cert.Certificate c : certs) {
        result.add((X509Certificate) c);
      }
      if (result.isEmpty()) {
        throw new InvalidTlsMaterialException(source + " holds no PEM certificate");
      }
      return result;
    } catch (CertificateException e) {
      throw new InvalidTlsMaterialException(
          source + " is not a PEM certificate (" + e.getMessage() + ")", e);
    }
  }

  /** The private key in a PEM text: PKCS#8, PKCS#1 RSA or SEC1 EC. */
  public static PrivateKey privateKey(byte[] pem, String source)
      throws InvalidTlsMaterialException {
    try (PEMParser parser =
        new PEMParser(new StringReader(new String(pem, StandardCharsets.US_ASCII)))) {
      Object item;
      while ((item = parser.readObject()) != null) {
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        if (item instanceof PrivateKeyInfo info) {
          return converter.getPrivateKey(info);
        }
        if (item instanceof PEMKeyPair pair) {
          return converter.getPrivateKey(pair.getPrivateKeyInfo());
        }
      }
    } catch (IOException | RuntimeException e) {
      throw new InvalidTlsMaterialException(
          source + " is not a PEM private key (" + e.getMessage() + ")", e);
    }
    throw new InvalidTlsMaterialException(
        source + " holds no unencrypted PEM private key (PKCS#8, PKCS#1 RSA or SEC1 EC)");
  }

  /**
   * Checks that {@code key} is the private key of the certificate's public key, by signing and
   * verifying a random challenge.
   */
  public static void requirePair(
      X509Certificate cert, PrivateKey key, String certSource, String keySource)
      throws InvalidTlsMaterialException {
    PublicKey publicKey = cert.getPublicKey();
    if (!publicKey.getAlgorithm().equals(key.getAlgorithm())) {
      throw new InvalidTlsMaterialException(
          keySource
              + " ("
              + key.getAlgorithm()
              + ") does not belong to the certificate in "
              + certSource
              + " ("
              + publicKey.getAlgorithm()
              + ")");
    }
    String algorithm =
        switch (key.getAlgorithm()) {
          case "RSA" -> "SHA256withRSA";
          case "EC" -> "SHA256withECDSA";
          case "Ed25519", "EdDSA" -> "Ed25519";
          default -> null;
        };
    if (algorithm == null) {
      return; // an algorithm we cannot test: the TLS handshake will tell
    }
    try {
      byte[] challenge = new byte[32];
      new SecureRandom().nextBytes(challenge);
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(challenge);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(publicKey);
      verifier.update(challenge);
      if (!verifier.verify(signature)) {
        throw new InvalidTlsMaterialException(
            keySource
                + " does not belong to the certificate in "
                + certSource
                + ": use the key the certificate was issued for");
      }
    } catch (GeneralSecurityException e) {
      throw new InvalidTlsMaterialException(
          "cannot check that " + keySource + " belongs to " + certSource + ": " + e.getMessage(),
          e);
    }
  }

  /** Objects (certificates, keys) as PEM text. */
  public static String write(Object... objects) {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      for (Object o : objects) {
        writer.writeObject(o);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }
}
