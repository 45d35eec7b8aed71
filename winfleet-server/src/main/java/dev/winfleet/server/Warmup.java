package dev.winfleet.server;

import dev.winfleet.core.spi.FleetInventory;
import dev.winfleet.server.api.AdmissionPolicy;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Exercises a policy on a few built-in AdmissionReviews before the server listens, so that the
 * first pods a fresh replica admits are not the ones the JIT compiler learns on (issue 21: a
 * replica takes traffic as soon as it is ready, and cold, the first answers took over a second).
 *
 * <p>The reviews go through the same {@link AdmissionHandler} steps as real requests (parse, ask
 * the policy, write the answer), with metrics and a verdict list of their own: nothing of the
 * warm-up is counted or shown. Their images are ones winfleet knows from their tags, so no registry
 * is asked; a policy that does not answer one within a second ends the warm-up early (it is an
 * optimisation, never a reason not to serve).
 */
public final class Warmup {

  private static final System.Logger LOG = System.getLogger(Warmup.class.getName());

  private static final List<String> SAMPLES =
      List.of("windows-pod.json", "linux-pod.json", "windows-deployment.json");

  private static final Duration PER_CALL = Duration.ofSeconds(1);

  /** What a warm-up did. */
  public record Result(int rounds, Duration took, String stoppedBecause) {}

  /** Concurrent connections of the warm-up through the serving stack. */
  private static final int CONNECTIONS = 8;

  private final AdmissionPolicy policy;
  private final Clock clock;
  private final AdmissionHandler handler;
  private final List<byte[]> reviews;

  public Warmup(AdmissionPolicy policy, Clock clock) {
    this.policy = policy;
    this.clock = clock;
    this.handler =
        new AdmissionHandler(
            Objects.requireNonNull(policy, "policy"),
            new WebhookMetrics(),
            new RecentVerdicts(1),
            ValidateFailureMode.ALLOW,
            Objects.requireNonNull(clock, "clock"));
    List<byte[]> read = new ArrayList<>();
    for (String name : SAMPLES) {
      try (InputStream in = Warmup.class.getResourceAsStream("warmup/" + name)) {
        if (in == null) {
          throw new IllegalStateException("winfleet's warm-up review " + name + " is missing");
        }
        read.add(in.readAllBytes());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    this.reviews = List.copyOf(read);
  }

  /**
   * Runs rounds (every review through /mutate and /validate) until {@code budget} has passed;
   * {@link Duration#ZERO} does nothing.
   */
  public Result run(Duration budget) {
    long start = System.nanoTime();
    long end = start + budget.toNanos();
    int rounds = 0;
    String stopped = budgetPassed(budget);
    outer:
    while (System.nanoTime() < end) {
      for (byte[] review : reviews) {
        for (Endpoint endpoint : Endpoint.values()) {
          String problem = once(endpoint, review);
          if (problem != null) {
            stopped = problem;
            break outer;
          }
        }
      }
      rounds++;
    }
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    Result result = new Result(rounds, took, stopped);
    LOG.log(
        Level.DEBUG,
        () ->
            "warm-up: "
                + result.rounds()
                + " rounds in "
                + result.took().toMillis()
                + " ms; stopped as "
                + result.stoppedBecause());
    return result;
  }

  /**
   * Warms the whole serving stack, not only the policy: a short {@link #run} first (a policy that
   * fails or hangs ends the warm-up there, as it would in {@code run}), then, for the rest of the
   * budget, the same sample reviews over HTTPS to a throwaway server on a loopback port with the
   * configuration {@code config} gives (TLS engine, transport, limits, timeouts), from {@value
   * #CONNECTIONS} keep-alive connections. The JIT compiler then learns the request path (TLS, HTTP,
   * routing, JSON, the worker hand-off, the answer) before the real port listens: with the policy
   * alone, the first 8-10 s of real traffic ran partly interpreted (bench/webhook-bench.sh). The
   * throwaway server has metrics and a verdict list of its own and is closed before this returns;
   * if it cannot start, the warm-up ends there and says why (it is an optimisation, never a reason
   * not to serve).
   */
  public Result runThroughServer(
      WebhookServerConfig config, FleetInventory inventory, Duration budget) {
    long start = System.nanoTime();
    Duration direct = budget.dividedBy(5);
    Result first = run(direct);
    if (!first.stoppedBecause().equals(budgetPassed(direct)) || budget.isZero()) {
      return first;
    }
    long end = start + budget.toNanos();
    WebhookServer server;
    try {
      server =
          WebhookServer.startForWarmUp(
              config.withAddress("127.0.0.1", 0), policy, inventory, clock);
    } catch (RuntimeException e) {
      return endedEarly(first, start, "the warm-up server did not start: " + e.getMessage());
    }
    Vertx vertx;
    try {
      vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));
    } catch (RuntimeException e) {
      server.close();
      return endedEarly(first, start, "the warm-up client failed: " + e.getMessage());
    }
    StackDriver driver;
    try {
      driver = new StackDriver(vertx, server.port(), end);
      driver.await(end + PER_CALL.toNanos());
    } catch (RuntimeException e) { // the client could not be made: serve anyway
      return endedEarly(first, start, "the warm-up client failed: " + e.getMessage());
    } finally {
      vertx
          .close()
          .toCompletionStage()
          .toCompletableFuture()
          .orTimeout(5, TimeUnit.SECONDS)
          .exceptionally(e -> null)
          .join();
      server.close();
    }
    int rounds =
        first.rounds() + driver.answered.get() / (reviews.size() * Endpoint.values().length);
    Result result =
        new Result(
            rounds,
            Duration.ofNanos(System.nanoTime() - start),
            driver.problem != null ? driver.problem : budgetPassed(budget));
    LOG.log(
        Level.DEBUG,
        () ->
            "warm-up through the stack: "
                + driver.answered.get()
                + " answers; stopped as "
                + result.stoppedBecause());
    return result;
  }

