package dev.winfleet.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonPatchTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static JsonNode json(String text) throws Exception {
    return MAPPER.readTree(text.replace('\'', '"'));
  }

  @Test
  void escapesSlashAndTildeInLabelKeys() {
    assertThat(JsonPatch.pointer("node.kubernetes.io/windows-build"))
        .isEqualTo("/node.kubernetes.io~1windows-build");
    assertThat(JsonPatch.pointer("a~b/c")).isEqualTo("/a~0b~1c");
    assertThat(JsonPatch.pointer("~1")).isEqualTo("/~01");
    assertThat(JsonPatch.pointer("plain")).isEqualTo("/plain");
  }

  @Test
  void pointersReadBackToTheSameTokensEvenForTrickyOnes() throws Exception {
    for (String token : List.of("~1", "~0", "/~", "~/", "a/b~c", "", "~01")) {
      JsonNode doc = JsonNodeFactory.instance.objectNode().put(token, "v");
      assertThat(doc.at(JsonPatch.pointer(token)).asText()).as(token).isEqualTo("v");
      assertThat(doc.at(JsonPatch.child("", token)).asText()).as(token).isEqualTo("v");
    }
  }

  @Test
  void buildsPointersFromUnescapedTokens() {
    assertThat(JsonPatch.pointer("spec", "nodeSelector", "node.kubernetes.io/windows-build"))
        .isEqualTo("/spec/nodeSelector/node.kubernetes.io~1windows-build");
    assertThat(JsonPatch.child("/spec/template/spec", "kubernetes.io/os"))
        .isEqualTo("/spec/template/spec/kubernetes.io~1os");
    assertThat(JsonPatch.pointer()).isEmpty();
  }

  @Test
  void writesRfc6902Operations() throws Exception {
    List<JsonPatch.Operation> ops =
        JsonPatch.builder()
            .add("/spec/nodeSelector/kubernetes.io~1os", "windows")
            .replace("/spec/os", json("{'name':'windows'}"))
            .remove("/spec/hostNetwork")
            .build();
    assertThat(JsonPatch.toJson(ops))
        .isEqualTo(
            json(
                "[{'op':'add','path':'/spec/nodeSelector/kubernetes.io~1os','value':'windows'},"
                    + "{'op':'replace','path':'/spec/os','value':{'name':'windows'}},"
                    + "{'op':'remove','path':'/spec/hostNetwork'}]"));
  }

  @Test
  void appliesAddReplaceRemoveWithEscapedKeys() throws Exception {
    JsonNode pod = json("{'spec':{'nodeSelector':{'a':'1'},'hostNetwork':true,'os':{'name':'x'}}}");
    JsonNode patched =
        AppliedPatches.apply(
            pod,
            JsonPatch.builder()
                .add(
                    JsonPatch.pointer("spec", "nodeSelector", "node.kubernetes.io/windows-build"),
                    "10.0.17763")
                .replace("/spec/os/name", "windows")
                .remove("/spec/hostNetwork")
                .build());
    assertThat(patched)
        .isEqualTo(
            json(
                "{'spec':{'nodeSelector':{'a':'1','node.kubernetes.io/windows-build':'10.0.17763'},"
                    + "'os':{'name':'windows'}}}"));
    assertThat(pod.at("/spec/hostNetwork").asBoolean()).as("input untouched").isTrue();
  }

  @Test
  void appliesArrayOperations() throws Exception {
    JsonNode doc = json("{'t':['a','c']}");
    JsonNode patched =
        AppliedPatches.apply(
            doc, JsonPatch.builder().add("/t/1", "b").add("/t/-", "d").remove("/t/0").build());
    assertThat(patched).isEqualTo(json("{'t':['b','c','d']}"));
  }

  @Test
  void operationsAreValidatedAndCopied() {
    assertThatThrownBy(() -> JsonPatch.builder().add("spec", "x"))
        .hasMessageContaining("must be empty or start with '/'");
    var value = JsonNodeFactory.instance.objectNode().put("a", "1");
    JsonPatch.Operation op = JsonPatch.builder().add("/x", value).build().get(0);
    value.put("a", "2");
    assertThat(op.value().get("a").asText()).isEqualTo("1");
  }
}
