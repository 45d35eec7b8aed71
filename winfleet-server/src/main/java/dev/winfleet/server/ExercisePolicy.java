package dev.winfleet.server;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.winfleet.core.image.ImageReference;
import dev.winfleet.core.image.InvalidImageReferenceException;
import dev.winfleet.core.manifest.ManifestObject;
import dev.winfleet.core.manifest.PodTemplate;
import dev.winfleet.server.api.AdmissionPolicy;
import dev.winfleet.server.api.AdmissionRequestView;
import dev.winfleet.server.api.JsonPatch;
import dev.winfleet.server.api.MutationDecision;
import dev.winfleet.server.api.ValidationDecision;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A stand-in policy for benchmarks and demos of the server until the rules engine is wired in: it
 * does the work every real decision starts with (find the pod spec, read every container image,
 * parse the references) and writes the normalised references into the annotation {@value
 * #ANNOTATION}, once. It decides nothing about placement; it only exercises the seam.
 */
public final class ExercisePolicy implements AdmissionPolicy {

  private static final ObjectMapper TREES = new ObjectMapper();
  private static final TypeReference<Map<String, Object>> TREE = new TypeReference<>() {};

  public static final String ANNOTATION = "winfleet.dev/images";

  @Override
  public MutationDecision mutate(AdmissionRequestView request) {
    String images = String.join(",", images(request));
    JsonNode annotations = request.object().path("metadata").path("annotations");
    if (images.isEmpty() || images.equals(annotations.path(ANNOTATION).asText(null))) {
      return MutationDecision.none();
    }
    JsonPatch.Builder patch = JsonPatch.builder();
    if (!annotations.isObject()) {
      patch.add(
          "/metadata/annotations",
          com.fasterxml.jackson.databind.node.JsonNodeFactory.instance
              .objectNode()
              .put(ANNOTATION, images));
    } else {
      patch.add(JsonPatch.pointer("metadata", "annotations", ANNOTATION), images);
    }
    return MutationDecision.patch(patch.build());
  }

  @Override
  public ValidationDecision validate(AdmissionRequestView request) {
    images(request);
    return ValidationDecision.allow();
  }

  private static List<String> images(AdmissionRequestView request) {
    List<String> out = new ArrayList<>();
    if (!request.object().isObject()) {
      return out;
    }
    Map<String, Object> tree = TREES.convertValue(request.object(), TREE);
    tree.put("kind", request.kind().kind());
    PodTemplate pod = PodTemplate.of(ManifestObject.of(tree)).orElse(null);
    if (pod == null) {
      return out;
    }
    for (String image : pod.images()) {
      try {
        ImageReference ref = ImageReference.parse(image);
        out.add(ref.registry() + "/" + ref.repository() + ":" + ref.effectiveTag());
      } catch (InvalidImageReferenceException e) {
        out.add("invalid");
      }
    }
    return out;
  }
}
