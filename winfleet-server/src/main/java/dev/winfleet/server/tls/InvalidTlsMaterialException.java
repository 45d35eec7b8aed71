package dev.winfleet.server.tls;

/** A certificate or key file that cannot serve TLS; the message says which file and why. */
public class InvalidTlsMaterialException extends Exception {

  private static final long serialVersionUID = 1L;

  public InvalidTlsMaterialException(String message) {
    super(message);
  }

  public InvalidTlsMaterialException(String message, Throwable cause) {
    super(message, cause);
  }
}
