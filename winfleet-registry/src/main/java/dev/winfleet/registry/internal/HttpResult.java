package dev.winfleet.registry.internal;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.util.Optional;

/** A response after redirects: status, headers, body (bounded) and the URI that answered. */
record HttpResult(int status, HttpHeaders headers, byte[] body, URI uri, int attempts) {

  Optional<String> header(String name) {
    return headers.firstValue(name);
  }
}
