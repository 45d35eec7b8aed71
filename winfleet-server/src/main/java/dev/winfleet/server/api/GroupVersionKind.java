package dev.winfleet.server.api;

import java.util.Objects;

/**
 * The type of the object under admission ({@code request.kind}).
 *
 * @param group empty for the core group (Pods)
 */
public record GroupVersionKind(String group, String version, String kind) {

  public GroupVersionKind {
    group = group == null ? "" : group;
    version = version == null ? "" : version;
    Objects.requireNonNull(kind, "kind");
  }

  public static GroupVersionKind of(String group, String version, String kind) {
    return new GroupVersionKind(group, version, kind);
  }

  @Override
  public String toString() {
    return (group.isEmpty() ? "" : group + "/") + version + ", Kind=" + kind;
  }
}
