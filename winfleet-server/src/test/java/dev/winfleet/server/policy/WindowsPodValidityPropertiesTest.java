package dev.winfleet.server.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.winfleet.server.api.AdmissionOperation;
import dev.winfleet.server.api.AdmissionRequestView;
import dev.winfleet.server.api.AppliedPatches;
import dev.winfleet.server.api.GroupVersionKind;
import dev.winfleet.server.api.MutationDecision;
import dev.winfleet.server.api.PolicySettings;
import dev.winfleet.server.api.UserInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Issue 17, item 2: no patch of {@code /mutate} ever produces a pod the API server rejects as a
 * Windows pod. The oracle below is written from Kubernetes' {@code validateWindows}
 * (kubernetes/kubernetes pkg/apis/core/validation/validation.go at
 * 000f26050b9be6fb3d79fae95e06b47fc96128cd) on its own, not by calling the main code.
 */
class WindowsPodValidityPropertiesTest {

  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final PlacementPolicy POLICY =
      PlacementFixtures.policy(PolicySettings.defaults(), null);

  private static final List<String> POD_SC =
      List.of(
          "appArmorProfile",
          "seLinuxOptions",
          "seccompProfile",
          "fsGroup",
          "fsGroupChangePolicy",
          "runAsUser",
          "runAsGroup",
          "supplementalGroups",
          "supplementalGroupsPolicy",
          "seLinuxChangePolicy");
  private static final List<String> CONTAINER_SC =
      List.of(
          "appArmorProfile",
          "seLinuxOptions",
          "seccompProfile",
          "capabilities",
          "readOnlyRootFilesystem",
          "privileged",
          "allowPrivilegeEscalation",
          "procMount",
          "runAsUser",
          "runAsGroup");

  /** What the API server says about a pod spec with os.name windows: the rejected fields. */
  static List<String> apiServerRejects(JsonNode spec) {
    List<String> errors = new ArrayList<>();
    JsonNode sc = spec.path("securityContext");
    for (String f : POD_SC) {
      if (sc.hasNonNull(f)) {
        errors.add("spec.securityContext." + f);
      }
    }
    if (sc.path("sysctls").size() > 0) {
      errors.add("spec.securityContext.sysctls");
    }
    if (spec.hasNonNull("hostUsers")) {
      errors.add("spec.hostUsers");
    }
    if (spec.hasNonNull("shareProcessNamespace")) {
      errors.add("spec.shareProcessNamespace");
    }
    if (spec.path("hostPID").asBoolean(false)) {
      errors.add("spec.hostPID");
    }
    if (spec.path("hostIPC").asBoolean(false)) {
      errors.add("spec.hostIPC");
    }
    for (String kind : List.of("containers", "initContainers", "ephemeralContainers")) {
      for (JsonNode c : spec.path(kind)) {
        for (String f : CONTAINER_SC) {
          if (c.path("securityContext").hasNonNull(f)) {
            errors.add("spec." + kind + "[].securityContext." + f);
          }
        }
      }
    }
    return errors;
  }

  @Property(tries = 500)
  void noPatchMakesAWindowsPodTheApiServerRejects(@ForAll("pods") ObjectNode pod) {
    MutationDecision decision = POLICY.mutate(view(pod));
    JsonNode patched = AppliedPatches.apply(pod, decision.patch());
    JsonNode spec = patched.path("spec");
    boolean windows = "windows".equals(spec.path("os").path("name").asText(null));
    boolean addedOs = windows && !pod.path("spec").has("os");
    if (addedOs) {
      assertThat(apiServerRejects(spec)).as("patch %s", decision.patch()).isEmpty();
    }
    boolean forbidden = !apiServerRejects(pod.path("spec")).isEmpty();
    boolean placedOnWindows =
        "windows".equals(spec.path("nodeSelector").path("kubernetes.io/os").asText(""));
    if (forbidden && placedOnWindows) {
      assertThat(String.join(" ", decision.warnings())).contains("did not set spec.os.name");
    }
    Statistics.label("os.name added").collect(addedOs);
    Statistics.label("forbidden fields").collect(forbidden);
    Statistics.label("os.name added").coverage(c -> c.check(true).percentage(p -> p > 5));
  }

