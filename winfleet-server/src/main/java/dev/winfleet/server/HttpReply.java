package dev.winfleet.server;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A complete HTTP answer: status, JSON body, and how it counts.
 *
 * @param verdict what the answer means for an admission request (INVALID for 4xx)
 */
public record HttpReply(int status, byte[] body, Verdict verdict) {

  public HttpReply {
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(verdict, "verdict");
  }

  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }
}
