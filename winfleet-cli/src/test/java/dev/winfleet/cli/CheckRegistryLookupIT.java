package dev.winfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.winfleet.registry.testing.ImagePusher;
import dev.winfleet.registry.testing.ImagePusher.Entry;
import dev.winfleet.registry.testing.ImagePusher.Os;
import dev.winfleet.registry.testing.ImagePusher.Pushed;
import dev.winfleet.registry.testing.LocalRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code winfleet check --registry-lookup} against a real registry: an image whose name says
 * nothing about Windows is judged by the platforms its registry lists.
 */
class CheckRegistryLookupIT {

  @RegisterExtension static final LocalRegistry REGISTRY = LocalRegistry.anonymous();

  @TempDir Path dir;

  @BeforeAll
  static void push() {
    ImagePusher p = REGISTRY.pusher();
    Pushed w2019 =
        p.image(
            "team/legacy",
            null,
            true,
            Os.windows("10.0.17763.5206"),
            ImagePusher.layers("lookup-2019", 3000));
    p.index("team/legacy", "3.1", true, List.of(new Entry(w2019, Os.windows("10.0.17763.5206"))));
  }

  private Path manifest(String image) throws Exception {
    Path file = dir.resolve("pod.yaml");
    Files.writeString(
        file,
        """
        apiVersion: v1
        kind: Pod
        metadata:
          name: legacy
        spec:
          containers:
            - name: app
              image: %s
              resources:
                requests: {cpu: 500m, memory: 1Gi}
                limits: {cpu: "1", memory: 1Gi}
        """
            .formatted(image));
    return file;
  }

  private static List<String> rules(String json) throws Exception {
    List<String> rules = new ArrayList<>();
    for (JsonNode f : new ObjectMapper().readTree(json).get("findings")) {
      rules.add(f.get("rule").asText());
    }
    return rules;
  }

  @Test
  void theRegistrySaysWindowsWhereTheNameDoesNot() throws Exception {
    Path pod = manifest(REGISTRY.host() + "/team/legacy:3.1");

    CliRun byName = CliRun.of("check", pod.toString(), "--format", "json");
    assertThat(rules(byName.out())).doesNotContain("windows-os-selector-missing");

    CliRun byRegistry =
        CliRun.of(
            "check",
            pod.toString(),
            "--format",
            "json",
            "--registry-lookup",
            "--insecure-registry",
            REGISTRY.host());
    assertThat(rules(byRegistry.out())).contains("windows-os-selector-missing");
    assertThat(byRegistry.exitCode()).isEqualTo(ExitCodes.FOUND);
  }

  @Test
  void anUnreadableImageIsNotCalledLinux() throws Exception {
    Path pod = manifest(REGISTRY.host() + "/team/missing:1.0");
    CliRun run =
        CliRun.of(
            "check",
            pod.toString(),
            "--format",
            "json",
            "--registry-lookup",
            "--insecure-registry",
            REGISTRY.host());
    assertThat(rules(run.out()))
        .doesNotContain("windows-os-selector-missing")
        .doesNotContain("linux-os-selector-missing");
  }

  @Test
  void registryOptionsNeedRegistryLookup() throws Exception {
    CliRun run =
        CliRun.of("check", manifest("nginx").toString(), "--insecure-registry", "localhost:5000");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("go with --registry-lookup");
  }
}
