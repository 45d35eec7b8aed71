package dev.winfleet.registry.internal;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse.BodySubscriber;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Collects a response body up to a limit. Past the limit it either fails with {@link
 * BodyTooLargeException} (manifests, configs) or stops reading and keeps what it has (error bodies,
 * which are only read for their message).
 */
final class LimitedBodySubscriber implements BodySubscriber<byte[]> {

  /** The body is larger than the limit. */
  static final class BodyTooLargeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BodyTooLargeException(long limit) {
      super("body larger than " + limit + " bytes");
    }
  }

  private final long limit;
  private final boolean truncate;
  private final boolean rejectAtOnce;
  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
  private final CompletableFuture<byte[]> result = new CompletableFuture<>();
  private Flow.Subscription subscription;

  LimitedBodySubscriber(long limit, boolean truncate, boolean rejectAtOnce) {
    this.limit = limit;
    this.truncate = truncate;
    this.rejectAtOnce = rejectAtOnce;
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    this.subscription = s;
    if (rejectAtOnce) {
      s.cancel();
      result.completeExceptionally(new BodyTooLargeException(limit));
      return;
    }
    s.request(Long.MAX_VALUE);
  }

  @Override
  public void onNext(List<ByteBuffer> items) {
    if (result.isDone()) {
      return;
    }
    for (ByteBuffer b : items) {
      int n = b.remaining();
      if (buffer.size() + (long) n > limit) {
        subscription.cancel();
        if (truncate) {
          byte[] part = new byte[(int) (limit - buffer.size())];
          b.get(part);
          buffer.writeBytes(part);
          result.complete(buffer.toByteArray());
        } else {
          result.completeExceptionally(new BodyTooLargeException(limit));
        }
        return;
      }
      byte[] bytes = new byte[n];
      b.get(bytes);
      buffer.writeBytes(bytes);
    }
  }

  @Override
  public void onError(Throwable t) {
    result.completeExceptionally(t);
  }

  @Override
  public void onComplete() {
    result.complete(buffer.toByteArray());
  }

  @Override
  public CompletionStage<byte[]> getBody() {
    return result;
  }
}
