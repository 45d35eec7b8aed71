package dev.winfleet.server;

/** The two admission endpoints. */
public enum Endpoint {
  MUTATE("mutate"),
  VALIDATE("validate");

  private final String label;

  Endpoint(String label) {
    this.label = label;
  }

  /** The name in URLs and metric labels. */
  public String label() {
    return label;
  }
}
