package dev.winfleet.core.image;

/** An image reference that does not follow the distribution reference grammar. */
public final class InvalidImageReferenceException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final String input;

  InvalidImageReferenceException(String input, String problem) {
    super(
        "'"
            + input
            + "' is not a valid image reference: "
            + problem
            + "; expected [registry/]repository[:tag][@sha256:digest], such as"
            + " mcr.microsoft.com/windows/servercore:ltsc2022");
    this.input = input;
  }

  public String input() {
    return input;
  }
}
