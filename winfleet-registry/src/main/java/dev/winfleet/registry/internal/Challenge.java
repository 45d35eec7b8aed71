package dev.winfleet.registry.internal;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One authentication challenge of a {@code WWW-Authenticate} header.
 *
 * @param scheme lower case ({@code bearer}, {@code basic})
 * @param params parameter names in lower case, values as sent (unquoted)
 */
public record Challenge(String scheme, Map<String, String> params) {

  public Challenge {
    scheme = Objects.requireNonNull(scheme, "scheme").toLowerCase(Locale.ROOT);
    params = Map.copyOf(params);
  }

  public String param(String name) {
    return params.get(name.toLowerCase(Locale.ROOT));
  }

  public boolean isBearer() {
    return scheme.equals("bearer");
  }

  public boolean isBasic() {
    return scheme.equals("basic");
  }
}
