package dev.winfleet.server.install;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.winfleet.core.manifest.YamlFormat;
import dev.winfleet.server.api.EnforcementMode;
import dev.winfleet.server.tls.Pem;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class InstallManifestsTest {

  private static final Instant NOW = Instant.parse("2025-06-01T00:00:00Z");

  private static List<JsonNode> parse(String yaml) throws Exception {
    List<JsonNode> docs = new ArrayList<>();
    YamlFormat.mapper()
        .readerFor(JsonNode.class)
        .readValues(yaml)
        .forEachRemaining(n -> docs.add((JsonNode) n));
    return docs;
  }

  private static List<JsonNode> install(InstallOptions options) throws Exception {
    InstallManifests.GeneratedTls tls =
        options.certManager() ? null : InstallManifests.generateTls(options.namespace(), NOW);
    return parse(InstallManifests.yaml(InstallManifests.objects(options, tls)));
  }

  private static JsonNode find(List<JsonNode> docs, String kind) {
    return docs.stream()
        .filter(d -> d.path("kind").asText().equals(kind))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind));
  }

  private final InstallOptions defaults = new InstallOptions("winfleet", "winfleet:1.0", 3, false);

  private static InstallOptions enforce(String ns, String image, int replicas, boolean cm) {
    return new InstallOptions(ns, image, replicas, cm, EnforcementMode.ENFORCE, null);
  }

  @Test
  void listsEveryObjectInApplyOrder() throws Exception {
    assertThat(
            install(defaults.withMode(EnforcementMode.ENFORCE)).stream()
                .map(d -> d.get("kind").asText()))
        .containsExactly(
            "Namespace",
            "ServiceAccount",
            "ClusterRole",
            "ClusterRoleBinding",
            "ClusterRole",
            "ClusterRoleBinding",
            "Role",
            "RoleBinding",
            "Secret",
            "Deployment",
            "PodDisruptionBudget",
            "Service",
            "MutatingWebhookConfiguration",
            "ValidatingWebhookConfiguration");
  }

  @Test
  void rbacIsReadOnly() throws Exception {
    JsonNode role = find(install(defaults), "ClusterRole");
    for (JsonNode rule : role.get("rules")) {
      for (JsonNode verb : rule.get("verbs")) {
        assertThat(verb.asText()).isIn("get", "list", "watch");
      }
    }
    assertThat(role.get("rules").toString())
        .contains("nodes")
        .contains("runtimeclasses")
        .contains("secrets");
    JsonNode binding = find(install(defaults), "ClusterRoleBinding");
    assertThat(binding.at("/subjects/0/namespace").asText()).isEqualTo("winfleet");
  }

  @Test
  void theAuditMayWatchWorkloadsAndWriteOnlyReportsEventsAndItsLease() throws Exception {
    List<JsonNode> docs = install(defaults);
    JsonNode audit =
        docs.stream()
            .filter(
                d ->
                    d.get("kind").asText().equals("ClusterRole")
                        && d.at("/metadata/name").asText().equals("winfleet-audit"))
            .findFirst()
            .orElseThrow();
    java.util.Map<String, String> verbs = new java.util.TreeMap<>();
    for (JsonNode rule : audit.get("rules")) {
      for (JsonNode r : rule.get("resources")) {
        verbs.put(
            rule.at("/apiGroups/0").asText() + "/" + r.asText(), rule.get("verbs").toString());
      }
    }
    String read = "[\"get\",\"list\",\"watch\"]";
    assertThat(verbs)
        .containsEntry("/pods", read)
        .containsEntry("apps/deployments", read)
        .containsEntry("apps/replicasets", read)
        .containsEntry("batch/cronjobs", read)
        .containsEntry("/events", "[\"create\",\"patch\"]")
        .containsKey("wgpolicyk8s.io/policyreports");
    assertThat(verbs.get("wgpolicyk8s.io/policyreports")).contains("update").contains("delete");
    JsonNode lease = find(docs, "Role");
    assertThat(lease.at("/metadata/namespace").asText()).isEqualTo("winfleet");
    assertThat(lease.at("/rules/0/resources/0").asText()).isEqualTo("leases");
    JsonNode binding = find(docs, "RoleBinding");
    assertThat(binding.at("/subjects/0/name").asText()).isEqualTo("winfleet");
  }

  @Test
  void theCrdsAreTheUpstreamPolicyReportDefinitions() {
    String crds = InstallManifests.crdsYaml();
    assertThat(crds)
        .contains("name: policyreports.wgpolicyk8s.io")
        .contains("name: clusterpolicyreports.wgpolicyk8s.io")
        .contains("name: v1alpha2");
  }

  @Test
  void theDeploymentIsHardened() throws Exception {
    List<JsonNode> docs =
        install(new InstallOptions("platform", "registry.local/winfleet:2", 3, false));
    JsonNode dep = find(docs, "Deployment");
    assertThat(dep.at("/metadata/namespace").asText()).isEqualTo("platform");
    assertThat(dep.at("/spec/replicas").asInt()).isEqualTo(3);
    JsonNode pod = dep.at("/spec/template/spec");
    assertThat(pod.at("/nodeSelector/kubernetes.io~1os").asText()).isEqualTo("linux");
    assertThat(pod.at("/affinity/podAntiAffinity").toString()).contains("kubernetes.io/hostname");
    JsonNode c = pod.at("/containers/0");
    assertThat(c.get("image").asText()).isEqualTo("registry.local/winfleet:2");
    assertThat(c.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/readyz");
    assertThat(c.at("/readinessProbe/httpGet/scheme").asText()).isEqualTo("HTTPS");
    assertThat(c.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/healthz");
    assertThat(c.at("/resources/requests/cpu").asText()).isEqualTo("100m");
    assertThat(c.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
    assertThat(c.at("/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();
    assertThat(c.get("args").toString()).contains("--tls-cert=/etc/winfleet/tls/tls.crt");
    assertThat(find(docs, "PodDisruptionBudget").at("/spec/maxUnavailable").asInt()).isEqualTo(1);
    assertThat(find(docs, "Service").at("/spec/ports/0/port").asInt()).isEqualTo(443);
  }

  @Test
  void webhooksFollowTheIssue() throws Exception {
    List<JsonNode> docs = install(enforce("platform", "w:1", 3, false));
    JsonNode mutating = find(docs, "MutatingWebhookConfiguration").at("/webhooks/0");
    JsonNode validating = find(docs, "ValidatingWebhookConfiguration").at("/webhooks/0");
    assertThat(mutating.get("failurePolicy").asText()).isEqualTo("Ignore");
    assertThat(validating.get("failurePolicy").asText()).isEqualTo("Fail");
    for (JsonNode hook : List.of(mutating, validating)) {
      assertThat(hook.get("timeoutSeconds").asInt()).isEqualTo(5);
      assertThat(hook.get("sideEffects").asText()).isEqualTo("None");
      assertThat(hook.get("admissionReviewVersions").toString()).isEqualTo("[\"v1\",\"v1beta1\"]");
      assertThat(hook.at("/namespaceSelector/matchExpressions/0/operator").asText())
          .isEqualTo("NotIn");
      assertThat(hook.at("/namespaceSelector/matchExpressions/0/values").toString())
          .isEqualTo("[\"kube-system\",\"kube-node-lease\",\"platform\"]");
      assertThat(hook.at("/clientConfig/service/namespace").asText()).isEqualTo("platform");
      assertThat(hook.get("rules").toString())
          .contains(
              "pods",
              "deployments",
              "statefulsets",
              "daemonsets",
              "replicasets",
              "jobs",
              "cronjobs");
    }
    assertThat(mutating.get("reinvocationPolicy").asText()).isEqualTo("IfNeeded");
    assertThat(mutating.at("/clientConfig/service/path").asText()).isEqualTo("/mutate");
    assertThat(validating.at("/clientConfig/service/path").asText()).isEqualTo("/validate");
    assertThat(mutating.at("/rules/0/operations").toString()).isEqualTo("[\"CREATE\"]");
    assertThat(validating.at("/rules/0/operations").toString())
        .isEqualTo("[\"CREATE\",\"UPDATE\"]");
  }

  @Test
  void generatedServingCertificateChainsToTheCaBundleWithTheServiceNames() throws Exception {
    List<JsonNode> docs = install(enforce("platform", "w:1", 3, false));
    byte[] caPem =
        Base64.getDecoder()
            .decode(
                find(docs, "MutatingWebhookConfiguration")
                    .at("/webhooks/0/clientConfig/caBundle")
                    .asText());
    assertThat(
            find(docs, "ValidatingWebhookConfiguration")
                .at("/webhooks/0/clientConfig/caBundle")
                .asText())
        .isEqualTo(Base64.getEncoder().encodeToString(caPem));
    X509Certificate ca = Pem.certificates(caPem, "caBundle").get(0);
    JsonNode secret = find(docs, "Secret");
    assertThat(secret.get("type").asText()).isEqualTo("kubernetes.io/tls");
    byte[] certPem = Base64.getDecoder().decode(secret.at("/data/tls.crt").asText());
    byte[] keyPem = Base64.getDecoder().decode(secret.at("/data/tls.key").asText());
    X509Certificate serving =
        (X509Certificate)
            CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(certPem));
    serving.verify(ca.getPublicKey()); // throws unless the CA signed it
    assertThat(ca.getBasicConstraints()).isGreaterThanOrEqualTo(0);
    assertThat(serving.getBasicConstraints()).isEqualTo(-1);
    assertThat(serving.getExtendedKeyUsage()).contains("1.3.6.1.5.5.7.3.1");
    assertThat(serving.getSubjectAlternativeNames().stream().map(san -> (String) san.get(1)))
        .contains("winfleet.platform.svc", "winfleet.platform.svc.cluster.local");
    serving.checkValidity(java.util.Date.from(NOW.plusSeconds(86400)));
    Pem.requirePair(serving, Pem.privateKey(keyPem, "tls.key"), "tls.crt", "tls.key");
  }

  @Test
  void certManagerModeInjectsTheCaInsteadOfGeneratingOne() throws Exception {
    List<JsonNode> docs = install(enforce("winfleet", "w:1", 2, true));
    assertThat(docs.stream().map(d -> d.get("kind").asText()))
        .contains("Issuer", "Certificate")
        .doesNotContain("Secret");
    JsonNode cert = find(docs, "Certificate");
    assertThat(cert.at("/spec/secretName").asText()).isEqualTo("winfleet-tls");
    assertThat(cert.at("/spec/dnsNames").toString()).contains("winfleet.winfleet.svc");
    for (String kind : List.of("MutatingWebhookConfiguration", "ValidatingWebhookConfiguration")) {
      JsonNode config = find(docs, kind);
      assertThat(config.at("/metadata/annotations/cert-manager.io~1inject-ca-from").asText())
          .isEqualTo("winfleet/winfleet-serving");
      assertThat(config.at("/webhooks/0/clientConfig/caBundle").isMissingNode()).isTrue();
    }
  }

  @Test
  void warnIsTheDefaultAndRegistersOnlyAValidatingWebhookThatIsIgnoredWhenDown() throws Exception {
    List<JsonNode> docs = install(defaults);
    assertThat(docs.stream().map(d -> d.get("kind").asText()))
        .contains("ValidatingWebhookConfiguration")
        .doesNotContain("MutatingWebhookConfiguration");
    assertThat(
            find(docs, "ValidatingWebhookConfiguration").at("/webhooks/0/failurePolicy").asText())
        .isEqualTo("Ignore");
    assertThat(find(docs, "Deployment").at("/spec/template/spec/containers/0/args").toString())
        .contains("--mode=warn", "--validate-on-error=allow");
  }

  @Test
  void auditRegistersNoWebhook() throws Exception {
    List<JsonNode> docs = install(defaults.withMode(EnforcementMode.AUDIT));
    assertThat(docs.stream().map(d -> d.get("kind").asText()))
        .contains("Deployment", "ClusterRole")
        .noneMatch(kind -> kind.endsWith("WebhookConfiguration"));
  }

  @Test
  void enforceWithAnExplicitIgnorePolicyAllowsOnErrorToo() throws Exception {
    List<JsonNode> docs =
        install(
            new InstallOptions(
                "winfleet",
                "w:1",
                3,
                false,
                EnforcementMode.ENFORCE,
                InstallOptions.FailurePolicy.Ignore));
    assertThat(
            find(docs, "ValidatingWebhookConfiguration").at("/webhooks/0/failurePolicy").asText())
        .isEqualTo("Ignore");
    assertThat(find(docs, "Deployment").at("/spec/template/spec/containers/0/args").toString())
        .contains("--mode=enforce", "--validate-on-error=allow");
  }

  @Test
  void theWebhooksAreTheSecondStepOfAGatedApply() throws Exception {
    for (JsonNode doc : install(defaults.withMode(EnforcementMode.ENFORCE))) {
      String part = doc.at("/metadata/labels/winfleet.dev~1part").asText();
      assertThat(part)
          .as(doc.get("kind").asText())
          .isEqualTo(
              doc.get("kind").asText().endsWith("WebhookConfiguration") ? "webhooks" : "workload");
    }
  }

  @Test
  void removalDeletesTheWebhooksFirstAndTheNamespaceLast() {
    List<String> kinds =
        InstallManifests.removal(defaults, false).stream()
            .map(o -> (String) o.get("kind"))
            .toList();
    assertThat(kinds)
        .containsExactly(
            "MutatingWebhookConfiguration",
            "ValidatingWebhookConfiguration",
            "Service",
            "PodDisruptionBudget",
            "Deployment",
            "Secret",
            "RoleBinding",
            "Role",
            "ClusterRoleBinding",
            "ClusterRole",
            "ClusterRoleBinding",
            "ClusterRoleBinding",
            "ClusterRole",
            "ServiceAccount",
            "Namespace");
    // Whether or not it was installed with --dashboard-auth tokenreview.
    assertThat(
            InstallManifests.removal(defaults, false).stream()
                .map(o -> (String) ((java.util.Map<?, ?>) o.get("metadata")).get("name")))
        .contains(InstallManifests.AUTH_DELEGATOR_BINDING);
    assertThat(InstallManifests.removal(defaults, true).stream().map(o -> o.get("kind")))
        .doesNotContain("Namespace");
    assertThat(
            InstallManifests.removal(enforce("winfleet", "w:1", 3, true), false).stream()
                .map(o -> o.get("kind")))
        .contains("Issuer", "Certificate");
  }

  private static List<JsonNode> authDelegatorBindings(List<JsonNode> docs) {
    return docs.stream()
        .filter(d -> d.get("kind").asText().equals("ClusterRoleBinding"))
        .filter(d -> d.at("/roleRef/name").asText().equals("system:auth-delegator"))
        .toList();
  }

  private static String args(List<JsonNode> docs) {
    return find(docs, "Deployment").at("/spec/template/spec/containers/0/args").toString();
  }

  /**
   * Kubernetes documents {@code system:auth-delegator} as the default ClusterRole that "Allows
   * delegated authentication and authorization checks" (kubernetes.io, "Using RBAC Authorization",
   * Other component roles); serve's tokenreview mode makes exactly those checks (a TokenReview and
   * a SubjectAccessReview), so its service account is bound to it.
   */
  @Test
  void tokenReviewBindsTheServiceAccountToAuthDelegatorAndTellsServe() throws Exception {
    for (InstallOptions options :
        List.of(
            defaults.withDashboardAuth(InstallOptions.DashboardAuth.TOKENREVIEW),
            enforce("platform", "w:1", 2, true)
                .withDashboardAuth(InstallOptions.DashboardAuth.TOKENREVIEW))) {
      List<JsonNode> docs = install(options);
      List<JsonNode> bindings = authDelegatorBindings(docs);
      assertThat(bindings).hasSize(1);
      JsonNode binding = bindings.get(0);
      assertThat(binding.at("/metadata/name").asText())
          .isEqualTo(InstallManifests.AUTH_DELEGATOR_BINDING);
      assertThat(binding.has("namespace")).isFalse();
      assertThat(binding.at("/roleRef/kind").asText()).isEqualTo("ClusterRole");
      assertThat(binding.at("/roleRef/apiGroup").asText()).isEqualTo("rbac.authorization.k8s.io");
      assertThat(binding.get("subjects")).hasSize(1);
      assertThat(binding.at("/subjects/0/kind").asText()).isEqualTo("ServiceAccount");
      assertThat(binding.at("/subjects/0/name").asText())
          .isEqualTo(
              find(docs, "Deployment").at("/spec/template/spec/serviceAccountName").asText());
      assertThat(binding.at("/subjects/0/namespace").asText()).isEqualTo(options.namespace());
      assertThat(binding.at("/metadata/labels/winfleet.dev~1part").asText())
          .isEqualTo(InstallManifests.PART_WORKLOAD);
      assertThat(args(docs))
          .contains("\"--dashboard-auth=tokenreview\"")
          .doesNotContain("--dashboard-auth=none")
          .doesNotContain("--dashboard-token-file");
    }
  }

  @Test
  void withoutTokenReviewNothingIsBoundToAuthDelegator() throws Exception {
    for (EnforcementMode mode : EnforcementMode.values()) {
      for (boolean cm : new boolean[] {false, true}) {
        List<JsonNode> docs = install(new InstallOptions("winfleet", "w:1", 3, cm, mode, null));
        assertThat(authDelegatorBindings(docs)).as(mode + ", cert-manager " + cm).isEmpty();
        assertThat(docs.toString()).doesNotContain("auth-delegator").doesNotContain("tokenreviews");
        assertThat(args(docs)).contains("\"--dashboard-auth=none\"").doesNotContain("tokenreview");
      }
    }
  }
}
