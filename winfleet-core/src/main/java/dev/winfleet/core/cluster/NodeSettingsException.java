package dev.winfleet.core.cluster;

import dev.winfleet.core.spi.ParameterMessage;
import java.util.function.Function;

/**
 * The node settings cannot be decided: a parameter is missing, malformed, or disagrees with the
 * cluster. The message names the parameter and, for a disagreement, the value the cluster has. The
 * core names parameters in words ({@link #getMessage()}); a front end renders the same message with
 * its own names for them ({@link #render}), such as the command line's flags.
 */
public final class NodeSettingsException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** The parameters of a {@link NodeRequest}, and where the settings can be read instead. */
  public enum Parameter implements ParameterMessage.Parameter {
    CNI("the network plugin"),
    CLUSTER_CIDR("the cluster CIDR"),
    SERVICE_CIDR("the service CIDR"),
    DNS_IP("the cluster DNS address"),
    KUBERNETES_VERSION("the Kubernetes version"),
    /** The cluster itself, read instead of giving every parameter. */
    CLUSTER("a cluster to read");

    private final String words;

    Parameter(String words) {
      this.words = words;
    }

    @Override
    public String words() {
      return words;
    }
  }

  private final transient ParameterMessage<Parameter> message;

  NodeSettingsException(ParameterMessage<Parameter> message) {
    super(message.inWords());
    this.message = message;
  }

  NodeSettingsException(String message) {
    this(names -> message);
  }

  /** The message with the front end's names of the parameters. */
  public String render(Function<Parameter, String> names) {
    return message == null ? getMessage() : message.render(names);
  }
}
