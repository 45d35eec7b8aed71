package dev.winfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * What the manifest checker (issue 4) will demand of generated Deployments, asserted directly until
 * {@code winfleet check} exists on this branch: Windows OS and build selectors, spec.os.name,
 * requests and limits, no Linux-only fields, no {@code latest} images.
 */
final class GeneratedManifestRules {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final List<String> LINUX_ONLY =
      List.of(
          "runAsUser",
          "runAsGroup",
          "readOnlyRootFilesystem",
          "seccompProfile",
          "seLinuxOptions",
          "appArmorProfile",
          "capabilities",
          "procMount",
          "allowPrivilegeEscalation",
          "privileged",
          "fsGroup",
          "supplementalGroups",
          "sysctls",
          "hostPID",
          "hostIPC",
          "hostNetwork",
          "shareProcessNamespace",
          "subPath",
          "mountPropagation",
          "defaultMode",
          "hugepages-2Mi");

  private GeneratedManifestRules() {}

  static void assertWindowsReady(Map<String, String> files) throws IOException {
    int deployments = 0;
    for (var e : files.entrySet()) {
      if (!e.getKey().endsWith("k8s/deployment.yaml")) {
        continue;
      }
      deployments++;
      JsonNode d = YAML.readTree(e.getValue());
      String where = e.getKey();
      assertThat(d.path("kind").asText()).as(where).isEqualTo("Deployment");
      JsonNode pod = d.path("spec").path("template").path("spec");
      assertThat(pod.path("os").path("name").asText()).as(where).isEqualTo("windows");
      assertThat(pod.path("nodeSelector").path("kubernetes.io/os").asText())
          .as(where)
          .isEqualTo("windows");
      assertThat(pod.path("nodeSelector").path("node.kubernetes.io/windows-build").asText())
          .as(where)
          .matches("10\\.0\\.\\d{5}");
      for (JsonNode c : pod.path("containers")) {
        JsonNode res = c.path("resources");
        for (String kind : List.of("requests", "limits")) {
          assertThat(res.path(kind).path("cpu").asText())
              .as(where + " " + kind + ".cpu")
              .isNotEmpty();
          assertThat(res.path(kind).path("memory").asText())
              .as(where + " " + kind + ".memory")
              .isNotEmpty();
        }
        assertThat(res.path("requests").path("memory").asText())
            .as(where + ": Windows cannot overcommit memory")
            .isEqualTo(res.path("limits").path("memory").asText());
        String image = c.path("image").asText();
        assertThat(image).as(where).contains(":").doesNotEndWith(":latest");
        for (String cmd : List.of("/bin/sh", "/bin/bash")) {
          assertThat(c.toString()).as(where).doesNotContain(cmd);
        }
      }
      for (String field : LINUX_ONLY) {
        assertThat(d.findValue(field)).as(where + " must not set " + field).isNull();
      }
    }
    assertThat(deployments).as("deployments written").isPositive();
  }
}
