package dev.winfleet.core.containerize;

import dev.winfleet.core.spi.ParameterMessage;
import java.util.function.Function;

/**
 * The app was understood but cannot be containerized as asked. The message names the problem and
 * the fix. {@link #usage()} tells a wrong request (options, an unusable fleet file) from a "no" (no
 * image of the app's framework runs on the target build). The core names the request's parameters
 * in words ({@link #getMessage()}); a front end renders the same message with its own names for
 * them ({@link #render}), such as the command line's flags.
 */
public final class ContainerizeException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** The parameters of a {@link ContainerizeRequest} a message can name. */
  public enum Parameter implements ParameterMessage.Parameter {
    TARGET("the target Windows build"),
    NAME("the app name"),
    IMAGE("the image name"),
    PROJECT("the project");

    private final String words;

    Parameter(String words) {
      this.words = words;
    }

    @Override
    public String words() {
      return words;
    }
  }

  private final boolean usage;
  private final transient ParameterMessage<Parameter> message;

  public ContainerizeException(String message) {
    this(message, false);
  }

  public ContainerizeException(String message, boolean usage) {
    this(names -> message, usage);
  }

  ContainerizeException(ParameterMessage<Parameter> message, boolean usage) {
    super(message.inWords());
    this.message = message;
    this.usage = usage;
  }

  /** True when the request itself is wrong (bad options or input), not the app/target pair. */
  public boolean usage() {
    return usage;
  }

  /** The message with the front end's names of the parameters. */
  public String render(Function<Parameter, String> names) {
    return message == null ? getMessage() : message.render(names);
  }
}
