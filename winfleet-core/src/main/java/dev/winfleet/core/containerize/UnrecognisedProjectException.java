package dev.winfleet.core.containerize;

import java.util.List;

/** The folder holds nothing winfleet knows how to containerize. */
public final class UnrecognisedProjectException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient List<String> lookedFor;
  private final transient List<String> skipped;

  public UnrecognisedProjectException(String folder, List<String> lookedFor, List<String> skipped) {
    super(message(folder, lookedFor, skipped));
    this.lookedFor = List.copyOf(lookedFor);
    this.skipped = List.copyOf(skipped);
  }

  private static String message(String folder, List<String> lookedFor, List<String> skipped) {
    StringBuilder sb = new StringBuilder();
    sb.append("found no app to containerize in ")
        .append(folder)
        .append("; looked for: ")
        .append(String.join("; ", lookedFor));
    if (!skipped.isEmpty()) {
      sb.append(". Passed over: ").append(String.join("; ", skipped));
    }
    return sb.toString();
  }

  public List<String> lookedFor() {
    return lookedFor;
  }

  public List<String> skipped() {
    return skipped;
  }
}
