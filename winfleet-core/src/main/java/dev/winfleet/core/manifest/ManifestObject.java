package dev.winfleet.core.manifest;

import java.util.Map;
import java.util.Objects;

/**
 * One Kubernetes object as a generic value tree (maps with string keys, lists, strings, numbers,
 * booleans, null), with the positions of its fields when it came from a file.
 *
 * <p>The checker builds these from YAML and JSON files; the admission webhook builds them from the
 * AdmissionReview's {@code request.object} with {@link #of(Map)} and gets findings that carry field
 * paths instead of lines.
 *
 * @param source the file as the user named it ({@code -} for standard input); null when the object
 *     came from no file
 * @param positions where fields stand in the source; {@link PositionIndex#NONE} without a file
 */
public record ManifestObject(Map<String, Object> tree, String source, PositionIndex positions) {

  public ManifestObject {
    Objects.requireNonNull(tree, "tree");
    Objects.requireNonNull(positions, "positions");
  }

  /** An object without a source file, e.g. from an AdmissionReview. */
  public static ManifestObject of(Map<String, Object> tree) {
    return new ManifestObject(tree, null, PositionIndex.NONE);
  }

  public String kind() {
    String k = Values.getString(tree, "kind");
    return k == null ? "" : k;
  }

  public String apiVersion() {
    String v = Values.getString(tree, "apiVersion");
    return v == null ? "" : v;
  }

  public String name() {
    String n = Values.getString(tree, "metadata", "name");
    if (n == null) {
      n = Values.getString(tree, "metadata", "generateName");
    }
    return n == null ? "" : n;
  }

  /** The namespace the manifest names, or null. */
  public String namespace() {
    return Values.getString(tree, "metadata", "namespace");
  }

  public Map<String, String> labels() {
    return Values.stringMap(Values.get(tree, "metadata", "labels"));
  }

  public Map<String, String> annotations() {
    return Values.stringMap(Values.get(tree, "metadata", "annotations"));
  }

  public ObjectRef ref() {
    return new ObjectRef(kind(), name(), namespace());
  }

  /** The value at a path, or null. */
  public Object at(FieldPath path) {
    return Values.at(tree, path);
  }
}
