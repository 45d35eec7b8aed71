package dev.winfleet.cli;

/** What winfleet's exit codes mean, for every command. */
public final class ExitCodes {

  /** Done, and nothing at or above the failure threshold was found. */
  public static final int OK = 0;

  /** Done, and the answer is "no" (a finding, an unsupported combination, a failed reference). */
  public static final int FOUND = 1;

  /** Bad usage or unreadable input: nothing was judged. */
  public static final int USAGE = 2;

  /** winfleet itself failed; a bug to report. */
  public static final int INTERNAL = 3;

  private ExitCodes() {}
}
