package dev.winfleet.server.install;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.winfleet.core.manifest.YamlFormat;
import dev.winfleet.server.api.EnforcementMode;
import dev.winfleet.server.tls.CertificateAuthority;
import dev.winfleet.server.tls.IssuedCertificate;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Kubernetes objects that run winfleet's admission webhook, as {@code winfleet install} prints
 * them for {@code kubectl apply -f -}.
 */
public final class InstallManifests {

  public static final String NAME = "winfleet";
  public static final String TLS_SECRET = "winfleet-tls";
  public static final String CERTIFICATE = "winfleet-serving";
  public static final String ISSUER = "winfleet-selfsigned";
  public static final int CONTAINER_PORT = 8443;
  static final String TLS_DIR = "/etc/winfleet/tls";

  /** How long generated certificates last; re-run {@code winfleet install} to renew. */
  public static final Duration CA_VALIDITY = Duration.ofDays(3650);

  public static final Duration SERVING_VALIDITY = Duration.ofDays(825);

  /** The label that splits the objects into the two steps of a gated apply. */
  public static final String PART_LABEL = "winfleet.dev/part";

  /** Everything but the webhook configurations: applied first, then waited for. */
  public static final String PART_WORKLOAD = "workload";

  /** The webhook configurations: applied once the Deployment is available. */
  public static final String PART_WEBHOOKS = "webhooks";

  /** The container's requests and limits (the Helm chart's {@code resources} default). */
  public static final Map<String, Object> RESOURCES =
      Collections.unmodifiableMap(
          map(
              "requests",
              Collections.unmodifiableMap(map("cpu", "100m", "memory", "256Mi")),
              "limits",
              Collections.unmodifiableMap(map("memory", "512Mi"))));

  private static final List<String> SYSTEM_NAMESPACES = List.of("kube-system", "kube-node-lease");

  private InstallManifests() {}

  /** The serving certificate and its CA, when winfleet generates them. */
  public record GeneratedTls(CertificateAuthority ca, IssuedCertificate serving) {}

  /** The DNS names the API server may use to reach the webhook Service. */
  public static List<String> serviceDnsNames(String namespace) {
    return List.of(
        NAME + "." + namespace + ".svc",
        NAME + "." + namespace + ".svc.cluster.local",
        NAME + "." + namespace,
        NAME);
  }

  /** A new CA and a serving certificate for the Service. */
  public static GeneratedTls generateTls(String namespace, Instant now) {
    CertificateAuthority ca = CertificateAuthority.create("winfleet webhook CA", now, CA_VALIDITY);
    IssuedCertificate serving =
        ca.issueServerCertificate(serviceDnsNames(namespace), now, SERVING_VALIDITY);
    return new GeneratedTls(ca, serving);
  }

  /** The objects in apply order. {@code tls} is required unless {@code options.certManager()}. */
  public static List<Map<String, Object>> objects(InstallOptions options, GeneratedTls tls) {
    if (!options.certManager() && tls == null) {
      throw new IllegalArgumentException("generated TLS material is required without cert-manager");
    }
    return objects(options, options.certManager() ? null : TlsData.of(tls));
  }

  /** The TLS values the objects carry, base64-encoded as the Secret and caBundle hold them. */
  record TlsData(String caCrt, String tlsCrt, String tlsKey) {
    static TlsData of(GeneratedTls tls) {
      return new TlsData(
          base64(tls.ca().certificatePem()),
          base64(tls.serving().certificatePem()),
          base64(tls.serving().privateKeyPem()));
    }
  }

  /** The objects with the given TLS values; {@code tls} is null with cert-manager. */
  static List<Map<String, Object>> objects(InstallOptions options, TlsData tls) {
    String ns = options.namespace();
    List<Map<String, Object>> out = new ArrayList<>();
    out.add(object("v1", "Namespace", ns, null, Map.of()));
    out.add(object("v1", "ServiceAccount", NAME, ns, Map.of()));
    out.add(clusterRole());
    out.add(binding("ClusterRoleBinding", NAME, null, "ClusterRole", ns));
    if (options.dashboardAuth() == InstallOptions.DashboardAuth.TOKENREVIEW) {
      out.add(authDelegatorBinding(ns));
    }
    out.add(auditClusterRole());
    out.add(binding("ClusterRoleBinding", AUDIT_ROLE, null, "ClusterRole", ns));
    out.add(leaseRole(ns));
    out.add(binding("RoleBinding", AUDIT_ROLE, ns, "Role", ns));
    if (options.certManager()) {
      out.add(
          object(
              "cert-manager.io/v1",
              "Issuer",
              ISSUER,
              ns,
              Map.of("spec", map("selfSigned", map()))));
      out.add(certificate(ns));
    } else {
      out.add(tlsSecret(ns, tls));
    }
    out.add(deployment(options));
    out.add(podDisruptionBudget(options));
    out.add(service(ns));
    String caBundle = options.certManager() ? null : tls.caCrt();
    // Placement patches objects: only when enforcing. Warn mode validates and never denies;
    // audit mode registers nothing with the API server.
    if (options.mode() == EnforcementMode.ENFORCE) {
      out.add(webhookConfiguration(options, true, caBundle));
    }
    if (options.mode() != EnforcementMode.AUDIT) {
      out.add(webhookConfiguration(options, false, caBundle));
    }
    return out;
  }

