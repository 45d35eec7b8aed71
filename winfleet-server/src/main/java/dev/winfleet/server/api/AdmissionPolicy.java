package dev.winfleet.server.api;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The decisions behind the webhook: the seam between the HTTP server and the rules engine.
 *
 * <p>The server calls a policy only for requests it should judge: {@code mutate} for CREATE of a
 * kind with a pod spec ({@link PodSpecLocator}), {@code validate} for CREATE and UPDATE of such
 * kinds. UPDATE is never mutated and DELETE/CONNECT are allowed without asking.
 *
 * <p>Contract:
 *
 * <ul>
 *   <li>Called concurrently from worker threads: implementations are thread-safe. They may block
 *       (registry lookups) but must keep to the time budget they are configured with; the server
 *       stops waiting at its own deadline. The server calls the {@code *Async} methods; a policy
 *       that waits on the network should override them so that waiting holds no thread.
 *   <li>Pure with respect to the request: do not modify the request's trees, and cause no side
 *       effects when {@link AdmissionRequestView#dryRun()} is true.
 *   <li>Mutation is idempotent: mutating an object this policy already mutated yields an empty
 *       patch (the webhook is registered with {@code reinvocationPolicy: IfNeeded}).
 *   <li>Throwing is allowed and never reaches the user as a stack trace: the server admits the
 *       object unchanged with a warning for {@code mutate}, and allows or denies for {@code
 *       validate} as configured.
 * </ul>
 */
public interface AdmissionPolicy {

  MutationDecision mutate(AdmissionRequestView request);

  ValidationDecision validate(AdmissionRequestView request);

  /**
   * {@link #mutate} for a server that must not hold a thread while the policy waits on the network.
   * The default decides on the calling thread; a policy that reads registries returns at once and
   * completes later. May complete exceptionally (treated as a throw from {@link #mutate}).
   */
  default CompletionStage<MutationDecision> mutateAsync(AdmissionRequestView request) {
    try {
      return CompletableFuture.completedFuture(mutate(request));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** {@link #validate}, as {@link #mutateAsync} is to {@link #mutate}. */
  default CompletionStage<ValidationDecision> validateAsync(AdmissionRequestView request) {
    try {
      return CompletableFuture.completedFuture(validate(request));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** Admits everything unchanged: the baseline for benchmarks and a safe default. */
  static AdmissionPolicy allowAll() {
    return AllowAllPolicy.INSTANCE;
  }
}