  /** Why a warm-up that nothing cut short stopped. */
  private static String budgetPassed(Duration budget) {
    return "its budget of " + budget.toMillis() + " ms passed";
  }

  private static Result endedEarly(Result first, long start, String why) {
    return new Result(first.rounds(), Duration.ofNanos(System.nanoTime() - start), why);
  }

  /** Sends the samples round and round over {@value #CONNECTIONS} connections until the end. */
  private final class StackDriver {
    final java.util.concurrent.atomic.AtomicInteger answered =
        new java.util.concurrent.atomic.AtomicInteger();
    final java.util.concurrent.CountDownLatch lanes =
        new java.util.concurrent.CountDownLatch(CONNECTIONS);
    final HttpClient client;
    final int port;
    final long end;
    volatile String problem;

    StackDriver(Vertx vertx, int port, long end) {
      this.port = port;
      this.end = end;
      this.client =
          vertx.createHttpClient(
              new HttpClientOptions()
                  .setSsl(true)
                  // Its own server on loopback, with the certificate the real one serves.
                  .setTrustAll(true)
                  .setVerifyHost(false)
                  .setSslEngineOptions(WebhookServer.SslEngine.OPTIONS)
                  .setKeepAlive(true)
                  .setMaxPoolSize(CONNECTIONS)
                  .setConnectTimeout((int) PER_CALL.toMillis())
                  .setIdleTimeout((int) PER_CALL.toMillis())
                  .setIdleTimeoutUnit(TimeUnit.MILLISECONDS));
      for (int lane = 0; lane < CONNECTIONS; lane++) {
        next(lane);
      }
    }

    private void next(int i) {
      if (problem != null || System.nanoTime() >= end) {
        lanes.countDown();
        return;
      }
      byte[] review = reviews.get(i % reviews.size());
      Endpoint endpoint = Endpoint.values()[(i / reviews.size()) % Endpoint.values().length];
      client
          .request(HttpMethod.POST, port, "127.0.0.1", endpoint.path())
          .compose(
              req ->
                  req.putHeader("Content-Type", "application/json")
                      .send(Buffer.buffer(review))
                      .compose(resp -> resp.body().map(body -> resp.statusCode())))
          .onComplete(
              ar -> {
                if (ar.failed()) {
                  problem = "a warm-up request failed: " + ar.cause().getMessage();
                } else if (ar.result() != 200) {
                  problem = "the warm-up server answered " + ar.result() + " on a sample review";
                } else {
                  answered.incrementAndGet();
                }
                next(i + CONNECTIONS);
              });
    }

    void await(long deadline) {
      try {
        if (!lanes.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
          problem = "the warm-up server took over " + PER_CALL.toMillis() + " ms to answer";
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        problem = "it was interrupted";
      }
    }
  }

  /** One review through one endpoint; null when the policy decided it, else why not. */
  private String once(Endpoint endpoint, byte[] review) {
    AdmissionHandler.Step step = handler.prepare(endpoint, "application/json", review);
    if (step instanceof AdmissionHandler.Done) {
      return null;
    }
    AdmissionHandler.PolicyCall call = (AdmissionHandler.PolicyCall) step;
    AdmissionHandler.Outcome outcome;
    try {
      outcome =
          handler
              .invokeAsync(call)
              .toCompletableFuture()
              .get(PER_CALL.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      return "the policy took over " + PER_CALL.toMillis() + " ms on a warm-up review";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "it was interrupted";
    } catch (ExecutionException e) {
      return "the policy failed: " + e.getCause();
    }
    if (outcome instanceof AdmissionHandler.Failed failed) {
      return "the policy failed on a warm-up review: " + failed.reason();
    }
    handler.finish(call, outcome);
    return null;
  }
}
