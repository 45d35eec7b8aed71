package dev.winfleet.registry.internal;

import dev.winfleet.registry.api.ErrorKind;
import dev.winfleet.registry.api.InspectorConfig;
import dev.winfleet.registry.api.RegistryException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * The one place that does HTTP: per-registry concurrency limits, timeouts cut to the caller's
 * deadline, retries with backoff on 429, 5xx and dropped connections (honouring Retry-After),
 * bounded redirects that are checked like the first call, and bounded bodies.
 */
final class HttpTransport {

  private static final long ERROR_BODY_LIMIT = 64 * 1024;

  /** One request: where, how, and the registry it belongs to (for limits and errors). */
  record Request(
      String method,
      URI uri,
      Map<String, String> headers,
      String registry,
      long bodyLimit,
      byte[] formBody) {}

  private final InspectorConfig config;
  private final HttpClient client;
  private final Stats stats;
  private final Map<String, Semaphore> permits = new ConcurrentHashMap<>();

  HttpTransport(InspectorConfig config, Stats stats) {
    this.config = config;
    this.stats = stats;
    HttpClient.Builder b =
        HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(config.connectTimeout());
    if (config.sslContext() != null) {
      b.sslContext(config.sslContext());
    }
    this.client = b.build();
  }

  HttpResult send(Request request, Deadline deadline) {
    int attempt = 0;
    Duration backoff = config.initialBackoff();
    while (true) {
      attempt++;
      HttpResult result;
      try {
        result = sendFollowingRedirects(request, deadline, attempt);
      } catch (RetryableIoException e) {
        if (attempt >= config.maxAttempts()) {
          throw new RegistryException(
              ErrorKind.UNREACHABLE,
              request.registry(),
              "lost the connection to "
                  + request.uri().getAuthority()
                  + " "
                  + attempt
                  + " times ("
                  + e.getCause().getMessage()
                  + ")",
              e.getCause());
        }
        sleep(jitter(backoff), request, deadline);
        backoff = min(backoff.multipliedBy(2), config.maxBackoff());
        stats.retries.increment();
        continue;
      }
      boolean retryable = result.status() == 429 || result.status() >= 500;
      if (!retryable || attempt >= config.maxAttempts()) {
        return result;
      }
      Duration wait =
          retryAfter(result.header("Retry-After").orElse(null), config.clock().instant())
              .map(d -> min(d, config.maxBackoff()))
              .orElse(jitter(backoff));
      if (deadline.isSet() && deadline.remaining(Duration.ofDays(1)).compareTo(wait) <= 0) {
        return result; // no time left to wait: report what the registry said
      }
      sleep(wait, request, deadline);
      backoff = min(backoff.multipliedBy(2), config.maxBackoff());
      stats.retries.increment();
    }
  }

  private HttpResult sendFollowingRedirects(Request request, Deadline deadline, int attempt) {
    URI uri = request.uri();
    String originalAuthority = uri.getRawAuthority();
    for (int hop = 0; ; hop++) {
      boolean sameAuthority = originalAuthority.equalsIgnoreCase(uri.getRawAuthority());
      HttpResponse<byte[]> response = exchange(request, uri, sameAuthority, deadline);
      int status = response.statusCode();
      if (!isRedirect(status)
          || !(request.method().equals("GET") || request.method().equals("HEAD"))) {
        return new HttpResult(status, response.headers(), response.body(), uri, attempt);
      }
      if (hop >= config.maxRedirects()) {
        throw new RegistryException(
            ErrorKind.BLOCKED,
            request.registry(),
            "more than " + config.maxRedirects() + " redirects from " + request.uri());
      }
      URI from = uri;
      String location =
          response
              .headers()
              .firstValue("Location")
              .orElseThrow(
                  () ->
                      new RegistryException(
                          ErrorKind.INVALID_RESPONSE,
                          request.registry(),
                          "redirect " + status + " without a Location from " + from));
      URI next;
      try {
        next = uri.resolve(location);
      } catch (IllegalArgumentException e) {
        throw new RegistryException(
            ErrorKind.INVALID_RESPONSE,
            request.registry(),
            "redirect to an invalid location '" + location + "'");
      }
      checkTarget(next, request.registry(), "redirect target");
      uri = next;
    }
  }

