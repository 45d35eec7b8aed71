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
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Mutating the mutated object yields no patch ({@code reinvocationPolicy: IfNeeded} is safe), for
 * pods built from random images, selectors, affinities, tolerations and os names, in every kind
 * with a pod template. The first patch must also apply cleanly.
 */
class MutationIdempotencePropertiesTest {

  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final PlacementPolicy POLICY =
      PlacementFixtures.policy(PolicySettings.defaults(), null);

  record Kind(String group, String kind, String pointer) {}

  private static final List<Kind> KINDS =
      List.of(
          new Kind("", "Pod", "/spec"),
          new Kind("apps", "Deployment", "/spec/template/spec"),
          new Kind("apps", "StatefulSet", "/spec/template/spec"),
          new Kind("apps", "DaemonSet", "/spec/template/spec"),
          new Kind("apps", "ReplicaSet", "/spec/template/spec"),
          new Kind("batch", "Job", "/spec/template/spec"),
          new Kind("batch", "CronJob", "/spec/jobTemplate/spec/template/spec"));

  @Property(tries = 400)
  void mutatingTheMutatedObjectGivesNoPatch(@ForAll("objects") Case c) {
    MutationDecision first = POLICY.mutate(view(c.kind(), c.object()));
    JsonNode mutated = AppliedPatches.apply(c.object(), first.patch());
    MutationDecision second = POLICY.mutate(view(c.kind(), mutated));
    assertThat(second.patch()).as("after %s", first.patch()).isEmpty();
    Statistics.label("patched")
        .collect(first.hasPatch())
        .coverage(cov -> cov.check(true).percentage(p -> p > 15));
  }

  record Case(Kind kind, ObjectNode object) {}

  @Provide
  Arbitrary<Case> objects() {
    Arbitrary<String> image =
        Arbitraries.of(
            "mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022",
            "mcr.microsoft.com/windows/nanoserver:ltsc2019",
            "mcr.microsoft.com/windows/nanoserver:1809",
            "mcr.microsoft.com/windows/servercore:ltsc2025",
            "mcr.microsoft.com/windows/servercore:latest",
            "mcr.microsoft.com/oss/kubernetes/windows-host-process-containers-base-image:v1.0.0",
            "mcr.microsoft.com/dotnet/aspnet:8.0",
            "nginx:1.27-alpine",
            "busybox",
            "");
    Arbitrary<List<String>> images = image.list().ofMinSize(1).ofMaxSize(2);
    Arbitrary<ObjectNode> selector =
        Arbitraries.of(
            null,
            F.objectNode(),
            F.objectNode().put("kubernetes.io/os", "windows"),
            F.objectNode().put("kubernetes.io/os", "linux"),
            F.objectNode().put("pool", "web"),
            F.objectNode().put("node.kubernetes.io/windows-build", "10.0.17763"));
    Arbitrary<JsonNode> tolerations =
        Arbitraries.of(
            null,
            F.arrayNode(),
            F.arrayNode().add(F.objectNode().put("key", "os").put("operator", "Exists")),
            F.arrayNode()
                .add(
                    F.objectNode()
                        .put("key", "os")
                        .put("operator", "Equal")
                        .put("value", "Windows")
                        .put("effect", "NoSchedule")));
    Arbitrary<JsonNode> affinity =
        Arbitraries.of(
            null,
            F.objectNode(),
            F.objectNode().set("nodeAffinity", F.objectNode()),
            affinity("topology.kubernetes.io/zone", "a"),
            affinity("kubernetes.io/os", "windows"));
    Arbitrary<String> osName = Arbitraries.of(null, "windows", "linux", "Windows");
    Arbitrary<Kind> kind = Arbitraries.of(KINDS);
    return Combinators.combine(kind, images, selector, tolerations, affinity, osName)
        .as(
            (k, imgs, sel, tol, aff, os) -> {
              ObjectNode spec = F.objectNode();
              ArrayNode containers = spec.putArray("containers");
              for (int i = 0; i < imgs.size(); i++) {
                containers.add(F.objectNode().put("name", "c" + i).put("image", imgs.get(i)));
              }
              if (sel != null) {
                spec.set("nodeSelector", sel.deepCopy());
              }
              if (tol != null) {
                spec.set("tolerations", tol.deepCopy());
              }
              if (aff != null) {
                spec.set("affinity", aff.deepCopy());
              }
              if (os != null) {
                spec.set("os", F.objectNode().put("name", os));
              }
              return new Case(k, wrap(k, spec));
            });
  }

  private static JsonNode affinity(String key, String value) {
    ObjectNode expression = F.objectNode().put("key", key).put("operator", "In");
    expression.putArray("values").add(value);
    ObjectNode term = F.objectNode();
    term.putArray("matchExpressions").add(expression);
    ObjectNode required = F.objectNode();
    required.putArray("nodeSelectorTerms").add(term);
    return F.objectNode()
        .set(
            "nodeAffinity",
            F.objectNode().set("requiredDuringSchedulingIgnoredDuringExecution", required));
  }

  private static ObjectNode wrap(Kind k, ObjectNode spec) {
    ObjectNode root = F.objectNode().put("kind", k.kind());
    root.putObject("metadata").put("name", "x");
    String[] parts = k.pointer().substring(1).split("/");
    ObjectNode at = root;
    for (int i = 0; i < parts.length - 1; i++) {
      at = at.putObject(parts[i]);
    }
    at.set(parts[parts.length - 1], spec);
    return root;
  }

  private static AdmissionRequestView view(Kind k, JsonNode object) {
    return new AdmissionRequestView(
        "uid",
        GroupVersionKind.of(k.group(), "v1", k.kind()),
        "shop",
        "x",
        AdmissionOperation.CREATE,
        false,
        object,
        null,
        UserInfo.unknown());
  }
}
