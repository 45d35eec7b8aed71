package dev.winfleet.server.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.winfleet.core.image.InspectedImage;
import dev.winfleet.core.manifest.ManifestObject;
import dev.winfleet.core.manifest.ManifestReader;
import dev.winfleet.server.Endpoint;
import dev.winfleet.server.api.ImageLookup;
import dev.winfleet.server.api.PolicySettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The real public manifests of winfleet-core's RealManifestsTest (sources and commits in
 * winfleet-core/src/test/resources/dev/winfleet/core/realworld/README.md) through the webhook, as
 * AdmissionReviews, with no registry ({@code serve --no-registry}) and with registry facts. Cluster
 * infrastructure that selects Windows nodes and runs multi-OS or HostProcess images is admitted:
 * the first report was a denied Azure File CSI Windows node DaemonSet.
 */
class RealManifestsWebhookTest {

  private static final Path REAL =
      Path.of(
          "..",
          "winfleet-core",
          "src",
          "test",
          "resources",
          "dev",
          "winfleet",
          "core",
          "realworld");
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** A registry that lists Linux and Windows entries for every image it is asked about. */
  private static final ImageLookup MULTI_OS_REGISTRY =
      (references, namespace, secrets, deadline, dryRun) ->
          references.stream()
              .map(
                  r ->
                      new InspectedImage(
                          r,
                          "sha256:" + "a".repeat(64),
                          "application/vnd.oci.image.index.v1+json",
                          List.of(
                              platform("linux", null),
                              platform("windows", "10.0.17763.6893"),
                              platform("windows", "10.0.20348.3207"),
                              platform("windows", "10.0.26100.3194")),
                          null))
              .toList();

  @ParameterizedTest(name = "{0} is admitted without a registry and with one")
  @ValueSource(
      strings = {
        "csi-smb-node-windows.yaml",
        "csi-azurefile-node-windows.yaml",
        "csi-azurefile-node-windows-hostprocess.yaml",
        "sig-windows-tools-kube-proxy.yaml",
        "sig-windows-tools-csi-proxy.yaml",
        "aks-windows-sample.yaml",
        "csi-smb-node.yaml"
      })
  void windowsInfrastructureIsAdmitted(String file) throws Exception {
    assertThat(reviews(file)).as("objects with a pod in %s", file).isNotEmpty();
    for (ImageLookup lookup : new ImageLookup[] {null, MULTI_OS_REGISTRY}) {
      var handler =
          PlacementFixtures.handler(PlacementFixtures.policy(PolicySettings.defaults(), lookup));
      for (byte[] review : reviews(file)) {
        for (Endpoint endpoint : List.of(Endpoint.VALIDATE, Endpoint.MUTATE)) {
          JsonNode response =
              MAPPER
                  .readTree(handler.handle(endpoint, "application/json", review).body())
                  .get("response");
          assertThat(response.get("allowed").asBoolean())
              .as(
                  "%s %s (%s): %s",
                  endpoint, file, lookup == null ? "no registry" : "registry", response)
              .isTrue();
        }
      }
    }
  }

  private static InspectedImage.InspectedPlatform platform(String os, String version) {
    return new InspectedImage.InspectedPlatform(
        os, "amd64", version, "sha256:" + "b".repeat(64), 3, 1000, 0);
  }

  private static List<byte[]> reviews(String file) throws Exception {
    String text = Files.readString(REAL.resolve(file), StandardCharsets.UTF_8);
    List<byte[]> out = new ArrayList<>();
    int i = 0;
    for (ManifestObject o : ManifestReader.defaults().read(file, text).objects()) {
      if (o.kind().equals("Service")) {
        continue;
      }
      String apiVersion = String.valueOf(o.tree().get("apiVersion"));
      int slash = apiVersion.indexOf('/');
      ObjectNode review = MAPPER.createObjectNode();
      review.put("apiVersion", "admission.k8s.io/v1");
      review.put("kind", "AdmissionReview");
      ObjectNode request = review.putObject("request");
      request.put("uid", "u-" + i++);
      ObjectNode kind = request.putObject("kind");
      kind.put("group", slash < 0 ? "" : apiVersion.substring(0, slash));
      kind.put("version", slash < 0 ? apiVersion : apiVersion.substring(slash + 1));
      kind.put("kind", o.kind());
      request.put("namespace", o.namespace() == null ? "default" : o.namespace());
      request.put("operation", "CREATE");
      request.put("dryRun", false);
      request.set("object", MAPPER.valueToTree(o.tree()));
      out.add(MAPPER.writeValueAsBytes(review));
    }
    return out;
  }
}