  /**
   * What removes everything {@link #objects} creates in any mode, for {@code kubectl delete
   * --ignore-not-found -f -}: the webhook configurations first (so that nothing is sent to a
   * webhook on its way out), then the rest in reverse apply order, the Namespace last unless {@code
   * keepNamespace}. Each object is only its apiVersion, kind, name and namespace.
   */
  public static List<Map<String, Object>> removal(InstallOptions options, boolean keepNamespace) {
    // Every object any mode creates, the auth-delegator binding included (it may have been
    // installed with --dashboard-auth tokenreview).
    InstallOptions enforce =
        options
            .withMode(EnforcementMode.ENFORCE)
            .withDashboardAuth(InstallOptions.DashboardAuth.TOKENREVIEW);
    TlsData tls = options.certManager() ? null : new TlsData("", "", "");
    List<Map<String, Object>> all = objects(enforce, tls);
    List<Map<String, Object>> out = new ArrayList<>();
    for (Map<String, Object> o : all) {
      if (PART_WEBHOOKS.equals(part(o))) {
        out.add(identity(o));
      }
    }
    for (int i = all.size() - 1; i >= 0; i--) {
      Map<String, Object> o = all.get(i);
      if (PART_WEBHOOKS.equals(part(o)) || (keepNamespace && "Namespace".equals(o.get("kind")))) {
        continue;
      }
      if ("Certificate".equals(o.get("kind"))) {
        // cert-manager leaves the Secret it issued behind when the Certificate goes.
        out.add(identity(object("v1", "Secret", TLS_SECRET, options.namespace(), Map.of())));
      }
      out.add(identity(o));
    }
    return out;
  }

  /** The value of the {@link #PART_LABEL} label of an object from {@link #objects}. */
  public static String part(Map<String, Object> object) {
    @SuppressWarnings("unchecked")
    Map<String, Object> metadata = (Map<String, Object>) object.get("metadata");
    @SuppressWarnings("unchecked")
    Map<String, Object> labels = (Map<String, Object>) metadata.get("labels");
    return labels == null ? null : (String) labels.get(PART_LABEL);
  }

  private static Map<String, Object> identity(Map<String, Object> object) {
    @SuppressWarnings("unchecked")
    Map<String, Object> metadata = (Map<String, Object>) object.get("metadata");
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", metadata.get("name"));
    if (metadata.containsKey("namespace")) {
      m.put("namespace", metadata.get("namespace"));
    }
    return map("apiVersion", object.get("apiVersion"), "kind", object.get("kind"), "metadata", m);
  }

  /** The objects as one multi-document YAML stream. */
  public static String yaml(List<Map<String, Object>> objects) {
    YAMLMapper mapper = YamlFormat.mapper();
    StringBuilder sb = new StringBuilder();
    for (Map<String, Object> object : objects) {
      try {
        sb.append(mapper.writeValueAsString(object));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("cannot write YAML", e);
      }
    }
    return sb.toString();
  }

  private static Map<String, Object> clusterRole() {
    Map<String, Object> role =
        object("rbac.authorization.k8s.io/v1", "ClusterRole", NAME, null, Map.of());
    role.put(
        "rules",
        List.of(
            policyRule("", List.of("nodes"), List.of("get", "list", "watch")),
            policyRule("node.k8s.io", List.of("runtimeclasses"), List.of("get", "list", "watch")),
            // Pull secrets named by the pods under admission, to inspect private images.
            policyRule("", List.of("secrets"), List.of("get"))));
    return role;
  }

