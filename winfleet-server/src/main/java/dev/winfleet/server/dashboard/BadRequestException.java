package dev.winfleet.server.dashboard;

import java.util.Objects;

/** A request the dashboard's API cannot answer as asked: HTTP 400 with the problem and the fix. */
public final class BadRequestException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String fix;

  /**
   * @param problem what is wrong, naming the parameter ({@code nodes: no node named 'x'})
   * @param fix what to send instead
   */
  public BadRequestException(String problem, String fix) {
    super(Objects.requireNonNull(problem, "problem"));
    this.fix = Objects.requireNonNull(fix, "fix");
  }

  public String problem() {
    return getMessage();
  }

  public String fix() {
    return fix;
  }
}
