package dev.winfleet.registry.api;

import java.util.List;
import java.util.Optional;

/**
 * Where credentials for a registry come from: Docker's config.json, a Kubernetes {@code
 * .dockerconfigjson} secret ({@link DockerConfigCredentials}), or none.
 */
@FunctionalInterface
public interface CredentialSource {

  /**
   * The credential for a registry host as image references name it ({@code docker.io}, {@code
   * myregistry.azurecr.io}, {@code localhost:5000}).
   */
  Optional<RegistryCredential> find(String registry);

  static CredentialSource anonymous() {
    return registry -> Optional.empty();
  }

  /** The first source that has a credential for the registry wins (like imagePullSecrets). */
  static CredentialSource firstOf(List<CredentialSource> sources) {
    List<CredentialSource> copy = List.copyOf(sources);
    return registry -> {
      for (CredentialSource s : copy) {
        Optional<RegistryCredential> c = s.find(registry);
        if (c.isPresent()) {
          return c;
        }
      }
      return Optional.empty();
    };
  }
}
