package dev.winfleet.registry.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Parses {@code WWW-Authenticate} header values as RFC 7235 writes them: several challenges in one
 * value, parameters in any order, optional spaces around {@code =} and {@code ,}, quoted values
 * that contain commas, equals signs or escaped quotes, and unquoted token values.
 */
public final class WwwAuthenticate {

  private final String s;
  private int pos;

  private WwwAuthenticate(String s) {
    this.s = s;
  }

  /** The challenges in the order given; empty for a blank or unreadable value. */
  public static List<Challenge> parse(String headerValue) {
    if (headerValue == null) {
      return List.of();
    }
    return new WwwAuthenticate(headerValue).challenges();
  }

  /** The challenges of every {@code WWW-Authenticate} header of a response, in order. */
  public static List<Challenge> parseAll(List<String> headerValues) {
    List<Challenge> all = new ArrayList<>();
    for (String v : headerValues) {
      all.addAll(parse(v));
    }
    return all;
  }

  private List<Challenge> challenges() {
    List<Challenge> result = new ArrayList<>();
    while (true) {
      skip(" \t,");
      if (atEnd()) {
        return result;
      }
      String scheme = token();
      if (scheme.isEmpty()) {
        pos++; // junk: skip one character and resynchronise
        continue;
      }
      result.add(new Challenge(scheme, params()));
    }
  }

  private Map<String, String> params() {
    Map<String, String> params = new LinkedHashMap<>();
    while (true) {
      skip(" \t,");
      if (atEnd()) {
        return params;
      }
      int start = pos;
      String name = token();
      if (name.isEmpty()) {
        if (peek() == '"') {
          quoted(); // a stray quoted string: not a parameter, drop it
        } else {
          pos++;
        }
        continue;
      }
      skip(" \t");
      if (atEnd() || peek() != '=') {
        // A token not followed by '=' starts the next challenge.
        pos = start;
        return params;
      }
      pos++; // '='
      skip(" \t");
      String value = !atEnd() && peek() == '"' ? quoted() : token();
      params.putIfAbsent(name.toLowerCase(Locale.ROOT), value);
    }
  }

  private String token() {
    int start = pos;
    while (!atEnd() && isTokenChar(peek())) {
      pos++;
    }
    return s.substring(start, pos);
  }

  private String quoted() {
    StringBuilder sb = new StringBuilder();
    pos++; // opening quote
    while (!atEnd()) {
      char c = s.charAt(pos++);
      if (c == '\\' && !atEnd()) {
        sb.append(s.charAt(pos++));
      } else if (c == '"') {
        return sb.toString();
      } else {
        sb.append(c);
      }
    }
    return sb.toString(); // unterminated: take what there is
  }

  private static boolean isTokenChar(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || "!#$%&'*+-.^_`|~/:".indexOf(c) >= 0;
  }

  private void skip(String chars) {
    while (!atEnd() && chars.indexOf(peek()) >= 0) {
      pos++;
    }
  }

  private char peek() {
    return s.charAt(pos);
  }

  private boolean atEnd() {
    return pos >= s.length();
  }
}
