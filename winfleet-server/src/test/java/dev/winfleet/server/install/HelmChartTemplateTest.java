package dev.winfleet.server.install;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The chart's generated template must be exactly what {@link HelmChartTemplate} makes of {@link
 * InstallManifests}. With {@code -Dwinfleet.updateGoldens=true} the test rewrites it instead of
 * failing. (winfleet-cli's HelmChartIT renders it with real Helm and compares with install.)
 */
class HelmChartTemplateTest {

  private static final Path FILE = Path.of("..").resolve(HelmChartTemplate.PATH);

  @Test
  void chartTemplateIsGeneratedFromTheInstallManifests() throws IOException {
    String expected = HelmChartTemplate.render();
    if (dev.winfleet.core.testing.GoldenFiles.updating()) {
      Files.createDirectories(FILE.getParent());
      Files.writeString(FILE, expected, StandardCharsets.UTF_8);
    }
    assertThat(FILE).as("regenerate with " + HelmChartTemplate.REGENERATE).exists();
    assertThat(Files.readString(FILE, StandardCharsets.UTF_8))
        .as(
            HelmChartTemplate.PATH
                + " is out of date; regenerate with "
                + HelmChartTemplate.REGENERATE)
        .isEqualTo(expected);
  }

  @Test
  void everyModeDependentObjectIsGuarded() {
    String template = HelmChartTemplate.render();
    assertThat(template)
        .contains(
            "{{- if and (eq $mode \"enforce\") (not .Values.certManager.enabled) }}\n---\n"
                + "apiVersion: admissionregistration.k8s.io/v1\n"
                + "kind: MutatingWebhookConfiguration")
        .contains(
            "{{- if and (has $mode (list \"enforce\" \"warn\")) (not"
                + " .Values.certManager.enabled) }}\n---\n"
                + "apiVersion: admissionregistration.k8s.io/v1\n"
                + "kind: ValidatingWebhookConfiguration")
        .contains("  failurePolicy: {{ $failurePolicy }}\n")
        .doesNotContain("@@")
        .doesNotContain("wf-release-namespace")
        .doesNotContain("kind: Namespace");
  }

  @Test
  void theAuthDelegatorBindingIsRenderedOnlyForTokenReview() {
    String template = HelmChartTemplate.render();
    String guard = "{{- if eq $dashboardAuth \"tokenreview\" }}\n---\n";
    assertThat(template)
        .contains(
            guard
                + "apiVersion: rbac.authorization.k8s.io/v1\n"
                + "kind: ClusterRoleBinding\n"
                + "metadata:\n"
                + "  name: winfleet-auth-delegator\n")
        .contains("        - --dashboard-auth={{ $dashboardAuth }}\n")
        .contains("it must be none or tokenreview");
    // The one mention of the role is inside the guarded object.
    int at = template.indexOf("name: system:auth-delegator");
    assertThat(template.indexOf("system:auth-delegator")).isEqualTo(at + "name: ".length());
    assertThat(template.lastIndexOf("system:auth-delegator")).isEqualTo(at + "name: ".length());
    assertThat(template.lastIndexOf(guard, at))
        .isGreaterThan(template.lastIndexOf("{{- end }}", at));
    assertThat(template.indexOf("{{- end }}", at)).isLessThan(template.indexOf("\n---\n", at));
  }
}
