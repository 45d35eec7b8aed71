package dev.winfleet.core.containerize;

/**
 * The app was understood but cannot be containerized for the target as asked: no image of its
 * framework exists for the target's Windows build, or the fleet has no Windows node. The message
 * names the problem and the fix.
 */
public final class ContainerizeException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public ContainerizeException(String message) {
    super(message);
  }
}
