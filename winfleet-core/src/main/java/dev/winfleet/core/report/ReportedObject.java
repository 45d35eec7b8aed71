package dev.winfleet.core.report;

import dev.winfleet.core.manifest.ManifestObject;
import dev.winfleet.core.manifest.ObjectRef;
import dev.winfleet.core.manifest.Values;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The object a report result is about, as a Kubernetes {@code ObjectReference}: what the checker
 * knows from a file (kind, name, namespace) and, for live objects, their apiVersion and uid.
 *
 * @param apiVersion null when unknown
 * @param namespace null for objects that name none
 * @param uid null for objects read from files
 */
public record ReportedObject(
    String apiVersion, String kind, String namespace, String name, String uid) {

  public ReportedObject {
    Objects.requireNonNull(kind, "kind");
    name = name == null ? "" : name;
  }

  /** From a file's reference: kind, name and namespace only. */
  public static ReportedObject of(ObjectRef ref) {
    return new ReportedObject(null, ref.kind(), ref.namespace(), ref.name(), null);
  }

  /** From a live object's tree (apiVersion and uid included when it has them). */
  public static ReportedObject of(ManifestObject object) {
    String apiVersion = object.apiVersion();
    return new ReportedObject(
        apiVersion.isEmpty() ? null : apiVersion,
        object.kind(),
        object.namespace(),
        object.name(),
        Values.getString(object.tree(), "metadata", "uid"));
  }

  /** The {@code ObjectReference} of a report's {@code resources}, without empty fields. */
  Map<String, Object> toReference() {
    Map<String, Object> m = new LinkedHashMap<>();
    if (apiVersion != null) {
      m.put("apiVersion", apiVersion);
    }
    m.put("kind", kind);
    if (namespace != null) {
      m.put("namespace", namespace);
    }
    m.put("name", name);
    if (uid != null && !uid.isEmpty()) {
      m.put("uid", uid);
    }
    return m;
  }
}
