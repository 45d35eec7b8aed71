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

  /** The request path it is served at. */
  public String path() {
    return "/" + label;
  }

  /** The endpoint served at {@code path}, or null. */
  public static Endpoint ofPath(String path) {
    for (Endpoint e : values()) {
      if (e.path().equals(path)) {
        return e;
      }
    }
    return null;
  }
}
