package dev.winfleet.core.planning;

/**
 * A planning request that cannot be answered as asked (a node that does not exist, a Linux node to
 * upgrade to a Windows release, a bandwidth that is not one). The message names the problem and the
 * fix; front ends show it as it is.
 */
public class PlanningException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public PlanningException(String message) {
    super(message);
  }
}
