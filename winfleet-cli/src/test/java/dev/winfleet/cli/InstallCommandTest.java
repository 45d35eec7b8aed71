package dev.winfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InstallCommandTest {

  private static List<JsonNode> docs(String yaml) throws Exception {
    List<JsonNode> docs = new ArrayList<>();
    new YAMLMapper()
        .readerFor(JsonNode.class)
        .readValues(yaml)
        .forEachRemaining(n -> docs.add((JsonNode) n));
    return docs;
  }

  @Test
  void printsManifestsForKubectlApply() throws Exception {
    CliRun run =
        CliRun.of(
            "install",
            "--namespace",
            "platform",
            "--image",
            "registry.local/winfleet:9",
            "--replicas",
            "4");
    assertThat(run.exitCode()).isZero();
    List<JsonNode> docs = docs(run.out());
    assertThat(docs).hasSize(14);
    JsonNode deployment =
        docs.stream()
            .filter(d -> d.get("kind").asText().equals("Deployment"))
            .findFirst()
            .orElseThrow();
    assertThat(deployment.at("/spec/replicas").asInt()).isEqualTo(4);
    assertThat(deployment.at("/spec/template/spec/containers/0/image").asText())
        .isEqualTo("registry.local/winfleet:9");
    assertThat(run.out()).contains("caBundle:");
  }

  @Test
  void crdsPrintsOnlyThePolicyReportDefinitions() throws Exception {
    CliRun run = CliRun.of("install", "--crds");
    assertThat(run.exitCode()).isZero();
    assertThat(docs(run.out()))
        .extracting(d -> d.at("/metadata/name").asText())
        .containsExactly("policyreports.wgpolicyk8s.io", "clusterpolicyreports.wgpolicyk8s.io");
  }

  @Test
  void defaultImageIsTheOneJibBuilds() throws Exception {
    CliRun run = CliRun.of("install", "--cert-manager");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .contains("image: winfleet:" + VersionProvider.version())
        .doesNotContain("caBundle");
  }

  @Test
  void rejectsANamespaceThatIsNotADnsLabel() {
    CliRun run = CliRun.of("install", "--namespace", "Bad_NS");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("not a DNS label");
  }
}
