package dev.winfleet.server;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * A server key manager whose certificate can be swapped while the server runs. The TLS stack asks
 * it for the certificate on every handshake, so a swap takes effect on the next connection;
 * connections already open keep theirs.
 *
 * <p>Each certificate gets its own alias, and the previous one stays reachable, so a handshake that
 * chose an alias just before a swap still gets a matching chain and key.
 */
final class ReloadableKeyManager extends X509ExtendedKeyManager {

  private record Entry(String alias, X509Certificate[] chain, PrivateKey key) {}

  private volatile Entry current;
  private volatile Entry previous;
  private long generation;

  ReloadableKeyManager(ServingCertificate certificate) {
    update(certificate);
  }

  synchronized void update(ServingCertificate certificate) {
    generation++;
    previous = current;
    current =
        new Entry(
            "winfleet-" + generation,
            certificate.chain().toArray(X509Certificate[]::new),
            certificate.privateKey());
  }

  private String aliasFor(String keyType) {
    Entry e = current;
    String algorithm = e.key().getAlgorithm();
    if (keyType == null
        || keyType.equals(algorithm)
        || keyType.startsWith(algorithm + "_")
        || (algorithm.equals("RSA") && keyType.equals("RSASSA-PSS"))) {
      return e.alias();
    }
    return null;
  }

  private Entry entry(String alias) {
    Entry e = current;
    if (e.alias().equals(alias)) {
      return e;
    }
    Entry p = previous;
    return p != null && p.alias().equals(alias) ? p : null;
  }

  @Override
  public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
    return aliasFor(keyType);
  }

  @Override
  public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
    return aliasFor(keyType);
  }

  @Override
  public String[] getServerAliases(String keyType, Principal[] issuers) {
    String alias = aliasFor(keyType);
    return alias == null ? null : new String[] {alias};
  }

  @Override
  public X509Certificate[] getCertificateChain(String alias) {
    Entry e = entry(alias);
    return e == null ? null : e.chain().clone();
  }

  @Override
  public PrivateKey getPrivateKey(String alias) {
    Entry e = entry(alias);
    return e == null ? null : e.key();
  }

  @Override
  public String[] getClientAliases(String keyType, Principal[] issuers) {
    return null;
  }

  @Override
  public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
    return null;
  }
}
