package dev.winfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import dev.winfleet.core.manifest.YamlFormat;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * charts/winfleet rendered and linted by real Helm (helm-java: Helm's Go code through JNA): for
 * every mode, with and without cert-manager, with and without the dashboard's TokenReview, it
 * renders exactly the objects {@code winfleet install} prints with the same flags (but the
 * Namespace, which Helm creates, and the generated TLS material, which differs on every run), and
 * {@code winfleet check} passes on both.
 */
@EnableKubernetesMockClient(crud = true)
class HelmChartIT {

  static KubernetesMockServer server;
  static KubernetesClient client;

  /**
   * helm-java renders like an install dry run, which lets the chart's {@code lookup} (of the TLS
   * Secret to keep across upgrades) ask the cluster of {@code $KUBECONFIG}: here fabric8's mock API
   * server, with the discovery answer Helm's lookup needs. Go takes the environment the process
   * started with, so winfleet-cli's pom runs this class in its own failsafe execution with
   * KUBECONFIG set to a file this method writes; in other runs the class is skipped.
   */
  @BeforeAll
  static void cluster() throws IOException {
    String path = System.getenv("KUBECONFIG");
    assumeTrue(
        path != null && path.endsWith("helm-it/kubeconfig"),
        "run by the 'helm' failsafe execution of winfleet-cli, which sets KUBECONFIG");
    server
        .expect()
        .get()
        // Helm's discovery client asks with its own timeout parameter.
        .withPath("/api/v1?timeout=32s")
        .andReturn(
            200,
            "{\"kind\":\"APIResourceList\",\"apiVersion\":\"v1\",\"groupVersion\":\"v1\","
                + "\"resources\":[{\"name\":\"secrets\",\"singularName\":\"secret\","
                + "\"namespaced\":true,\"kind\":\"Secret\",\"verbs\":[\"get\",\"list\"]}]}")
        .always();
    Path kubeconfig = Path.of(path);
    Files.createDirectories(kubeconfig.getParent());
    Files.writeString(
        kubeconfig,
        """
        apiVersion: v1
        kind: Config
        clusters:
        - name: mock
          cluster:
            server: %s
            insecure-skip-tls-verify: true
        users:
        - name: mock
          user:
            token: test
        contexts:
        - name: mock
          context:
            cluster: mock
            user: mock
        current-context: mock
        """
            .formatted(client.getMasterUrl().toString()));
  }

  private static final Path CHART = Path.of("..", "charts", "winfleet");
  private static final String NS = "platform";
  private static final String REPOSITORY = "registry.example.com/platform/winfleet";
  private static final String TAG = "1.2.3";
  private static final YAMLMapper YAML = YamlFormat.mapper();

  @TempDir Path tmp;

  /** Each mode and TLS source once with the dashboard's TokenReview and once without. */
  static Stream<Arguments> renderings() {
    List<Arguments> out = new ArrayList<>();
    for (String mode : List.of("enforce", "warn", "audit")) {
      out.add(Arguments.of(mode, false, mode.equals("warn") ? "tokenreview" : "none"));
      out.add(Arguments.of(mode, true, mode.equals("warn") ? "none" : "tokenreview"));
    }
    return out.stream();
  }

  private static TemplateCommand template() {
    return new Helm(CHART)
        .template()
        .withName("winfleet")
        .withNamespace(NS)
        .set("image.repository", REPOSITORY)
        .set("image.tag", TAG);
  }

  private static List<JsonNode> docs(String yaml) throws IOException {
    List<JsonNode> docs = new ArrayList<>();
    YAML.readerFor(JsonNode.class)
        .readValues(yaml)
        .forEachRemaining(
            n -> {
              JsonNode node = (JsonNode) n;
              if (node != null && node.isObject() && node.has("kind")) {
                docs.add(node);
              }
            });
    return docs;
  }

  /** The objects by kind/name, generated TLS values blanked, the Namespace left out. */
  private static Map<String, JsonNode> comparable(List<JsonNode> docs) {
    Map<String, JsonNode> out = new TreeMap<>();
    for (JsonNode d : docs) {
      JsonNode copy = d.deepCopy();
      String kind = copy.get("kind").asText();
      if (kind.equals("Namespace")) {
        continue;
      }
      if (kind.equals("Secret")) {
        ObjectNode data = (ObjectNode) copy.get("data");
        List<String> names = new ArrayList<>();
        data.fieldNames().forEachRemaining(names::add);
        names.forEach(n -> data.set(n, TextNode.valueOf("<generated>")));
      }
      if (copy.has("webhooks")) {
        for (JsonNode hook : copy.get("webhooks")) {
          ObjectNode client = (ObjectNode) hook.get("clientConfig");
          if (client.has("caBundle")) {
            client.set("caBundle", TextNode.valueOf("<generated>"));
          }
        }
      }
      out.put(kind + "/" + copy.at("/metadata/name").asText(), copy);
    }
    return out;
  }

  @ParameterizedTest(name = "{0}, cert-manager {1}, dashboard {2}")
  @MethodSource("renderings")
  void theChartRendersWhatInstallPrints(String mode, boolean certManager, String dashboardAuth)
      throws IOException {
    String rendered =
        template()
            .set("mode", mode)
            .set("certManager.enabled", certManager)
            .set("dashboard.auth", dashboardAuth)
            .call();
    List<String> args =
        new ArrayList<>(
            List.of(
                "install",
                "--namespace",
                NS,
                "--image",
                REPOSITORY + ":" + TAG,
                "--mode",
                mode,
                "--dashboard-auth",
                dashboardAuth));
    if (certManager) {
      args.add("--cert-manager");
    }
    CliRun install = CliRun.of(args.toArray(String[]::new));
    assertThat(install.exitCode()).isZero();

    List<JsonNode> chart = docs(rendered);
    assertThat(comparable(chart)).isEqualTo(comparable(docs(install.out())));
    List<JsonNode> delegations =
        chart.stream()
            .filter(d -> d.at("/roleRef/name").asText().equals("system:auth-delegator"))
            .toList();
    assertThat(delegations).hasSize(dashboardAuth.equals("tokenreview") ? 1 : 0);
    for (JsonNode binding : delegations) {
      assertThat(binding.get("kind").asText()).isEqualTo("ClusterRoleBinding");
      assertThat(binding.at("/subjects/0/name").asText()).isEqualTo("winfleet");
      assertThat(binding.at("/subjects/0/namespace").asText()).isEqualTo(NS);
    }
    JsonNode deployment =
        chart.stream().filter(d -> d.get("kind").asText().equals("Deployment")).findFirst().get();
    assertThat(deployment.at("/spec/template/spec/containers/0/args").toString())
        .contains("\"--dashboard-auth=" + dashboardAuth + "\"");
    if (!certManager && !mode.equals("audit")) {
      JsonNode secret =
          chart.stream().filter(d -> d.get("kind").asText().equals("Secret")).findFirst().get();
      for (JsonNode d : chart) {
        for (JsonNode hook : d.path("webhooks")) {
          assertThat(hook.at("/clientConfig/caBundle").asText())
              .isEqualTo(secret.at("/data/ca.crt").asText())
              .isNotEmpty();
        }
      }
    }

    for (String manifests : List.of(rendered, install.out())) {
      CliRun check = CliRun.runWithStdin(manifests, "check", "-");
      assertThat(check.exitCode()).as(check.out() + check.err()).isZero();
    }
  }

  @ParameterizedTest(name = "{0}, cert-manager {1}, dashboard {2}")
  @MethodSource("renderings")
  void theChartLintsCleanInEveryMode(String mode, boolean certManager, String dashboardAuth)
      throws IOException {
    Path chart = copyChart();
    String values = Files.readString(chart.resolve("values.yaml"));
    assertThat(values).contains("  auth: none\n", "  enabled: false\n\ndashboard:");
    Files.writeString(
        chart.resolve("values.yaml"),
        values
            .replace("mode: warn", "mode: " + mode)
            .replace("  tag: \"\"", "  tag: \"" + TAG + "\"")
            .replace("  auth: none\n", "  auth: " + dashboardAuth + "\n")
            .replace(
                "  enabled: false\n\ndashboard:", "  enabled: " + certManager + "\n\ndashboard:"));
    LintResult lint = new Helm(chart).lint().strict().call();
    assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isFalse();
  }

  @Test
  void monitoringObjectsRenderWhenEnabled() throws IOException {
    String rendered =
        template()
            .set("serviceMonitor.enabled", true)
            .set("prometheusRule.enabled", true)
            .set("grafanaDashboard.enabled", true)
            .call();
    List<JsonNode> docs = docs(rendered);
    assertThat(docs.stream().map(d -> d.get("kind").asText()))
        .contains("ServiceMonitor", "PrometheusRule", "ConfigMap");
    JsonNode rule =
        docs.stream()
            .filter(d -> d.get("kind").asText().equals("PrometheusRule"))
            .findFirst()
            .get();
    assertThat(rule.at("/spec/groups/0/rules").findValuesAsText("alert"))
        .contains("WinfleetWebhookErrors", "WinfleetFindings", "WinfleetWebhookDown");
    assertThat(rule.toString()).contains("{{ $labels.rule }}");
    JsonNode dashboard =
        docs.stream().filter(d -> d.get("kind").asText().equals("ConfigMap")).findFirst().get();
    JsonNode json = new ObjectMapper().readTree(dashboard.at("/data/winfleet.json").asText());
    assertThat(json.get("uid").asText()).isEqualTo("winfleet-webhook");
    assertThat(json.get("panels").toString())
        .contains("winfleet_admission_findings_total", "failed_open|failed_closed|invalid");
    CliRun check = CliRun.runWithStdin(rendered, "check", "-");
    assertThat(check.exitCode()).as(check.out() + check.err()).isZero();
  }

  @Test
  void anUpgradeKeepsTheTlsSecretThatIsInTheCluster() throws IOException {
    client
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("winfleet-tls")
                .withNamespace(NS)
                .endMetadata()
                .withType("kubernetes.io/tls")
                .addToData("ca.crt", "Q0E=")
                .addToData("tls.crt", "Q1JU")
                .addToData("tls.key", "S0VZ")
                .build())
        .create();
    try {
      List<JsonNode> docs = docs(template().set("mode", "enforce").call());
      for (JsonNode d : docs) {
        if (d.get("kind").asText().equals("Secret")) {
          assertThat(d.at("/data/tls.crt").asText()).isEqualTo("Q1JU");
          assertThat(d.at("/data/tls.key").asText()).isEqualTo("S0VZ");
        }
        for (JsonNode hook : d.path("webhooks")) {
          assertThat(hook.at("/clientConfig/caBundle").asText()).isEqualTo("Q0E=");
        }
      }
    } finally {
      client.secrets().inNamespace(NS).withName("winfleet-tls").delete();
    }
  }

  @Test
  void aDevelopmentChartWithoutAnImageTagDoesNotRender() {
    assertThatThrownBy(() -> new Helm(CHART).template().withNamespace(NS).call())
        .hasMessageContaining("development build and no image is published");
  }

  @Test
  void theDashboardIsUnguardedWithoutADelegationByDefault() throws IOException {
    List<JsonNode> docs = docs(template().call());
    assertThat(docs).noneMatch(d -> d.toString().contains("auth-delegator"));
    JsonNode deployment =
        docs.stream().filter(d -> d.get("kind").asText().equals("Deployment")).findFirst().get();
    assertThat(deployment.at("/spec/template/spec/containers/0/args").toString())
        .contains("\"--dashboard-auth=none\"");
  }

  @Test
  void aDashboardAuthThatIsNeitherNoneNorTokenReviewDoesNotRender() {
    assertThatThrownBy(() -> template().set("dashboard.auth", "token").call())
        .hasMessageContaining("dashboard.auth is \"token\": it must be none or tokenreview");
  }

  @Test
  void aModeThatIsNoneOfTheThreeDoesNotRender() {
    assertThatThrownBy(() -> template().set("mode", "enforcing").call())
        .hasMessageContaining("it must be enforce, warn or audit");
  }

  @Test
  void theChartFollowsTheProjectVersion() throws IOException {
    JsonNode chart = YAML.readTree(CHART.resolve("Chart.yaml").toFile());
    assertThat(chart.get("appVersion").asText()).isEqualTo(VersionProvider.version());
    assertThat(chart.get("version").asText()).isEqualTo(VersionProvider.version());
  }

  private Path copyChart() throws IOException {
    Path target = tmp.resolve("winfleet");
    try (Stream<Path> files = Files.walk(CHART)) {
      for (Path p : files.toList()) {
        Path to = target.resolve(CHART.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(to);
        } else {
          Files.copy(p, to);
        }
      }
    }
    return target;
  }
}
