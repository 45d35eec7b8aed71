package dev.winfleet.registry.api;

/** A registry call that failed; carries the structured {@link RegistryError}. */
public class RegistryException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient RegistryError error;

  public RegistryException(ErrorKind kind, String registry, String message) {
    this(kind, registry, message, null);
  }

  public RegistryException(ErrorKind kind, String registry, String message, Throwable cause) {
    super(message, cause);
    this.error = new RegistryError(kind, registry, message);
  }

  public RegistryError error() {
    return error;
  }

  public ErrorKind kind() {
    return error.kind();
  }
}
