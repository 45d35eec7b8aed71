package dev.winfleet.core.cluster;

/**
 * The node settings cannot be decided: a parameter is missing, malformed, or disagrees with the
 * cluster. The message names the parameter and, for a disagreement, the value the cluster has.
 */
public final class NodeSettingsException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public NodeSettingsException(String message) {
    super(message);
  }
}
