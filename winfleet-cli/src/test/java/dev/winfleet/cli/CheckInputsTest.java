package dev.winfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How {@code winfleet check} picks its inputs: chart sources, --exclude, --stdin-name. */
class CheckInputsTest {

  private static final String WINDOWS_POD =
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: web
      spec:
        nodeSelector:
          kubernetes.io/os: windows
        containers:
          - name: web
            image: mcr.microsoft.com/windows/servercore:ltsc2019
      """;

  @TempDir Path dir;

  private void write(String path, String text) throws IOException {
    Path p = dir.resolve(path);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
  }

  @Test
  void skipsHelmChartSourcesAndSaysSo() throws IOException {
    write("k8s/pod.yaml", WINDOWS_POD);
    write("k8s/chart/Chart.yaml", "apiVersion: v2\nname: chart\nversion: 1.0.0\n");
    write("k8s/chart/values.yaml", "image: {{ broken\n");
    write("k8s/chart/values-prod.yaml", "replicas: 3\n");
    write("k8s/chart/templates/deployment.yaml", "{{- if .Values.x }}\nkind: Deployment\n");
    CliRun run = CliRun.of("check", dir.resolve("k8s").toString(), "--format", "json");
    assertThat(run.exitCode()).as(run.err()).isIn(ExitCodes.OK, ExitCodes.FOUND);
    assertThat(run.out()).contains("pod.yaml").doesNotContain("Chart.yaml", "templates");
    assertThat(run.err())
        .contains("skipped the Helm chart sources in " + dir.resolve("k8s/chart"))
        .contains("helm template");
  }

  @Test
  void aDirectoryWithNoManifestsIsBadInput() throws IOException {
    write("docs/README.md", "nothing here");
    CliRun run = CliRun.of("check", dir.resolve("docs").toString());
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("no manifests to check in");
  }

  @Test
  void aDirectoryWithOnlyAChartIsBadInputToo() throws IOException {
    write("chart/Chart.yaml", "apiVersion: v2\nname: chart\nversion: 1.0.0\n");
    write("chart/templates/pod.yaml", WINDOWS_POD);
    CliRun run = CliRun.of("check", dir.resolve("chart").toString());
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("other than those skipped");
  }

  @Test
  void excludeLeavesOutMatchingFiles() throws IOException {
    write("k8s/pod.yaml", WINDOWS_POD);
    write("k8s/test/broken.yaml", "kind: [unclosed\n");
    CliRun with = CliRun.of("check", dir.resolve("k8s").toString(), "--exclude", "test/**");
    assertThat(with.err()).contains("--exclude left out 1 file(s)").doesNotContain("broken.yaml");
    CliRun without = CliRun.of("check", dir.resolve("k8s").toString());
    assertThat(without.out() + without.err()).contains("broken.yaml");
  }

  @Test
  void stdinNameIsTheSarifArtifactUri() throws IOException {
    CliRun run =
        CliRun.runWithStdin(
            WINDOWS_POD,
            "check",
            "-",
            "--stdin-name",
            "charts/web/templates/pod.yaml",
            "--format",
            "sarif");
    JsonNode sarif = new ObjectMapper().readTree(run.out());
    assertThat(
            sarif
                .at("/runs/0/results/0/locations/0/physicalLocation/artifactLocation/uri")
                .asText())
        .isEqualTo("charts/web/templates/pod.yaml");
  }
}
