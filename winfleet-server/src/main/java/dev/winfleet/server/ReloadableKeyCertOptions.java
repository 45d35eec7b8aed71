package dev.winfleet.server;

import io.vertx.core.Vertx;
import io.vertx.core.net.KeyCertOptions;
import java.security.KeyStore;
import java.security.Provider;
import java.util.function.Function;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.KeyManagerFactorySpi;
import javax.net.ssl.ManagerFactoryParameters;

/**
 * Hands Vert.x a key manager factory whose one key manager is the {@link ReloadableKeyManager}, so
 * the server's certificate can be swapped without rebuilding its TLS context.
 */
final class ReloadableKeyCertOptions implements KeyCertOptions {

  private final ReloadableKeyManager keyManager;

  ReloadableKeyCertOptions(ReloadableKeyManager keyManager) {
    this.keyManager = keyManager;
  }

  @Override
  public KeyCertOptions copy() {
    return this; // shares the one key manager on purpose
  }

  @Override
  public KeyManagerFactory getKeyManagerFactory(Vertx vertx) {
    return new FixedKeyManagerFactory(keyManager);
  }

  @Override
  public Function<String, KeyManagerFactory> keyManagerFactoryMapper(Vertx vertx) {
    return serverName -> null; // no SNI: one certificate for every name
  }

  private static final class FixedKeyManagerFactory extends KeyManagerFactory {
    FixedKeyManagerFactory(KeyManager keyManager) {
      super(
          new Spi(keyManager),
          new Provider("winfleet", "1", "winfleet reloadable keys") {
            private static final long serialVersionUID = 1L;
          },
          "winfleet");
    }
  }

  private static final class Spi extends KeyManagerFactorySpi {
    private final KeyManager keyManager;

    Spi(KeyManager keyManager) {
      this.keyManager = keyManager;
    }

    @Override
    protected void engineInit(KeyStore ks, char[] password) {}

    @Override
    protected void engineInit(ManagerFactoryParameters spec) {}

    @Override
    protected KeyManager[] engineGetKeyManagers() {
      return new KeyManager[] {keyManager};
    }
  }
}