  /** The audit's role: watch what runs, write PolicyReports and events. */
  public static final String AUDIT_ROLE = "winfleet-audit";

  /** Where the PolicyReport CRDs are kept ({@code install --crds}). */
  private static final List<String> CRD_FILES =
      List.of("wgpolicyk8s.io_policyreports.yaml", "wgpolicyk8s.io_clusterpolicyreports.yaml");

  /**
   * The wgpolicyk8s.io PolicyReport and ClusterPolicyReport CRDs (upstream, unchanged), for
   * clusters that have none: {@code winfleet install --crds | kubectl create -f -} creates them and
   * leaves alone those that exist (Kyverno's, say, which may serve newer versions).
   */
  public static String crdsYaml() {
    StringBuilder sb = new StringBuilder();
    for (String f : CRD_FILES) {
      try (var in = InstallManifests.class.getResourceAsStream("crds/" + f)) {
        if (in == null) {
          throw new IllegalStateException("missing resource crds/" + f);
        }
        String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        if (!text.startsWith("---")) {
          sb.append("---\n");
        }
        sb.append(text);
        if (!text.endsWith("\n")) {
          sb.append('\n');
        }
      } catch (java.io.IOException e) {
        throw new IllegalStateException("cannot read crds/" + f, e);
      }
    }
    return sb.toString();
  }

  private static Map<String, Object> auditClusterRole() {
    Map<String, Object> role =
        object("rbac.authorization.k8s.io/v1", "ClusterRole", AUDIT_ROLE, null, Map.of());
    List<String> read = List.of("get", "list", "watch");
    role.put(
        "rules",
        List.of(
            policyRule("", List.of("pods", "replicationcontrollers"), read),
            policyRule(
                "apps", List.of("deployments", "statefulsets", "daemonsets", "replicasets"), read),
            policyRule("batch", List.of("jobs", "cronjobs"), read),
            policyRule(
                "wgpolicyk8s.io",
                List.of("policyreports", "clusterpolicyreports"),
                List.of("get", "list", "watch", "create", "update", "patch", "delete")),
            policyRule("", List.of("events"), List.of("create", "patch"))));
    return role;
  }

  /** Leader election of the audit's report writer: a Lease in winfleet's namespace. */
  private static Map<String, Object> leaseRole(String ns) {
    Map<String, Object> role =
        object("rbac.authorization.k8s.io/v1", "Role", AUDIT_ROLE, ns, Map.of());
    role.put(
        "rules",
        List.of(
            policyRule(
                "coordination.k8s.io",
                List.of("leases"),
                List.of("get", "list", "watch", "create", "update", "patch"))));
    return role;
  }

  /** An RBAC PolicyRule: these verbs on these resources of one API group. */
  private static Map<String, Object> policyRule(
      String group, List<String> resources, List<String> verbs) {
    return map("apiGroups", List.of(group), "resources", resources, "verbs", verbs);
  }

  private static Map<String, Object> binding(
      String kind, String name, String namespace, String roleKind, String subjectNs) {
    return binding(kind, name, namespace, roleKind, name, subjectNs);
  }

  /** A binding of winfleet's service account to the role {@code roleName}. */
  private static Map<String, Object> binding(
      String kind,
      String name,
      String namespace,
      String roleKind,
      String roleName,
      String subjectNs) {
    Map<String, Object> binding =
        object("rbac.authorization.k8s.io/v1", kind, name, namespace, Map.of());
    binding.put(
        "roleRef",
        map("apiGroup", "rbac.authorization.k8s.io", "kind", roleKind, "name", roleName));
    binding.put(
        "subjects", List.of(map("kind", "ServiceAccount", "name", NAME, "namespace", subjectNs)));
    return binding;
  }

  /** The binding that lets {@code serve --dashboard-auth tokenreview} ask the API server. */
  public static final String AUTH_DELEGATOR_BINDING = "winfleet-auth-delegator";

  /**
   * winfleet's service account bound to the built-in ClusterRole {@code system:auth-delegator}
   * ({@code create} on {@code tokenreviews} and {@code subjectaccessreviews}), which Kubernetes
   * documents for delegated authentication and authorization: only with {@code --dashboard-auth
   * tokenreview}, where the dashboard asks the API server who a bearer token belongs to and what
   * they may do.
   */
  private static Map<String, Object> authDelegatorBinding(String ns) {
    return binding(
        "ClusterRoleBinding",
        AUTH_DELEGATOR_BINDING,
        null,
        "ClusterRole",
        "system:auth-delegator",
        ns);
  }

