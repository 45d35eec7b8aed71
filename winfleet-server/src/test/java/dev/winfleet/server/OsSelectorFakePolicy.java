package dev.winfleet.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.winfleet.server.api.AdmissionPolicy;
import dev.winfleet.server.api.AdmissionRequestView;
import dev.winfleet.server.api.JsonPatch;
import dev.winfleet.server.api.MutationDecision;
import dev.winfleet.server.api.ValidationDecision;
import java.util.List;

/**
 * A fake with the shape of the real placement policy, to exercise the seam end to end: pins pods
 * whose images live under {@code mcr.microsoft.com/windows} to {@code kubernetes.io/os: windows}
 * and {@code node.kubernetes.io/windows-build: 10.0.20348}, once; denies pods without containers.
 * Not a rule: its only purpose is to produce real patches through {@link JsonPatch}.
 */
final class OsSelectorFakePolicy implements AdmissionPolicy {

  static final String BUILD_LABEL = "node.kubernetes.io/windows-build";

  @Override
  public MutationDecision mutate(AdmissionRequestView request) {
    String at = request.podSpecPointer().orElseThrow();
    JsonNode spec = request.podSpec().orElse(null);
    if (spec == null || !windows(spec)) {
      return MutationDecision.none();
    }
    JsonPatch.Builder patch = JsonPatch.builder();
    JsonNode selector = spec.get("nodeSelector");
    if (selector == null || !selector.isObject()) {
      patch.add(
          at + "/nodeSelector",
          JsonNodeFactory.instance
              .objectNode()
              .put("kubernetes.io/os", "windows")
              .put(BUILD_LABEL, "10.0.20348"));
    } else if (!selector.has(BUILD_LABEL)) {
      patch.add(JsonPatch.child(at + "/nodeSelector", BUILD_LABEL), "10.0.20348");
    }
    return new MutationDecision(
        patch.build(), List.of("pinned to Windows Server 2022 nodes"), List.of("placement"));
  }

  @Override
  public ValidationDecision validate(AdmissionRequestView request) {
    JsonNode spec = request.podSpec().orElse(null);
    if (spec == null || !spec.path("containers").isArray() || spec.path("containers").isEmpty()) {
      return ValidationDecision.deny("the pod has no containers: add at least one")
          .withFindingRules(List.of("no-containers"));
    }
    return ValidationDecision.allow();
  }

  private static boolean windows(JsonNode spec) {
    for (JsonNode c : spec.path("containers")) {
      if (c.path("image").asText("").startsWith("mcr.microsoft.com/windows")) {
        return true;
      }
    }
    return false;
  }
}
