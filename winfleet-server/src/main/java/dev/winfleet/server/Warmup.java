package dev.winfleet.server;

import dev.winfleet.server.api.AdmissionPolicy;
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

  private final AdmissionHandler handler;
  private final List<byte[]> reviews;

  public Warmup(AdmissionPolicy policy, Clock clock) {
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
    String stopped = "its budget of " + budget.toMillis() + " ms passed";
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
