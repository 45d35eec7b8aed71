package dev.winfleet.kube;

/**
 * Reading from a cluster failed; the message says what was tried and what to do about it, in one
 * line for the user.
 */
public final class KubeAccessException extends Exception {

  private static final long serialVersionUID = 1L;

  public KubeAccessException(String message, Throwable cause) {
    super(message, cause);
  }
}
