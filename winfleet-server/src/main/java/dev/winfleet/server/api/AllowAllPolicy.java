package dev.winfleet.server.api;

/** {@link AdmissionPolicy#allowAll()}. */
enum AllowAllPolicy implements AdmissionPolicy {
  INSTANCE;

  @Override
  public MutationDecision mutate(AdmissionRequestView request) {
    return MutationDecision.none();
  }

  @Override
  public ValidationDecision validate(AdmissionRequestView request) {
    return ValidationDecision.allow();
  }
}
