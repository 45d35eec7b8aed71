package dev.winfleet.core.spi;

import java.util.function.Function;

/**
 * A message about a request whose parameters each front end names its own way: the core names them
 * in words ({@link #inWords()}), the command line by its flags. The core's exceptions carry one so
 * that no flag is written in the core.
 *
 * @param <P> the request's parameters
 */
@FunctionalInterface
public interface ParameterMessage<P extends ParameterMessage.Parameter> {

  /** A parameter of a request, with the words the core uses for it. */
  interface Parameter {
    /** {@code the cluster CIDR}. */
    String words();
  }

  /** The message with the front end's names of the parameters. */
  String render(Function<P, String> names);

  /** The message as the core writes it. */
  default String inWords() {
    return render(Parameter::words);
  }
}