  private static Map<String, Object> certificate(String ns) {
    return object(
        "cert-manager.io/v1",
        "Certificate",
        CERTIFICATE,
        ns,
        Map.of(
            "spec",
            map(
                "secretName",
                TLS_SECRET,
                "dnsNames",
                serviceDnsNames(ns),
                "issuerRef",
                map("kind", "Issuer", "name", ISSUER),
                "privateKey",
                map("algorithm", "ECDSA", "size", 256, "rotationPolicy", "Always"),
                "duration",
                "2160h",
                "renewBefore",
                "720h")));
  }

  private static Map<String, Object> tlsSecret(String ns, TlsData tls) {
    Map<String, Object> secret = object("v1", "Secret", TLS_SECRET, ns, Map.of());
    secret.put("type", "kubernetes.io/tls");
    secret.put(
        "data", map("tls.crt", tls.tlsCrt(), "tls.key", tls.tlsKey(), "ca.crt", tls.caCrt()));
    return secret;
  }

  private static Map<String, Object> deployment(InstallOptions options) {
    Map<String, String> labels = labels();
    Map<String, Object> container = new LinkedHashMap<>();
    container.put("name", NAME);
    container.put("image", options.image());
    container.put("imagePullPolicy", "IfNotPresent");
    container.put(
        "args",
        List.of(
            "serve",
            "--port=" + CONTAINER_PORT,
            "--tls-cert=" + TLS_DIR + "/tls.crt",
            "--tls-key=" + TLS_DIR + "/tls.key",
            "--mode=" + options.mode().label(),
            "--validate-on-error="
                + (options.failurePolicy() == InstallOptions.FailurePolicy.Fail ? "deny" : "allow"),
            // Always said, so that the manifests show how the dashboard is guarded.
            "--dashboard-auth=" + options.dashboardAuth().label()));
    container.put(
        "ports", List.of(map("name", "https", "containerPort", CONTAINER_PORT, "protocol", "TCP")));
    container.put("readinessProbe", probe("/readyz", 5, 5));
    container.put("livenessProbe", probe("/healthz", 10, 10));
    container.put("resources", RESOURCES);
    container.put(
        "securityContext",
        map(
            "runAsNonRoot", true,
            "readOnlyRootFilesystem", true,
            "allowPrivilegeEscalation", false,
            "capabilities", map("drop", List.of("ALL"))));
    container.put(
        "volumeMounts",
        List.of(
            map("name", "tls", "mountPath", TLS_DIR, "readOnly", true),
            map("name", "tmp", "mountPath", "/tmp")));

    Map<String, Object> podSpec = new LinkedHashMap<>();
    podSpec.put("serviceAccountName", NAME);
    podSpec.put("nodeSelector", map("kubernetes.io/os", "linux"));
    podSpec.put(
        "securityContext",
        map(
            "runAsNonRoot",
            true,
            "runAsUser",
            65532,
            "runAsGroup",
            65532,
            "seccompProfile",
            map("type", "RuntimeDefault")));
    podSpec.put(
        "affinity",
        map(
            "podAntiAffinity",
            map(
                "preferredDuringSchedulingIgnoredDuringExecution",
                List.of(
                    map(
                        "weight",
                        100,
                        "podAffinityTerm",
                        map(
                            "labelSelector",
                            map("matchLabels", labels),
                            "topologyKey",
                            "kubernetes.io/hostname"))))));
    podSpec.put("containers", List.of(container));
    podSpec.put(
        "volumes",
        List.of(
            map("name", "tls", "secret", map("secretName", TLS_SECRET)),
            map("name", "tmp", "emptyDir", map())));

    Map<String, Object> deployment =
        object("apps/v1", "Deployment", NAME, options.namespace(), Map.of());
    deployment.put(
        "spec",
        map(
            "replicas", options.replicas(),
            "selector", map("matchLabels", labels),
            "template", map("metadata", map("labels", labels), "spec", podSpec)));
    return deployment;
  }

  private static Map<String, Object> probe(String path, int initialDelay, int period) {
    return map(
        "httpGet",
        map("path", path, "port", "https", "scheme", "HTTPS"),
        "initialDelaySeconds",
        initialDelay,
        "periodSeconds",
        period,
        "timeoutSeconds",
        2,
        "failureThreshold",
        3);
  }

