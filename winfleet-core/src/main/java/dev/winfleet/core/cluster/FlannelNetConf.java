package dev.winfleet.core.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Locale;
import java.util.Optional;

/**
 * flannel's {@code net-conf.json}: the pod network and the backend.
 *
 * @param network the cluster CIDR ({@code Network}), or null
 * @param backendType the backend's {@code Type} in lower case ({@code vxlan}, {@code host-gw});
 *     flannel defaults to {@code udp} when it is missing
 * @param vni the backend's {@code VNI}, or null when not set
 * @param port the backend's {@code Port}, or null when not set
 */
public record FlannelNetConf(String network, String backendType, Integer vni, Integer port) {

  /** The key of the ConfigMap that holds it. */
  public static final String KEY = "net-conf.json";

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Reads the JSON; empty when it is not a JSON object. */
  public static Optional<FlannelNetConf> parse(String json) {
    if (json == null) {
      return Optional.empty();
    }
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      return Optional.empty();
    }
    if (root == null || !root.isObject()) {
      return Optional.empty();
    }
    JsonNode backend = root.path("Backend");
    String type = backend.path("Type").asText("");
    return Optional.of(
        new FlannelNetConf(
            root.hasNonNull("Network") ? root.get("Network").asText() : null,
            type.isEmpty() ? "udp" : type.toLowerCase(Locale.ROOT),
            number(backend.get("VNI")),
            number(backend.get("Port"))));
  }

  private static Integer number(JsonNode n) {
    if (n == null || n.isNull()) {
      return null;
    }
    if (n.canConvertToInt()) {
      return n.asInt();
    }
    try {
      return Integer.parseInt(n.asText().trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
