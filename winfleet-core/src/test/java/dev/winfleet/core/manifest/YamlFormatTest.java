package dev.winfleet.core.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class YamlFormatTest {

  @Test
  void quotesOnlyStringsAReaderWouldTakeForSomethingElse() throws Exception {
    Map<String, Object> object = new LinkedHashMap<>();
    object.put("name", "web");
    object.put("build", "10.0");
    object.put("flag", "true");
    object.put("replicas", 3);
    assertThat(YamlFormat.mapper().writeValueAsString(object))
        .isEqualTo("---\nname: web\nbuild: \"10.0\"\nflag: \"true\"\nreplicas: 3\n");
  }

  @Test
  void neverSplitsLongStrings() throws Exception {
    String words = "word ".repeat(40).strip();
    assertThat(YamlFormat.mapper().writeValueAsString(Map.of("text", words)))
        .isEqualTo("---\ntext: " + words + "\n");
  }

  @Test
  void anOutputAdjustsTheBuilder() throws Exception {
    assertThat(
            YamlFormat.mapper(b -> b.disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER))
                .writeValueAsString(Map.of("a", "b")))
        .isEqualTo("a: b\n");
  }

  @Test
  void readsWithTheManifestReadersNestingLimit() throws Exception {
    int depth = ManifestReader.Limits.defaults().maxDepth() + 1;
    String yaml = "[".repeat(depth) + "]".repeat(depth);
    assertThatThrownBy(() -> YamlFormat.mapper().readTree(yaml)).hasMessageContaining("depth");
    String allowed = "[".repeat(depth - 1) + "]".repeat(depth - 1);
    assertThat(YamlFormat.mapper().readTree(allowed).isArray()).isTrue();
  }
}
