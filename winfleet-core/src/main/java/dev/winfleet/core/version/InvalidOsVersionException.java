package dev.winfleet.core.version;

/** A text that is neither a Windows version number nor a known release alias. */
public final class InvalidOsVersionException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final String input;

  InvalidOsVersionException(String input, String detail) {
    super(message(input, detail));
    this.input = input;
  }

  /** The text that could not be parsed, as given. */
  public String input() {
    return input;
  }

  private static String message(String input, String detail) {
    String shown = input == null ? "(nothing)" : "'" + input + "'";
    return shown
        + " is not a Windows version"
        + (detail == null ? "" : " (" + detail + ")")
        + ": expected major.minor.build[.revision] such as 10.0.17763 or 10.0.20348.2762, or a"
        + " release alias such as ltsc2019, 1809, ltsc2022, ltsc2025, ws2022 or win11-24h2"
        + " (run 'winfleet releases' for the full list)";
  }
}
