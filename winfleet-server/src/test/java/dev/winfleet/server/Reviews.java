package dev.winfleet.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Base64;

/** The AdmissionReview fixtures under src/test/resources/dev/winfleet/server/reviews. */
final class Reviews {

  static final ObjectMapper MAPPER = new ObjectMapper();

  private Reviews() {}

  static byte[] bytes(String name) {
    try (InputStream in = Reviews.class.getResourceAsStream("reviews/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode tree(String name) {
    return json(bytes(name));
  }

  static JsonNode json(byte[] body) {
    try {
      return MAPPER.readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode json(String body) {
    try {
      return MAPPER.readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** POSTs pod-create-v1.json to /validate on loopback, waiting at most a minute for the answer. */
  static java.util.concurrent.CompletableFuture<java.net.http.HttpResponse<String>> postValidate(
      java.net.http.HttpClient client, int port) {
    return client.sendAsync(
        java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("https://localhost:" + port + "/validate"))
            .timeout(java.time.Duration.ofSeconds(60))
            .header("Content-Type", "application/json")
            .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(bytes("pod-create-v1.json")))
            .build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
  }

  /** The decoded JSON Patch of an answer, or null when it has none. */
  static JsonNode patch(JsonNode review) {
    JsonNode patch = review.path("response").get("patch");
    return patch == null ? null : json(Base64.getDecoder().decode(patch.asText()));
  }
}
