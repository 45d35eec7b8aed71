package dev.winfleet.server;

import dev.winfleet.server.api.AdmissionPolicy;
import dev.winfleet.server.api.AdmissionRequestView;
import dev.winfleet.server.api.MutationDecision;
import dev.winfleet.server.api.ValidationDecision;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A hand-written policy for tests: answers with what the test scripted, and remembers what it was
 * asked.
 */
final class ScriptedPolicy implements AdmissionPolicy {

  final List<AdmissionRequestView> mutateCalls = new CopyOnWriteArrayList<>();
  final List<AdmissionRequestView> validateCalls = new CopyOnWriteArrayList<>();
  volatile Function<AdmissionRequestView, MutationDecision> onMutate = r -> MutationDecision.none();
  volatile Function<AdmissionRequestView, ValidationDecision> onValidate =
      r -> ValidationDecision.allow();

  @Override
  public MutationDecision mutate(AdmissionRequestView request) {
    mutateCalls.add(request);
    return onMutate.apply(request);
  }

  @Override
  public ValidationDecision validate(AdmissionRequestView request) {
    validateCalls.add(request);
    return onValidate.apply(request);
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
