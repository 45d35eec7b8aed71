package dev.winfleet.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PodSpecLocatorTest {

  @ParameterizedTest
  @CsvSource({
    "'',v1,Pod,/spec",
    "apps,v1,Deployment,/spec/template/spec",
    "apps,v1,StatefulSet,/spec/template/spec",
    "apps,v1,DaemonSet,/spec/template/spec",
    "apps,v1,ReplicaSet,/spec/template/spec",
    "batch,v1,Job,/spec/template/spec",
    "batch,v1,CronJob,/spec/jobTemplate/spec/template/spec",
    "batch,v1beta1,CronJob,/spec/jobTemplate/spec/template/spec",
    "'',v1,ReplicationController,/spec/template/spec"
  })
  void findsThePodSpecOfEachWorkloadKind(
      String group, String version, String kind, String pointer) {
    assertThat(PodSpecLocator.podSpecPointer(GroupVersionKind.of(group, version, kind)))
        .contains(pointer);
  }

  @Test
  void kindsWithoutPodSpecHaveNone() {
    assertThat(PodSpecLocator.podSpecPointer(GroupVersionKind.of("", "v1", "ConfigMap"))).isEmpty();
    assertThat(
            PodSpecLocator.podSpecPointer(GroupVersionKind.of("example.com", "v1", "Deployment")))
        .as("a custom resource named Deployment is not apps/Deployment")
        .isEmpty();
  }

  @Test
  void extractsTheCronJobPodSpecFromAnObject() throws Exception {
    JsonNode cronJob =
        new ObjectMapper()
            .readTree(
                "{\"spec\":{\"jobTemplate\":{\"spec\":{\"template\":{\"spec\":"
                    + "{\"containers\":[{\"image\":\"x\"}]}}}}}}");
    assertThat(PodSpecLocator.podSpec(GroupVersionKind.of("batch", "v1", "CronJob"), cronJob))
        .hasValueSatisfying(
            spec -> assertThat(spec.at("/containers/0/image").asText()).isEqualTo("x"));
  }

  @Test
  void missingOrNonObjectSpecIsEmpty() throws Exception {
    ObjectMapper m = new ObjectMapper();
    GroupVersionKind deployment = GroupVersionKind.of("apps", "v1", "Deployment");
    assertThat(PodSpecLocator.podSpec(deployment, m.readTree("{\"spec\":{}}"))).isEmpty();
    assertThat(
            PodSpecLocator.podSpec(
                deployment, m.readTree("{\"spec\":{\"template\":{\"spec\":7}}}")))
        .isEmpty();
    assertThat(PodSpecLocator.podSpec(deployment, null)).isEmpty();
  }
}
