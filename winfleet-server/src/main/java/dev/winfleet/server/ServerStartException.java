package dev.winfleet.server;

/** The server could not start; the message says why and what to do. */
public final class ServerStartException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public ServerStartException(String message, Throwable cause) {
    super(message, cause);
  }
}
