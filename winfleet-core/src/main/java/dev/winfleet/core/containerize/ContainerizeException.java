package dev.winfleet.core.containerize;

/**
 * The app was understood but cannot be containerized as asked. The message names the problem and
 * the fix. {@link #usage()} tells a wrong request (options, an unusable fleet file) from a "no" (no
 * image of the app's framework runs on the target build).
 */
public final class ContainerizeException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final boolean usage;

  public ContainerizeException(String message) {
    this(message, false);
  }

  public ContainerizeException(String message, boolean usage) {
    super(message);
    this.usage = usage;
  }

  /** True when the request itself is wrong (bad options or input), not the app/target pair. */
  public boolean usage() {
    return usage;
  }
}
