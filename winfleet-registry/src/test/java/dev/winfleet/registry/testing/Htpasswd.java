package dev.winfleet.registry.testing;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/** htpasswd lines in the bcrypt form Distribution accepts. */
public final class Htpasswd {

  private Htpasswd() {}

  public static String line(String user, String password) {
    byte[] salt = new byte[16];
    new SecureRandom().nextBytes(salt);
    return user + ":" + OpenBSDBCrypt.generate("2a", password.toCharArray(), salt, 6);
  }

  public static String basicHeader(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }
}