  private static Map<String, Object> podDisruptionBudget(InstallOptions options) {
    return object(
        "policy/v1",
        "PodDisruptionBudget",
        NAME,
        options.namespace(),
        Map.of(
            "spec",
            // maxUnavailable, not minAvailable: with one replica a minAvailable of 1 would block
            // every node drain.
            map("maxUnavailable", 1, "selector", map("matchLabels", labels()))));
  }

  private static Map<String, Object> service(String ns) {
    return object(
        "v1",
        "Service",
        NAME,
        ns,
        Map.of(
            "spec",
            map(
                "selector", labels(),
                "ports",
                    List.of(
                        map(
                            "name",
                            "https",
                            "port",
                            443,
                            "targetPort",
                            "https",
                            "protocol",
                            "TCP")))));
  }

  private static Map<String, Object> webhookConfiguration(
      InstallOptions options, boolean mutating, String caBundle) {
    String ns = options.namespace();
    Map<String, Object> clientConfig = new LinkedHashMap<>();
    clientConfig.put(
        "service",
        map(
            "namespace",
            ns,
            "name",
            NAME,
            "path",
            mutating ? "/mutate" : "/validate",
            "port",
            443));
    if (caBundle != null) {
      clientConfig.put("caBundle", caBundle);
    }
    List<String> operations = mutating ? List.of("CREATE") : List.of("CREATE", "UPDATE");
    Map<String, Object> webhook = new LinkedHashMap<>();
    webhook.put("name", (mutating ? "mutate" : "validate") + ".winfleet.dev");
    webhook.put("admissionReviewVersions", List.of("v1", "v1beta1"));
    webhook.put("clientConfig", clientConfig);
    webhook.put(
        "rules",
        List.of(
            rule("", "pods", operations),
            rule(
                "apps",
                List.of("deployments", "statefulsets", "daemonsets", "replicasets"),
                operations),
            rule("batch", List.of("jobs", "cronjobs"), operations)));
    webhook.put("failurePolicy", mutating ? "Ignore" : options.failurePolicy().name());
    webhook.put("matchPolicy", "Equivalent");
    webhook.put("sideEffects", "None");
    webhook.put("timeoutSeconds", 5);
    if (mutating) {
      webhook.put("reinvocationPolicy", "IfNeeded");
    }
    List<String> excluded = new ArrayList<>(SYSTEM_NAMESPACES);
    excluded.add(ns);
    webhook.put(
        "namespaceSelector",
        map(
            "matchExpressions",
            List.of(
                map(
                    "key",
                    "kubernetes.io/metadata.name",
                    "operator",
                    "NotIn",
                    "values",
                    excluded))));
    Map<String, Object> config =
        object(
            "admissionregistration.k8s.io/v1",
            mutating ? "MutatingWebhookConfiguration" : "ValidatingWebhookConfiguration",
            NAME,
            null,
            Map.of());
    if (options.certManager()) {
      @SuppressWarnings("unchecked")
      Map<String, Object> metadata = (Map<String, Object>) config.get("metadata");
      metadata.put("annotations", map("cert-manager.io/inject-ca-from", ns + "/" + CERTIFICATE));
    }
    config.put("webhooks", List.of(webhook));
    return config;
  }

  private static Map<String, Object> rule(String group, Object resources, List<String> operations) {
    return map(
        "apiGroups",
        List.of(group),
        "apiVersions",
        List.of("*"),
        "resources",
        resources instanceof List<?> l ? l : List.of(resources),
        "operations",
        operations,
        "scope",
        "Namespaced");
  }

  private static Map<String, String> labels() {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("app.kubernetes.io/name", NAME);
    labels.put("app.kubernetes.io/component", "webhook");
    return labels;
  }

  private static Map<String, Object> object(
      String apiVersion, String kind, String name, String namespace, Map<String, Object> rest) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("apiVersion", apiVersion);
    o.put("kind", kind);
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("name", name);
    if (namespace != null) {
      metadata.put("namespace", namespace);
    }
    metadata.put(
        "labels",
        map(
            "app.kubernetes.io/name",
            NAME,
            "app.kubernetes.io/part-of",
            NAME,
            PART_LABEL,
            kind.endsWith("WebhookConfiguration") ? PART_WEBHOOKS : PART_WORKLOAD));
    o.put("metadata", metadata);
    o.putAll(rest);
    return o;
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.US_ASCII));
  }

  /** An insertion-ordered map from alternating keys and values. */
  static Map<String, Object> map(Object... keysAndValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      m.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return m;
  }
}
