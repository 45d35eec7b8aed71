package dev.winfleet.registry.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.winfleet.registry.api.MediaTypes;
import dev.winfleet.registry.api.Platform;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManifestParserTest {

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = ManifestParserTest.class.getResourceAsStream("/manifests/" + name)) {
      return in.readAllBytes();
    }
  }

  @Test
  void readsAWindowsManifestListWithOsVersionsAsMcrPublishesThem() throws IOException {
    ParsedManifest.Index idx =
        (ParsedManifest.Index)
            ManifestParser.parseManifest(resource("mcr-servercore-list.json"), null);
    assertThat(idx.mediaType()).isEqualTo(MediaTypes.DOCKER_MANIFEST_LIST);
    assertThat(idx.entries())
        .extracting(e -> e.platform().osVersion())
        .containsExactly("10.0.17763.6414", "10.0.20348.2762");
  }

  @Test
  void readsForeignLayersWithTheirUrls() throws IOException {
    ParsedManifest.Image m =
        (ParsedManifest.Image)
            ManifestParser.parseManifest(resource("docker-foreign-layer.json"), null);
    assertThat(m.layers()).hasSize(2);
    assertThat(m.layers().get(0).isForeign()).isTrue();
    assertThat(m.layers().get(0).urls())
        .singleElement()
        .asString()
        .startsWith("https://mcr.microsoft.com/");
    assertThat(m.layers().get(1).isForeign()).isFalse();
  }

  @Test
  void takesTheMediaTypeFromTheContentTypeWhenTheManifestOmitsIt() {
    byte[] body =
        ("{\"schemaVersion\":2,\"config\":{\"mediaType\":\"x\",\"digest\":\"sha256:"
                + "a".repeat(64)
                + "\",\"size\":2},\"layers\":[]}")
            .getBytes(StandardCharsets.UTF_8);
    assertThat(
            ManifestParser.parseManifest(body, MediaTypes.DOCKER_MANIFEST + "; charset=utf-8")
                .mediaType())
        .isEqualTo(MediaTypes.DOCKER_MANIFEST);
    assertThat(ManifestParser.parseManifest(body, null).mediaType())
        .isEqualTo(MediaTypes.OCI_MANIFEST);
  }

  @Test
  void readsOsVersionAndFeaturesFromAConfigBlob() {
    Platform p =
        ManifestParser.parseConfigPlatform(
            "{\"architecture\":\"amd64\",\"os\":\"windows\",\"os.version\":\"10.0.20348.2762\",\"os.features\":[\"win32k\"]}"
                .getBytes(StandardCharsets.UTF_8));
    assertThat(p)
        .isEqualTo(new Platform("windows", "amd64", "", "10.0.20348.2762", List.of("win32k")));
  }

  @Test
  void refusesSchema1BadDigestsAndNonJson() {
    assertThatThrownBy(
            () ->
                ManifestParser.parseManifest(
                    "{\"schemaVersion\":1}".getBytes(StandardCharsets.UTF_8), null))
        .hasMessageContaining("schema 1");
    assertThatThrownBy(
            () ->
                ManifestParser.parseManifest(
                    "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":[{\"digest\":\"nope\",\"size\":1}]}"
                        .getBytes(StandardCharsets.UTF_8),
                    null))
        .hasMessageContaining("invalid digest");
    assertThatThrownBy(
            () -> ManifestParser.parseManifest("<html>".getBytes(StandardCharsets.UTF_8), null))
        .hasMessageContaining("not valid JSON");
  }
}
