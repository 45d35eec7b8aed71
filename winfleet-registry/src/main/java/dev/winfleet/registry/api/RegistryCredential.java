package dev.winfleet.registry.api;

/**
 * Credentials for one registry: a user name and password, or an identity (refresh) token as {@code
 * docker login} stores for some registries, or a registry token used as-is as a bearer.
 */
public record RegistryCredential(
    String username, String password, String identityToken, String registryToken) {

  public RegistryCredential {
    boolean basic = username != null && password != null;
    if (!basic && identityToken == null && registryToken == null) {
      throw new IllegalArgumentException(
          "a registry credential needs a username and password, an identity token or a registry"
              + " token");
    }
  }

  public static RegistryCredential basic(String username, String password) {
    return new RegistryCredential(username, password, null, null);
  }

  public static RegistryCredential identityToken(String token) {
    return new RegistryCredential(null, null, token, null);
  }

  public static RegistryCredential registryToken(String token) {
    return new RegistryCredential(null, null, null, token);
  }

  public boolean hasPassword() {
    return username != null && password != null;
  }

  /** Never prints secrets. */
  @Override
  public String toString() {
    if (hasPassword()) {
      return "RegistryCredential[user=" + username + "]";
    }
    return identityToken != null
        ? "RegistryCredential[identity token]"
        : "RegistryCredential[registry token]";
  }
}
