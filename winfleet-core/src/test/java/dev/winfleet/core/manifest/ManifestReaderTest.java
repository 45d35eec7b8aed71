package dev.winfleet.core.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.winfleet.core.manifest.ReadProblem.Kind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ManifestReaderTest {

  private final ManifestReader reader = ManifestReader.defaults();

  @Test
  void readsEveryDocumentAndSkipsEmptyOnes() {
    ManifestFile file =
        reader.read(
            "f.yaml",
            """
            ---
            # only a comment
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: a}
            ---
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: b}
            """);
    assertThat(file.problems()).isEmpty();
    assertThat(file.objects())
        .extracting(o -> o.ref().display())
        .containsExactly("ConfigMap/a", "Pod/b");
    assertThat(file.objects()).allSatisfy(o -> assertThat(o.source()).isEqualTo("f.yaml"));
  }

  @Test
  void positionsPointAtKeysAndListItems() {
    ManifestObject pod =
        reader
            .read(
                "f.yaml",
                """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: p
                spec:
                  containers:
                    - name: a
                      image: nginx
                    - {name: b, image: "busybox"}
                """)
            .objects()
            .get(0);
    assertThat(pod.positions().find(FieldPath.parse("/spec/containers/0/image")))
        .contains(new Position(8, 7));
    assertThat(pod.positions().find(FieldPath.parse("/spec/containers/1")))
        .contains(new Position(9, 7));
    assertThat(pod.positions().find(FieldPath.parse("/spec/containers/1/image")))
        .contains(new Position(9, 17));
    // A missing field points at the deepest part that exists.
    assertThat(
            pod.positions().find(FieldPath.parse("/spec/containers/0/securityContext/privileged")))
        .contains(new Position(7, 7));
    assertThat(pod.at(FieldPath.parse("/spec/containers/1/image"))).isEqualTo("busybox");
  }

  @Test
  void unpacksKindListWithPositionsOfEachItem() {
    ManifestFile file =
        reader.read(
            "list.yaml",
            """
            apiVersion: v1
            kind: List
            items:
              - apiVersion: v1
                kind: Pod
                metadata: {name: one}
              - apiVersion: v1
                kind: Pod
                metadata:
                  name: two
            """);
    assertThat(file.objects()).extracting(ManifestObject::name).containsExactly("one", "two");
    assertThat(file.objects().get(1).positions().find(FieldPath.parse("/metadata/name")))
        .contains(new Position(10, 7));
  }

  @Test
  void brokenYamlBecomesAProblemAndKeepsWhatCameBefore() {
    ManifestFile file =
        reader.read(
            "broken.yaml",
            """
            apiVersion: v1
            kind: Pod
            metadata: {name: ok}
            ---
            apiVersion: v1
            kind: Pod
            metadata:
              name: [unclosed
            """);
    assertThat(file.objects()).extracting(ManifestObject::name).containsExactly("ok");
    assertThat(file.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.kind()).isEqualTo(Kind.SYNTAX);
              assertThat(p.position().line()).isEqualTo(9);
              assertThat(p.message()).contains("while parsing a flow sequence");
            });
  }

  @Test
  void duplicateKeysAreReportedAndTheLastValueKept() {
    ManifestFile file =
        reader.read(
            "dup.yaml",
            """
            apiVersion: v1
            kind: Pod
            metadata:
              name: first
              name: second
            """);
    assertThat(file.objects().get(0).name()).isEqualTo("second");
    assertThat(file.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.kind()).isEqualTo(Kind.DUPLICATE_KEY);
              assertThat(p.position()).isEqualTo(new Position(5, 3));
              assertThat(p.message())
                  .isEqualTo(
                      "the key 'name' appears twice in this map (first on line 4); only the last"
                          + " value counts");
            });
  }

  @Test
  void customTagsAreReportedAndNeverInstantiated() {
    ManifestFile file =
        reader.read(
            "tag.yaml",
            """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: x}
            data:
              run: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL ["http://127.0.0.1/"]]]]
            """);
    assertThat(file.problems()).isNotEmpty();
    assertThat(file.problems()).allSatisfy(p -> assertThat(p.message()).contains("is not allowed"));
    assertThat(file.problems().get(0).position().line()).isEqualTo(5);
  }

  @Test
  void aliasBombIsStoppedByTheAliasLimit() {
    StringBuilder sb = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
    char prev = 'a';
    for (char c = 'b'; c <= 'j'; c++) {
      sb.append(c).append(": &").append(c).append(" [");
      for (int i = 0; i < 10; i++) {
        sb.append(i == 0 ? "" : ", ").append('*').append(prev);
      }
      sb.append("]\n");
      prev = c;
    }
    ManifestFile file = reader.read("bomb.yaml", sb.toString());
    assertThat(file.objects()).isEmpty();
    assertThat(file.problems())
        .singleElement()
        .satisfies(p -> assertThat(p.message()).contains("more than 50 aliases"));
  }

  @Test
  void deepNestingIsStopped() {
    String deep = "a: " + "[".repeat(200) + "]".repeat(200) + "\n";
    ManifestFile file = reader.read("deep.yaml", deep);
    assertThat(file.problems())
        .singleElement()
        .satisfies(p -> assertThat(p.kind()).isEqualTo(Kind.SYNTAX));
  }

  @Test
  void documentsThatAreNotObjectsAreReported() {
    ManifestFile file = reader.read("x.yaml", "- a\n- b\n---\nfoo: bar\n");
    assertThat(file.problems())
        .extracting(ReadProblem::kind, p -> p.position().line())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(Kind.NOT_KUBERNETES, 1),
            org.assertj.core.groups.Tuple.tuple(Kind.NOT_KUBERNETES, 4));
    assertThat(file.holdsNoKubernetesObject()).isTrue();
  }

  /**
   * A document that tried to be an object (a kind, or an apiVersion of Kubernetes' [group/]version
   * form and metadata) is a broken manifest; one with neither, with another tool's apiVersion (an
   * ARM template's, aks-engine's "vlabs"), or with no metadata (a Helm repository index) is none at
   * all.
   */
  @Test
  void tellsBrokenObjectsFromOtherFiles() {
    String[][] cases = {
      {"apiVersion: apps/v1\nmetadata: {name: x}\n", "NOT_AN_OBJECT"},
      {"apiVersion: v1\nmetadata: {name: x}\n", "NOT_AN_OBJECT"},
      {"apiVersion: cert-manager.io/v1alpha2\nmetadata: {name: x}\n", "NOT_AN_OBJECT"},
      // A Helm repository's index.yaml (kubernetes-csi/csi-driver-smb charts/index.yaml).
      {"apiVersion: v1\nentries: {}\ngenerated: \"2025-01-01T00:00:00Z\"\n", "NOT_KUBERNETES"},
      {"kind: Deployment\n", "NOT_AN_OBJECT"},
      {"kind: \"\"\napiVersion: v1\n", "NOT_AN_OBJECT"},
      {"apiVersion: vlabs\nproperties: {}\n", "NOT_KUBERNETES"},
      {"{\"apiVersion\": \"[variables('apiVersionDeployments')]\"}\n", "NOT_KUBERNETES"},
      {"apiVersion: 2019-10-01\n", "NOT_KUBERNETES"},
      {"rules:\n  line-length: disable\n", "NOT_KUBERNETES"},
      {"just text\n", "NOT_KUBERNETES"},
    };
    for (String[] c : cases) {
      ManifestFile file = reader.read("x.yaml", c[0]);
      assertThat(file.problems())
          .as(c[0])
          .singleElement()
          .extracting(ReadProblem::kind)
          .isEqualTo(Kind.valueOf(c[1]));
      assertThat(file.holdsNoKubernetesObject()).as(c[0]).isEqualTo(c[1].equals("NOT_KUBERNETES"));
    }
    // One real object in the file: it is a manifest, whatever else it holds.
    assertThat(
            reader
                .read(
                    "x.yaml",
                    "rules: {}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n")
                .holdsNoKubernetesObject())
        .isFalse();
    // A syntax error says nothing about what the file is.
    assertThat(reader.read("x.yaml", "a: [\n").holdsNoKubernetesObject()).isFalse();
  }

  /**
   * JSON indented with tabs, which kubectl reads and SnakeYAML (YAML 1.1) refuses, reads as JSON,
   * with the positions of the text as written. Seen in kubernetes-sigs/windows-testing's
   * extensions/*\/template.json.
   */
  @Test
  void readsJsonIndentedWithTabsAtItsOwnPositions() {
    String json =
        "{\n\t\"apiVersion\": \"v1\",\n\t\"kind\": \"Pod\",\n\t\"metadata\": {\"name\": \"t\"},\n"
            + "\t\"spec\": {\n\t\t\"hostNetwork\": true,\n\t\t\"containers\": []\n\t}\n}\n";
    ManifestFile file = reader.read("pod.json", json);
    assertThat(file.problems()).isEmpty();
    ManifestObject o = file.objects().get(0);
    assertThat(o.name()).isEqualTo("t");
    assertThat(o.positions().find(FieldPath.parse("/spec/hostNetwork")))
        .contains(new Position(6, 3));
    // Not JSON (a YAML flow map whose quoted value holds a tab): read as YAML, tab and all.
    ManifestFile yaml =
        reader.read(
            "c.yaml",
            "{apiVersion: v1, kind: ConfigMap, metadata: {name: c}, data: {k: \"a\tb\"}}\n");
    assertThat(yaml.objects().get(0).at(FieldPath.parse("/data/k"))).isEqualTo("a\tb");
    // Broken JSON with tabs stays a syntax error.
    assertThat(reader.read("b.json", "{\n\t\"a\": \n").problems())
        .extracting(ReadProblem::kind)
        .containsExactly(Kind.SYNTAX);
  }

  @Test
  void readsJsonWithPositions() {
    ManifestObject o =
        reader
            .read(
                "pod.json",
                "{\n  \"apiVersion\": \"v1\",\n  \"kind\": \"Pod\",\n  \"metadata\": {\"name\": \"j\"},\n"
                    + "  \"spec\": {\"hostNetwork\": true, \"containers\": []}\n}\n")
            .objects()
            .get(0);
    assertThat(o.name()).isEqualTo("j");
    assertThat(o.at(FieldPath.parse("/spec/hostNetwork"))).isEqualTo(Boolean.TRUE);
    assertThat(o.positions().find(FieldPath.parse("/spec/hostNetwork")))
        .contains(new Position(5, 12));
  }

  @Test
  void mergeKeysAndAliasesResolve() {
    ManifestObject o =
        reader
            .read(
                "m.yaml",
                """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: m
                  labels: &labels {app: web, tier: front}
                  annotations:
                    <<: *labels
                    tier: back
                """)
            .objects()
            .get(0);
    assertThat(o.annotations()).isEqualTo(Map.of("app", "web", "tier", "back"));
    assertThat(o.labels()).containsEntry("tier", "front");
  }

  @Test
  void aMergeKeyWithoutAValueIsAProblemNotACrash() {
    // Found by PlainBlockReaderTest's random YAML: '<<:' with nothing after it threw an NPE.
    ManifestFile file =
        reader.read("m.yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: m\n  <<:\n");
    assertThat(file.objects()).hasSize(1);
    assertThat(file.problems())
        .extracting(ReadProblem::message)
        .containsExactly("a merge key (<<) must refer to a map or a list of maps");
  }

  @Test
  void scalarsKeepTheirYamlTypes() {
    ManifestObject o =
        reader
            .read(
                "t.yaml",
                "apiVersion: v1\nkind: X\nmetadata: {name: t}\nv: [1, \"1\", true, \"true\", 1.5, null, ~]\n")
            .objects()
            .get(0);
    assertThat(Values.list(o.tree().get("v")))
        .containsExactly(1L, "1", Boolean.TRUE, "true", 1.5, null, null);
  }

  @Test
  void podTemplatesAreFoundForEveryWorkloadKind() {
    for (String kind :
        List.of(
            "Deployment",
            "StatefulSet",
            "DaemonSet",
            "ReplicaSet",
            "ReplicationController",
            "Job")) {
      ManifestObject o =
          ManifestObject.of(
              Map.of(
                  "apiVersion",
                  "v1",
                  "kind",
                  kind,
                  "spec",
                  Map.of("template", Map.of("spec", Map.of()))));
      assertThat(PodTemplate.of(o))
          .as(kind)
          .map(PodTemplate::specPath)
          .contains(FieldPath.parse("/spec/template/spec"));
    }
    assertThat(PodTemplate.of(ManifestObject.of(Map.of("kind", "Service", "spec", Map.of()))))
        .isEmpty();
  }
}
