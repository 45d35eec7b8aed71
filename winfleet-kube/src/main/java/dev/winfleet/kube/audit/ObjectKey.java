package dev.winfleet.kube.audit;

import java.util.Objects;

/** One audited object: its kind, namespace and name. */
record ObjectKey(AuditedKind kind, String namespace, String name) {
  ObjectKey {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
    namespace = namespace == null ? "" : namespace;
  }

  /** The informer store's key: {@code namespace/name}. */
  String storeKey() {
    return namespace.isEmpty() ? name : namespace + "/" + name;
  }
}
