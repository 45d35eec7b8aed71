package dev.winfleet.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.winfleet.server.api.AdmissionOperation;
import dev.winfleet.server.api.AdmissionPolicy;
import dev.winfleet.server.api.AdmissionRequestView;
import dev.winfleet.server.api.AppliedPatches;
import dev.winfleet.server.api.GroupVersionKind;
import dev.winfleet.server.api.MutationDecision;
import dev.winfleet.server.api.UserInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Mutating what a policy already mutated gives no patch ({@code reinvocationPolicy: IfNeeded}),
 * shown with {@link AppliedPatches#apply} for the policies in this module: the same check the rules
 * engine's placement must pass.
 */
class SeamIdempotenceTest {

  @ParameterizedTest
  @CsvSource({
    "pod-create-v1.json,fake",
    "deployment-create-v1.json,fake",
    "cronjob-create-v1.json,fake",
    "pod-create-v1.json,exercise",
    "cronjob-create-v1.json,exercise"
  })
  void mutatingTheMutatedObjectGivesNoPatch(String fixture, String policyName) {
    AdmissionPolicy policy =
        policyName.equals("fake") ? new OsSelectorFakePolicy() : new ExercisePolicy();
    JsonNode request = Reviews.tree(fixture).get("request");
    GroupVersionKind kind =
        GroupVersionKind.of(
            request.at("/kind/group").asText(),
            request.at("/kind/version").asText(),
            request.at("/kind/kind").asText());
    MutationDecision first = policy.mutate(view(kind, request.get("object")));
    assertThat(first.patch()).as("the fixture needs a change").isNotEmpty();
    JsonNode mutated = AppliedPatches.apply(request.get("object"), first.patch());
    assertThat(policy.mutate(view(kind, mutated)).patch()).isEmpty();
  }

  private static AdmissionRequestView view(GroupVersionKind kind, JsonNode object) {
    return new AdmissionRequestView(
        "uid",
        kind,
        "shop",
        "x",
        AdmissionOperation.CREATE,
        false,
        object,
        null,
        UserInfo.unknown());
  }
}
