package dev.winfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.winfleet.core.manifest.YamlFormat;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@EnableKubernetesMockClient(crud = true)
class InstallCommandTest {

  KubernetesClient client;

  private static List<JsonNode> docs(String yaml) throws Exception {
    List<JsonNode> docs = new ArrayList<>();
    YamlFormat.mapper()
        .readerFor(JsonNode.class)
        .readValues(yaml)
        .forEachRemaining(n -> docs.add((JsonNode) n));
    return docs;
  }

  private static JsonNode find(List<JsonNode> docs, String kind) {
    return docs.stream()
        .filter(d -> d.get("kind").asText().equals(kind))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind));
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
    assertThat(docs).hasSize(13);
    JsonNode deployment = find(docs, "Deployment");
    assertThat(deployment.at("/spec/replicas").asInt()).isEqualTo(4);
    assertThat(deployment.at("/spec/template/spec/containers/0/image").asText())
        .isEqualTo("registry.local/winfleet:9");
    assertThat(run.out()).contains("caBundle:");
    assertThat(run.err()).isEmpty();
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
  void warnIsTheDefault() throws Exception {
    List<JsonNode> docs = docs(CliRun.of("install", "--image", "r.example/w:1").out());
    assertThat(docs.stream().map(d -> d.get("kind").asText()))
        .doesNotContain("MutatingWebhookConfiguration");
    assertThat(
            find(docs, "ValidatingWebhookConfiguration").at("/webhooks/0/failurePolicy").asText())
        .isEqualTo("Ignore");
  }

  @Test
  void enforceTellsHowToApplyInTwoSteps() throws Exception {
    CliRun run = CliRun.of("install", "--mode", "enforce", "--image", "r.example/w:1");
    assertThat(run.exitCode()).isZero();
    assertThat(
            find(docs(run.out()), "ValidatingWebhookConfiguration")
                .at("/webhooks/0/failurePolicy")
                .asText())
        .isEqualTo("Fail");
    assertThat(run.err()).contains("-l winfleet.dev/part=workload", "rollout status");
  }

  @Test
  void failurePolicyIsTheUsersChoice() throws Exception {
    CliRun run =
        CliRun.of(
            "install",
            "--mode",
            "enforce",
            "--failure-policy",
            "Ignore",
            "--image",
            "r.example/w:1");
    assertThat(
            find(docs(run.out()), "ValidatingWebhookConfiguration")
                .at("/webhooks/0/failurePolicy")
                .asText())
        .isEqualTo("Ignore");
    assertThat(run.err()).isEmpty();
  }

  @Test
  void aDevelopmentBuildHasNoDefaultImage() {
    // The tests run from a -SNAPSHOT build: no image of it is published anywhere.
    assertThat(VersionProvider.version()).endsWith("-SNAPSHOT");
    CliRun run = CliRun.of("install", "--cert-manager");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .contains("development build and no image is published for it")
        .contains("--image");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"Registry.Example/Winfleet:1", "r.example/w:bad tag", "r.example/w@sha256:12"})
  void rejectsAnImageReferenceThatIsNotOne(String ref) {
    CliRun run = CliRun.of("install", "--image", ref);
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).startsWith("winfleet: --image: ");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void rejectsANamespaceThatIsNotADnsLabel() {
    CliRun run = CliRun.of("install", "--namespace", "Bad_NS", "--image", "r.example/w:1");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("not a DNS label");
  }

  /** The Deployment's container args, as {@code serve} parses them. */
  private static ServeCommand serveAsInstalled(List<JsonNode> docs) {
    List<String> args = new ArrayList<>();
    find(docs, "Deployment")
        .at("/spec/template/spec/containers/0/args")
        .forEach(a -> args.add(a.asText()));
    picocli.CommandLine.ParseResult parsed =
        Main.newCommandLine().parseArgs(args.toArray(String[]::new));
    assertThat(parsed.subcommand().commandSpec().name()).isEqualTo("serve");
    return (ServeCommand) parsed.subcommand().commandSpec().userObject();
  }

  private static long authDelegatorBindings(List<JsonNode> docs) {
    return docs.stream()
        .filter(d -> d.get("kind").asText().equals("ClusterRoleBinding"))
        .filter(d -> d.at("/roleRef/name").asText().equals("system:auth-delegator"))
        .count();
  }

  @Test
  void dashboardTokenReviewBindsAuthDelegatorAndServeReviewsTokens() throws Exception {
    CliRun run =
        CliRun.of(
            "install",
            "--namespace",
            "platform",
            "--image",
            "r.example/w:1",
            "--dashboard-auth",
            "tokenreview");
    assertThat(run.exitCode()).as(run.err()).isZero();
    List<JsonNode> docs = docs(run.out());
    assertThat(authDelegatorBindings(docs)).isEqualTo(1);
    assertThat(serveAsInstalled(docs).dashboardAuth)
        .isEqualTo(ServeCommand.DashboardAuth.TOKENREVIEW);
    assertThat(serveAsInstalled(docs).dashboardTokenFile).isNull();
  }

  @Test
  void theDashboardIsUnguardedAndNothingIsBoundToAuthDelegatorByDefault() throws Exception {
    List<JsonNode> docs = docs(CliRun.of("install", "--image", "r.example/w:1").out());
    assertThat(authDelegatorBindings(docs)).isZero();
    assertThat(serveAsInstalled(docs).dashboardAuth).isEqualTo(ServeCommand.DashboardAuth.NONE);
    assertThat(serveAsInstalled(docs).dashboardBind).isEqualTo("127.0.0.1");
  }

  @Test
  void aDashboardAuthThatInstallDoesNotOfferIsABadUsage() {
    // token needs a token file, which install has no way to provide.
    CliRun run = CliRun.of("install", "--image", "r.example/w:1", "--dashboard-auth", "token");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).contains("--dashboard-auth").containsIgnoringCase("tokenreview");
  }

  @ParameterizedTest
  @CsvSource({"enforce,none", "warn,none", "audit,none", "enforce,tokenreview", "warn,tokenreview"})
  void uninstallLeavesNothingBehind(String mode, String dashboardAuth) {
    String installed =
        CliRun.of(
                "install",
                "--mode",
                mode,
                "--namespace",
                "platform",
                "--image",
                "r.example/w:1",
                "--dashboard-auth",
                dashboardAuth)
            .out();
    List<HasMetadata> objects = load(installed);
    for (HasMetadata o : objects) {
      client.resource(o).create();
    }
    for (HasMetadata o : objects) {
      assertThat(client.resource(o).get()).as(o.getKind()).isNotNull();
    }
    CliRun uninstall = CliRun.of("uninstall", "--namespace", "platform");
    assertThat(uninstall.exitCode()).isZero();
    for (HasMetadata o : load(uninstall.out())) {
      client.resource(o).delete();
    }
    // The mock does not cascade a Namespace's deletion: every object must be named.
    for (HasMetadata o : objects) {
      assertThat(client.resource(o).get()).as(o.getKind()).isNull();
    }
  }

  private List<HasMetadata> load(String yaml) {
    return client.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))).items();
  }
}
