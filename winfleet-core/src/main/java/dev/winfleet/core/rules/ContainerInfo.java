package dev.winfleet.core.rules;

import dev.winfleet.core.image.ImageProfile;
import dev.winfleet.core.manifest.FieldPath;
import dev.winfleet.core.manifest.Values;
import java.util.Map;

/**
 * One container (or init container) of a pod, with what is known about its image.
 *
 * @param path the container's place in the object ({@code /spec/template/spec/containers/0})
 * @param image the image reference as written; empty when missing
 */
public record ContainerInfo(
    String name,
    boolean init,
    FieldPath path,
    Map<String, Object> tree,
    String image,
    ImageProfile profile) {

  public FieldPath imagePath() {
    return path.key("image");
  }

  public Map<String, Object> securityContext() {
    return Values.map(tree.get("securityContext"));
  }

  /** {@code path} + the given keys. */
  public FieldPath at(String... keys) {
    FieldPath p = path;
    for (String k : keys) {
      p = p.key(k);
    }
    return p;
  }
}
