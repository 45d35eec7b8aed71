package dev.winfleet.server;

import dev.winfleet.server.api.AdmissionPolicy;
import dev.winfleet.server.api.AdmissionRequestView;
import dev.winfleet.server.api.MutationDecision;
import dev.winfleet.server.api.ValidationDecision;

/**
 * A policy for warm-up tests whose placement fails as a real one does before it knows the cluster:
 * {@code mutate} throws "no fleet yet"; {@code validate} allows.
 */
public final class NoFleetYetPolicy implements AdmissionPolicy {

  /** What {@code mutate} throws, and so what the warm-up must report. */
  public static final String REASON = "no fleet yet";

  @Override
  public MutationDecision mutate(AdmissionRequestView request) {
    throw new IllegalStateException(REASON);
  }

  @Override
  public ValidationDecision validate(AdmissionRequestView request) {
    return ValidationDecision.allow();
  }
}
