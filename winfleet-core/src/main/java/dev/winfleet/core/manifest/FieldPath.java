package dev.winfleet.core.manifest;

import com.fasterxml.jackson.core.JsonPointer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The path of a field inside one Kubernetes object, such as {@code
 * /spec/template/spec/containers/0/image}. Printed as a JSON Pointer (RFC 6901), the form JSON
 * Patch uses, so the webhook can patch what a finding points at.
 *
 * <p>Segments are map keys ({@link String}) or list indexes ({@link Integer}).
 */
public final class FieldPath {

  private static final FieldPath ROOT = new FieldPath(List.of());

  private final List<Object> segments;

  private FieldPath(List<Object> segments) {
    this.segments = segments;
  }

  /** The path of the whole object. */
  public static FieldPath root() {
    return ROOT;
  }

  /** A path of these segments: strings for keys, integers for list indexes. */
  public static FieldPath of(Object... segments) {
    FieldPath p = ROOT;
    for (Object s : segments) {
      p = s instanceof Integer i ? p.index(i) : p.key(String.valueOf(s));
    }
    return p;
  }

  /** Parses a JSON Pointer; number segments become list indexes. */
  public static FieldPath parse(String pointer) {
    if (pointer == null || pointer.isEmpty() || pointer.equals("/")) {
      return ROOT;
    }
    if (!pointer.startsWith("/")) {
      throw new IllegalArgumentException("a JSON Pointer starts with '/': " + pointer);
    }
    FieldPath p = ROOT;
    for (JsonPointer at = JsonPointer.compile(pointer); !at.matches(); at = at.tail()) {
      String s = at.getMatchingProperty();
      p = s.matches("\\d{1,9}") ? p.index(Integer.parseInt(s)) : p.key(s);
    }
    return p;
  }

  public FieldPath key(String key) {
    Objects.requireNonNull(key, "key");
    return append(key);
  }

  public FieldPath index(int index) {
    if (index < 0) {
      throw new IllegalArgumentException("a list index is 0 or more, got " + index);
    }
    return append(index);
  }

  /** This path followed by another. */
  public FieldPath resolve(FieldPath other) {
    if (other.segments.isEmpty()) {
      return this;
    }
    List<Object> s = new ArrayList<>(segments.size() + other.segments.size());
    s.addAll(segments);
    s.addAll(other.segments);
    return new FieldPath(Collections.unmodifiableList(s));
  }

  private FieldPath append(Object segment) {
    // One copy (every rule of every pod builds paths): the segments into an array one longer.
    int n = segments.size();
    Object[] s = segments.toArray(new Object[n + 1]);
    s[n] = segment;
    return new FieldPath(Collections.unmodifiableList(Arrays.asList(s)));
  }

  /** Strings (keys) and integers (indexes), outermost first. */
  public List<Object> segments() {
    return segments;
  }

  public boolean isRoot() {
    return segments.isEmpty();
  }

  /** The last segment, or null for the root. */
  public Object last() {
    return segments.isEmpty() ? null : segments.get(segments.size() - 1);
  }

  public FieldPath parent() {
    return segments.isEmpty() ? this : new FieldPath(segments.subList(0, segments.size() - 1));
  }

  /** The JSON Pointer, e.g. {@code /spec/containers/0/image}. */
  public String toPointer() {
    JsonPointer p = JsonPointer.empty();
    for (Object s : segments) {
      p = s instanceof Integer i ? p.appendIndex(i) : p.appendProperty((String) s);
    }
    return p.toString();
  }

  /** The path as people write it in docs: {@code spec.containers[0].image}. */
  public String toDotted() {
    StringBuilder sb = new StringBuilder();
    for (Object s : segments) {
      if (s instanceof Integer) {
        sb.append('[').append(s).append(']');
      } else {
        if (sb.length() > 0) {
          sb.append('.');
        }
        String key = (String) s;
        sb.append(key.contains(".") || key.contains("/") ? "\"" + key + "\"" : key);
      }
    }
    return sb.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FieldPath other && segments.equals(other.segments);
  }

  @Override
  public int hashCode() {
    return segments.hashCode();
  }

  @Override
  public String toString() {
    return toPointer();
  }
}