  /**
   * The demo's Deployment legacy/report-service (winfleet-cli demo workloads), as the issue names.
   */
  @Example
  void theDemoReportServiceIsPlacedWithoutOsName() throws Exception {
    String yaml =
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: report-service, namespace: legacy}
        spec:
          template:
            spec:
              nodeSelector: {kubernetes.io/os: windows}
              tolerations: [{key: os, operator: Exists, effect: NoSchedule}]
              securityContext: {runAsUser: 1000, fsGroup: 2000}
              containers:
                - name: reports
                  image: mcr.microsoft.com/windows/servercore:latest
                  securityContext: {privileged: true, readOnlyRootFilesystem: true}
        """;
    JsonNode deployment = dev.winfleet.core.manifest.YamlFormat.mapper().readTree(yaml);
    MutationDecision decision =
        POLICY.mutate(
            new AdmissionRequestView(
                "uid",
                GroupVersionKind.of("apps", "v1", "Deployment"),
                "legacy",
                "report-service",
                AdmissionOperation.CREATE,
                false,
                deployment,
                null,
                UserInfo.unknown()));
    JsonNode patched = AppliedPatches.apply(deployment, decision.patch());
    assertThat(patched.path("spec").path("template").path("spec").has("os")).isFalse();
    assertThat(String.join(" ", decision.warnings()))
        .contains("did not set spec.os.name: windows")
        .contains("securityContext.runAsUser")
        .contains("containers[0].securityContext.privileged");
  }

  @Provide
  Arbitrary<ObjectNode> pods() {
    Arbitrary<String> image =
        Arbitraries.of(
            "mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022",
            "mcr.microsoft.com/windows/nanoserver:ltsc2019",
            "mcr.microsoft.com/windows/servercore:ltsc2025",
            "mcr.microsoft.com/windows/servercore:latest",
            "nginx:1.27-alpine");
    Arbitrary<Set<String>> podFields = Arbitraries.of(POD_SC).set().ofMaxSize(3);
    Arbitrary<Set<String>> containerFields = Arbitraries.of(CONTAINER_SC).set().ofMaxSize(3);
    Arbitrary<String> containerKind =
        Arbitraries.of("containers", "initContainers", "ephemeralContainers");
    Arbitrary<String> podFlag =
        Arbitraries.of(
            "none",
            "none",
            "none",
            "hostPID",
            "hostIPC",
            "hostUsers",
            "shareProcessNamespace",
            "sysctls",
            "hostPID=false",
            "runAsNonRoot");
    Arbitrary<Boolean> nulls = Arbitraries.of(true, false);
    Arbitrary<Boolean> clean = Arbitraries.of(true, false);
    return Combinators.combine(
            image, podFields, containerFields, containerKind, podFlag, nulls, clean)
        .as(
            (img, pf, cf, ck, flag, asNull, none) -> {
              ObjectNode spec = F.objectNode();
              ArrayNode containers = spec.putArray("containers");
              containers.add(F.objectNode().put("name", "app").put("image", img));
              if (!none) {
                ObjectNode sc = spec.putObject("securityContext");
                for (String f : pf) {
                  if (asNull) {
                    sc.putNull(f);
                  } else {
                    sc.put(f, 1000);
                  }
                }
                ObjectNode c =
                    ck.equals("containers")
                        ? (ObjectNode) containers.get(0)
                        : spec.putArray(ck).addObject().put("name", "x").put("image", img);
                ObjectNode csc = c.putObject("securityContext");
                for (String f : cf) {
                  csc.put(f, false);
                }
                switch (flag) {
                  case "hostPID", "hostIPC" -> spec.put(flag, true);
                  case "hostPID=false" -> spec.put("hostPID", false);
                  case "hostUsers", "shareProcessNamespace" -> spec.put(flag, false);
                  case "sysctls" ->
                      sc.putArray("sysctls").addObject().put("name", "net.core.somaxconn");
                  case "runAsNonRoot" -> sc.put("runAsNonRoot", true);
                  default -> {}
                }
              }
              ObjectNode pod = F.objectNode().put("apiVersion", "v1").put("kind", "Pod");
              pod.putObject("metadata").put("name", "x");
              pod.set("spec", spec);
              return pod;
            });
  }

  private static AdmissionRequestView view(JsonNode object) {
    return new AdmissionRequestView(
        "uid",
        GroupVersionKind.of("", "v1", "Pod"),
        "shop",
        "x",
        AdmissionOperation.CREATE,
        false,
        object,
        null,
        UserInfo.unknown());
  }
}