  /** Only https, or plain http to an insecure registry; never a forbidden address. */
  void checkTarget(URI uri, String registry, String what) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (uri.getHost() == null) {
      throw new RegistryException(
          ErrorKind.BLOCKED, registry, "refusing " + what + " " + uri + ": it names no host");
    }
    if (scheme.equals("http")) {
      if (!config.isInsecure(uri.getRawAuthority())) {
        throw new RegistryException(
            ErrorKind.BLOCKED,
            registry,
            "refusing plain-HTTP " + what + " " + uri + ": only insecure registries may use http");
      }
    } else if (!scheme.equals("https")) {
      throw new RegistryException(
          ErrorKind.BLOCKED, registry, "refusing " + what + " " + uri + ": not https");
    }
    AddressPolicy.check(uri.getHost(), registry, what);
  }

  private HttpResponse<byte[]> exchange(
      Request request, URI uri, boolean sameAuthority, Deadline deadline) {
    Duration timeout = deadline.remaining(config.requestTimeout());
    if (timeout.isZero()) {
      throw timeout(request, "the deadline passed before the call");
    }
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri).timeout(timeout).header("User-Agent", config.userAgent());
    if ("http".equalsIgnoreCase(uri.getScheme())) {
      b.version(HttpClient.Version.HTTP_1_1);
    }
    for (Map.Entry<String, String> h : request.headers().entrySet()) {
      // Credentials go to the registry itself only, never to where it redirects (blob storage).
      if (!sameAuthority && h.getKey().equalsIgnoreCase("Authorization")) {
        continue;
      }
      b.header(h.getKey(), h.getValue());
    }
    if (request.formBody() != null) {
      b.POST(HttpRequest.BodyPublishers.ofByteArray(request.formBody()));
    } else {
      b.method(request.method(), HttpRequest.BodyPublishers.noBody());
    }
    Semaphore semaphore =
        permits.computeIfAbsent(
            request.registry(), r -> new Semaphore(config.maxRequestsPerRegistry(), true));
    Instant started = config.clock().instant();
    try {
      if (!semaphore.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw timeout(request, "waited for a free connection slot until the deadline");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw timeout(request, "interrupted");
    }
    try {
      Duration left = timeout.minus(Duration.between(started, config.clock().instant()));
      if (left.isNegative() || left.isZero()) {
        throw timeout(request, "the deadline passed before the call");
      }
      long limit = request.bodyLimit();
      HttpResponse.BodyHandler<byte[]> handler =
          info -> {
            if (request.method().equals("HEAD")) {
              return new LimitedBodySubscriber(0, true, false);
            }
            if (info.statusCode() >= 300) {
              return new LimitedBodySubscriber(ERROR_BODY_LIMIT, true, false);
            }
            long length = info.headers().firstValueAsLong("Content-Length").orElse(-1);
            return new LimitedBodySubscriber(limit, false, length > limit);
          };
      CompletableFuture<HttpResponse<byte[]>> future = client.sendAsync(b.build(), handler);
      try {
        // The whole exchange, body included, must fit in the timeout.
        return future.get(left.toMillis() + 50, TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        future.cancel(true);
        throw timeout(request, "no complete answer within " + left.toMillis() + " ms");
      } catch (InterruptedException e) {
        future.cancel(true);
        Thread.currentThread().interrupt();
        throw timeout(request, "interrupted");
      } catch (ExecutionException e) {
        throw translate(request, uri, e.getCause());
      }
    } finally {
      semaphore.release();
    }
  }

  private RuntimeException translate(Request request, URI uri, Throwable cause) {
    Throwable c = cause;
    for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof LimitedBodySubscriber.BodyTooLargeException
          || t instanceof HttpTimeoutException
          || t instanceof ConnectException
          || t instanceof SSLException
          || t instanceof UnknownHostException
          || t instanceof RegistryException) {
        c = t;
        break;
      }
    }
    if (c instanceof LimitedBodySubscriber.BodyTooLargeException) {
      return new RegistryException(
          ErrorKind.TOO_LARGE,
          request.registry(),
          uri + " is larger than the limit of " + request.bodyLimit() + " bytes");
    }
    String authority = uri.getAuthority();
    if (c instanceof HttpConnectTimeoutException) {
      return timeout(
          request, "could not connect within " + config.connectTimeout().toMillis() + " ms");
    }
    if (c instanceof HttpTimeoutException) {
      return timeout(request, "no answer in time");
    }
    if (c instanceof ConnectException) {
      return new RegistryException(
          ErrorKind.UNREACHABLE,
          request.registry(),
          "cannot connect to "
              + uri.getScheme()
              + "://"
              + authority
              + " (connection refused); is the registry up"
              + ("https".equalsIgnoreCase(uri.getScheme())
                  ? ", and does it speak https? A plain-HTTP registry must be marked insecure"
                  : "?"),
          c);
    }
    if (c instanceof SSLException) {
      return new RegistryException(
          ErrorKind.UNREACHABLE,
          request.registry(),
          "TLS handshake with "
              + authority
              + " failed ("
              + c.getMessage()
              + "); a plain-HTTP registry must be marked insecure, a private CA must be trusted",
          c);
    }
    if (c instanceof UnknownHostException) {
      return new RegistryException(
          ErrorKind.UNREACHABLE, request.registry(), "cannot resolve host " + uri.getHost(), c);
    }
    if (c instanceof IOException) {
      return new RetryableIoException((IOException) c);
    }
    if (c instanceof RuntimeException) {
      return (RuntimeException) c;
    }
    return new IllegalStateException(c);
  }

  private static RegistryException timeout(Request request, String detail) {
    return new RegistryException(
        ErrorKind.TIMEOUT,
        request.registry(),
        request.method() + " " + request.uri() + " timed out: " + detail);
  }

  private void sleep(Duration d, Request request, Deadline deadline) {
    Duration wait = deadline.remaining(d);
    if (deadline.isSet() && wait.compareTo(d) < 0) {
      throw timeout(request, "no time left for a retry before the deadline");
    }
    try {
      Thread.sleep(wait.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw timeout(request, "interrupted");
    }
  }

  private static Duration jitter(Duration d) {
    long ms = d.toMillis();
    return Duration.ofMillis(ms / 2 + ThreadLocalRandom.current().nextLong(ms / 2 + 1));
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static boolean isRedirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
  }

  /** Retry-After as delay-seconds or an HTTP date; empty when absent or unreadable. */
  static Optional<Duration> retryAfter(String value, Instant now) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    String v = value.trim();
    try {
      long seconds = Long.parseLong(v);
      return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
    } catch (NumberFormatException e) {
      // not seconds: try a date
    }
    try {
      Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      Duration d = Duration.between(now, at);
      return Optional.of(d.isNegative() ? Duration.ZERO : d);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** An I/O failure worth another try (a dropped connection, a reset). */
  static final class RetryableIoException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    RetryableIoException(IOException cause) {
      super(cause);
    }
  }
}
