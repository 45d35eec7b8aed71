package dev.winfleet.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import java.util.Optional;

/**
 * What a policy sees of one admission request: the fields of {@code request} in an AdmissionReview
 * ({@code admission.k8s.io/v1} or {@code v1beta1}; the view is the same for both).
 *
 * <p>The object trees are Jackson trees straight from the wire. They are shared, not copied:
 * policies read them and must not modify them (build a {@link JsonPatch} instead).
 *
 * @param uid the request's uid, echoed in the response
 * @param kind the object's type ({@code request.kind})
 * @param namespace empty for cluster-scoped objects or when the review does not say
 * @param name empty when the API server has not named the object yet ({@code generateName})
 * @param dryRun true for {@code kubectl --dry-run=server}: a policy must not cause side effects
 * @param object the object as it would be stored; null for DELETE
 * @param oldObject the stored object for UPDATE and DELETE; null otherwise
 */
public record AdmissionRequestView(
    String uid,
    GroupVersionKind kind,
    String namespace,
    String name,
    AdmissionOperation operation,
    boolean dryRun,
    JsonNode object,
    JsonNode oldObject,
    UserInfo userInfo) {

  public AdmissionRequestView {
    Objects.requireNonNull(uid, "uid");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(operation, "operation");
    namespace = namespace == null ? "" : namespace;
    name = name == null ? "" : name;
    userInfo = userInfo == null ? UserInfo.unknown() : userInfo;
  }

  /**
   * The JSON pointer of the pod spec in {@link #object()} ({@code /spec} for a Pod, {@code
   * /spec/template/spec} for a Deployment...), or empty when this kind has no pod template.
   */
  public Optional<String> podSpecPointer() {
    return PodSpecLocator.podSpecPointer(kind);
  }

  /** The pod spec of {@link #object()}, or empty when the kind has none or the object lacks it. */
  public Optional<JsonNode> podSpec() {
    return PodSpecLocator.podSpec(kind, object);
  }
}
