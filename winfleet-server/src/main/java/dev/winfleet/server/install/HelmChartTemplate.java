package dev.winfleet.server.install;

import dev.winfleet.server.api.EnforcementMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Helm chart's {@code templates/winfleet.yaml}, generated from {@link InstallManifests}: the
 * one source of the objects {@code winfleet install} prints and the chart renders.
 *
 * <p>Every combination of mode and TLS source is built by {@link InstallManifests#objects}; the
 * values the chart takes from {@code values.yaml} (namespace, image, replicas, mode, failure
 * policy, resources, generated TLS) are replaced by template expressions; each object is then
 * emitted once per distinct text, guarded by the combinations that produce it. The Namespace is
 * left out: Helm installs into a namespace it is given ({@code --create-namespace}).
 */
public final class HelmChartTemplate {

  /** Where the generated template lives, from the repository root. */
  public static final String PATH = "charts/winfleet/templates/winfleet.yaml";

  public static final String REGENERATE =
      "./mvnw -pl winfleet-server -am test -Dtest=HelmChartTemplateTest"
          + " -Dsurefire.failIfNoSpecifiedTests=false -Dwinfleet.updateGoldens=true";

  private static final String NS = "wf-release-namespace";
  private static final Pattern QUOTED_EXPR = Pattern.compile("[\"']@@TPL:(.*?)@@[\"']");
  private static final Pattern EXPR = Pattern.compile("@@TPL:(.*?)@@");
  private static final Pattern YAML_EXPR =
      Pattern.compile("(?m)^( *)([\\w.-]+): [\"']?@@YAML:(.*?)@@[\"']?$");

  private HelmChartTemplate() {}

  private record Variant(
      EnforcementMode mode, boolean certManager, InstallOptions.DashboardAuth auth) {}

  /** The template text. */
  public static String render() {
    List<Variant> variants = new ArrayList<>();
    for (EnforcementMode mode : EnforcementMode.values()) {
      for (boolean cm : new boolean[] {false, true}) {
        for (InstallOptions.DashboardAuth auth : InstallOptions.DashboardAuth.values()) {
          variants.add(new Variant(mode, cm, auth));
        }
      }
    }
    List<String> order = new ArrayList<>();
    Map<String, Map<String, Set<Variant>>> texts = new LinkedHashMap<>();
    for (Variant v : variants) {
      InstallOptions options =
          new InstallOptions(NS, "image", 3, v.certManager(), v.mode(), null, v.auth());
      InstallManifests.TlsData tls =
          v.certManager()
              ? null
              : new InstallManifests.TlsData(
                  "@@TPL:$caCrt@@", "@@TPL:$tlsCrt@@", "@@TPL:$tlsKey@@");
      int previous = -1;
      for (Map<String, Object> object : InstallManifests.objects(options, tls)) {
        if ("Namespace".equals(object.get("kind"))) {
          continue;
        }
        String key = object.get("kind") + "/" + metadata(object).get("name");
        int at = order.indexOf(key);
        if (at < 0) {
          order.add(previous + 1, key);
          at = previous + 1;
        }
        previous = at;
        parameterize(object);
        String text = expressions(InstallManifests.yaml(List.of(object)));
        texts
            .computeIfAbsent(key, k -> new LinkedHashMap<>())
            .computeIfAbsent(text, t -> new LinkedHashSet<>())
            .add(v);
      }
    }
    StringBuilder sb = new StringBuilder(header());
    for (String key : order) {
      List<Map.Entry<String, Set<Variant>>> groups = new ArrayList<>(texts.get(key).entrySet());
      for (int i = 0; i < groups.size(); i++) {
        String condition = condition(groups.get(i).getValue(), variants);
        if (condition == null) {
          sb.append(groups.get(i).getKey());
          continue;
        }
        sb.append(i == 0 ? "{{- if " : "{{- else if ").append(condition).append(" }}\n");
        sb.append(groups.get(i).getKey());
      }
      if (condition(groups.get(0).getValue(), variants) != null) {
        sb.append("{{- end }}\n");
      }
    }
    return sb.toString();
  }

  private static String header() {
    StringBuilder dns = new StringBuilder();
    for (String name : InstallManifests.serviceDnsNames(NS)) {
      dns.append(
          name.contains(NS)
              ? " (printf \"" + name.replace(NS, "%s") + "\" .Release.Namespace)"
              : " \"" + name + "\"");
    }
    return "# Generated from InstallManifests by HelmChartTemplate: do not edit; regenerate with\n"
        + "# "
        + REGENERATE
        + "\n"
        + "{{- $mode := .Values.mode }}\n"
        + "{{- if not (has $mode (list \"enforce\" \"warn\" \"audit\")) }}\n"
        + "{{- fail (printf \"mode is %q: it must be enforce, warn or audit\" $mode) }}\n"
        + "{{- end }}\n"
        + "{{- $failurePolicy := .Values.failurePolicy | default (ternary \"Fail\" \"Ignore\""
        + " (eq $mode \"enforce\")) }}\n"
        + "{{- if not (has $failurePolicy (list \"Fail\" \"Ignore\")) }}\n"
        + "{{- fail (printf \"failurePolicy is %q: it must be Fail or Ignore\""
        + " $failurePolicy) }}\n"
        + "{{- end }}\n"
        + "{{- $validateOnError := ternary \"deny\" \"allow\" (eq $failurePolicy \"Fail\") }}\n"
        + "{{- $dashboardAuth := .Values.dashboard.auth | default \"none\" }}\n"
        + "{{- if not (has $dashboardAuth (list"
        + authLabels()
        + ")) }}\n"
        + "{{- fail (printf \"dashboard.auth is %q: it must be none or tokenreview\""
        + " $dashboardAuth) }}\n"
        + "{{- end }}\n"
        + "{{- $image := include \"winfleet.image\" . }}\n"
        + "{{- $caCrt := \"\" }}\n"
        + "{{- $tlsCrt := \"\" }}\n"
        + "{{- $tlsKey := \"\" }}\n"
        + "{{- if not .Values.certManager.enabled }}\n"
        + "{{- /* Keep the serving certificate across upgrades: a new CA on every upgrade would"
        + " break TLS until the pods see the new Secret. */}}\n"
        + "{{- $existing := lookup \"v1\" \"Secret\" .Release.Namespace \""
        + InstallManifests.TLS_SECRET
        + "\" }}\n"
        + "{{- if and $existing $existing.data (index $existing.data \"ca.crt\") }}\n"
        + "{{- $caCrt = index $existing.data \"ca.crt\" }}\n"
        + "{{- $tlsCrt = index $existing.data \"tls.crt\" }}\n"
        + "{{- $tlsKey = index $existing.data \"tls.key\" }}\n"
        + "{{- else }}\n"
        + "{{- $ca := genCA \"winfleet webhook CA\" "
        + InstallManifests.CA_VALIDITY.toDays()
        + " }}\n"
        + "{{- $cert := genSignedCert \""
        + InstallManifests.NAME
        + "\" nil (list"
        + dns
        + ") "
        + InstallManifests.SERVING_VALIDITY.toDays()
        + " $ca }}\n"
        + "{{- $caCrt = $ca.Cert | b64enc }}\n"
        + "{{- $tlsCrt = $cert.Cert | b64enc }}\n"
        + "{{- $tlsKey = $cert.Key | b64enc }}\n"
        + "{{- end }}\n"
        + "{{- end }}\n";
  }

  private static String authLabels() {
    StringBuilder sb = new StringBuilder();
    for (InstallOptions.DashboardAuth a : InstallOptions.DashboardAuth.values()) {
      sb.append(" \"").append(a.label()).append('"');
    }
    return sb.toString();
  }

  /** Replaces the values the chart takes from values.yaml with template expressions. */
  @SuppressWarnings("unchecked")
  private static void parameterize(Map<String, Object> object) {
    String kind = (String) object.get("kind");
    if (kind.equals("Deployment")) {
      Map<String, Object> spec = (Map<String, Object>) object.get("spec");
      spec.put("replicas", "@@TPL:.Values.replicas@@");
      Map<String, Object> template = (Map<String, Object>) spec.get("template");
      Map<String, Object> podSpec = (Map<String, Object>) template.get("spec");
      Map<String, Object> container =
          ((List<Map<String, Object>>) podSpec.get("containers")).get(0);
      container.put("image", "@@TPL:$image | quote@@");
      List<String> args = new ArrayList<>();
      for (String arg : (List<String>) container.get("args")) {
        if (arg.startsWith("--mode=")) {
          arg = "--mode=@@TPL:$mode@@";
        } else if (arg.startsWith("--validate-on-error=")) {
          arg = "--validate-on-error=@@TPL:$validateOnError@@";
        } else if (arg.startsWith("--dashboard-auth=")) {
          arg = "--dashboard-auth=@@TPL:$dashboardAuth@@";
        }
        args.add(arg);
      }
      container.put("args", args);
      container.put("resources", "@@YAML:.Values.resources@@");
    }
    if (kind.equals("ValidatingWebhookConfiguration")) {
      for (Map<String, Object> hook : (List<Map<String, Object>>) object.get("webhooks")) {
        hook.put("failurePolicy", "@@TPL:$failurePolicy@@");
      }
    }
  }

  private static String expressions(String yaml) {
    String out = yaml.replace(NS, "@@TPL:.Release.Namespace@@");
    out = YAML_EXPR.matcher(out).replaceAll(HelmChartTemplate::yamlBlock);
    out =
        QUOTED_EXPR
            .matcher(out)
            .replaceAll(m -> Matcher.quoteReplacement("{{ " + m.group(1) + " }}"));
    return EXPR.matcher(out).replaceAll(m -> Matcher.quoteReplacement("{{ " + m.group(1) + " }}"));
  }

  private static String yamlBlock(java.util.regex.MatchResult m) {
    String indent = m.group(1);
    return Matcher.quoteReplacement(
        indent
            + m.group(2)
            + ": {{- toYaml "
            + m.group(3)
            + " | nindent "
            + (indent.length() + 2)
            + " }}");
  }

  /** The Helm condition that holds exactly for {@code group}; null when it holds always. */
  private static String condition(Set<Variant> group, List<Variant> all) {
    Set<EnforcementMode> modes = new LinkedHashSet<>();
    Set<Boolean> cms = new LinkedHashSet<>();
    Set<InstallOptions.DashboardAuth> auths = new LinkedHashSet<>();
    for (Variant v : group) {
      modes.add(v.mode());
      cms.add(v.certManager());
      auths.add(v.auth());
    }
    if (modes.size() * cms.size() * auths.size() != group.size()) {
      List<String> each = new ArrayList<>();
      for (Variant v : group) {
        each.add(
            "("
                + and(
                    List.of(
                        modeCondition(Set.of(v.mode())),
                        cmCondition(Set.of(v.certManager())),
                        authCondition(Set.of(v.auth()))))
                + ")");
      }
      return "or " + String.join(" ", each);
    }
    List<String> parts = new ArrayList<>();
    if (modes.size() != EnforcementMode.values().length) {
      parts.add(modeCondition(modes));
    }
    if (cms.size() != 2) {
      parts.add(cmCondition(cms));
    }
    if (auths.size() != InstallOptions.DashboardAuth.values().length) {
      parts.add(authCondition(auths));
    }
    return parts.isEmpty() ? null : parts.size() == 1 ? parts.get(0) : and(parts);
  }

  private static String and(List<String> parts) {
    StringBuilder sb = new StringBuilder("and");
    for (String p : parts) {
      sb.append(" (").append(p).append(')');
    }
    return sb.toString();
  }

  private static String authCondition(Set<InstallOptions.DashboardAuth> auths) {
    // Two values: a group of one of them or of both (which needs no condition).
    return "eq $dashboardAuth \"" + auths.iterator().next().label() + "\"";
  }

  private static String modeCondition(Set<EnforcementMode> modes) {
    if (modes.size() == 1) {
      return "eq $mode \"" + modes.iterator().next().label() + "\"";
    }
    StringBuilder sb = new StringBuilder("has $mode (list");
    for (EnforcementMode m : modes) {
      sb.append(" \"").append(m.label()).append('"');
    }
    return sb.append(")").toString();
  }

  private static String cmCondition(Set<Boolean> cms) {
    return cms.contains(Boolean.TRUE)
        ? ".Values.certManager.enabled"
        : "not .Values.certManager.enabled";
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> metadata(Map<String, Object> object) {
    return (Map<String, Object>) object.get("metadata");
  }
}
