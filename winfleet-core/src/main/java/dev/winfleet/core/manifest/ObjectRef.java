package dev.winfleet.core.manifest;

import java.util.Objects;

/**
 * Names a Kubernetes object the way people do: {@code Deployment/iis} in namespace {@code web}.
 *
 * @param name empty when the object has none (e.g. {@code generateName} only)
 * @param namespace null when the manifest leaves it to the current context
 */
public record ObjectRef(String kind, String name, String namespace) {

  public ObjectRef {
    Objects.requireNonNull(kind, "kind");
    name = name == null ? "" : name;
  }

  /** {@code Kind/name}. */
  public String display() {
    return kind + "/" + name;
  }

  @Override
  public String toString() {
    return namespace == null ? display() : namespace + "/" + display();
  }
}
