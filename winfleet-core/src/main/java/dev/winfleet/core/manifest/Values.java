package dev.winfleet.core.manifest;

import java.util.List;
import java.util.Map;

/**
 * Reading the generic value tree (maps, lists, scalars) that manifests and AdmissionReviews are
 * read into, leniently: a field of the wrong type reads as absent.
 */
public final class Values {

  private Values() {}

  /** The value as a map, or an empty map. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> map(Object value) {
    return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  /** The value as a list, or an empty list. */
  @SuppressWarnings("unchecked")
  public static List<Object> list(Object value) {
    return value instanceof List<?> l ? (List<Object>) l : List.of();
  }

  /** A scalar as text ({@code true}, {@code 1000}); null for maps, lists and null. */
  public static String string(Object value) {
    if (value == null || value instanceof Map || value instanceof List) {
      return null;
    }
    return String.valueOf(value);
  }

  /** True for boolean true, and for the text {@code true} in any case. */
  public static boolean isTrue(Object value) {
    return Boolean.TRUE.equals(value) || (value instanceof String s && s.equalsIgnoreCase("true"));
  }

  /** The field of a map, following keys; null when any step is missing. */
  public static Object get(Object root, String... keys) {
    Object v = root;
    for (String k : keys) {
      if (!(v instanceof Map<?, ?> m)) {
        return null;
      }
      v = m.get(k);
    }
    return v;
  }

  // The same walk for one, two and three keys, which Java picks over the varargs form: most
  // calls name that many, and every pod's rules make them (an array each under the quick
  // compiler, which does not remove it).

  /** {@link #get(Object, String...)} of one key. */
  public static Object get(Object root, String key) {
    return root instanceof Map<?, ?> m ? m.get(key) : null;
  }

  /** {@link #get(Object, String...)} of two keys. */
  public static Object get(Object root, String key1, String key2) {
    return get(get(root, key1), key2);
  }

  /** {@link #get(Object, String...)} of three keys. */
  public static Object get(Object root, String key1, String key2, String key3) {
    return get(get(get(root, key1), key2), key3);
  }

  /** {@link #get} as text. */
  public static String getString(Object root, String... keys) {
    return string(get(root, keys));
  }

  /** {@link #get(Object, String)} as text. */
  public static String getString(Object root, String key) {
    return string(get(root, key));
  }

  /** {@link #get(Object, String, String)} as text. */
  public static String getString(Object root, String key1, String key2) {
    return string(get(root, key1, key2));
  }

  /** The value at a path, or null. */
  public static Object at(Object root, FieldPath path) {
    Object v = root;
    for (Object s : path.segments()) {
      if (s instanceof Integer i) {
        if (!(v instanceof List<?> l) || i >= l.size()) {
          return null;
        }
        v = l.get(i);
      } else {
        if (!(v instanceof Map<?, ?> m)) {
          return null;
        }
        v = m.get(s);
      }
    }
    return v;
  }

  /** A map of string values (labels, annotations, nodeSelector); non-scalar values are skipped. */
  public static Map<String, String> stringMap(Object value) {
    Map<String, Object> m = map(value);
    if (m.isEmpty()) {
      return Map.of();
    }
    java.util.LinkedHashMap<String, String> out = new java.util.LinkedHashMap<>();
    for (Map.Entry<String, Object> e : m.entrySet()) {
      String s = string(e.getValue());
      if (s != null) {
        out.put(e.getKey(), s);
      }
    }
    return out;
  }
}
