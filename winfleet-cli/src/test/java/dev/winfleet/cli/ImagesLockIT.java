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
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code winfleet images lock} against a real Distribution registry on loopback, standing in for an
 * air-gapped cluster's Harbor: the manifests name {@code registry.bank.example} (which does not
 * resolve); the nodes pull through the mirror, and so does winfleet, by {@code --registry-mirror}
 * or containerd's hosts.toml layout. The lock file then gives check its facts with no registry.
 */
class ImagesLockIT {

  @RegisterExtension static final LocalRegistry MIRROR = LocalRegistry.anonymous();

  @TempDir Path dir;

  @BeforeAll
  static void push() {
    ImagePusher p = MIRROR.pusher();
    // As a Harbor proxy-cache project "upstream" would hold it: the upstream path under a prefix.
    Pushed w2019 =
        p.image(
            "upstream/team/legacy",
            null,
            true,
            Os.windows("10.0.17763.5206"),
            ImagePusher.layers("lock-2019", 3000));
    p.index(
        "upstream/team/legacy",
        "3.1",
        true,
        List.of(new Entry(w2019, Os.windows("10.0.17763.5206"))));
  }

  private Path manifests() throws Exception {
    Path k8s = Files.createDirectories(dir.resolve("k8s"));
    Files.writeString(
        k8s.resolve("legacy.yaml"),
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: legacy
        spec:
          selector: {matchLabels: {app: legacy}}
          template:
            metadata: {labels: {app: legacy}}
            spec:
              containers:
                - name: app
                  image: registry.bank.example/team/legacy:3.1
                  resources:
                    requests: {cpu: 500m, memory: 1Gi}
                    limits: {cpu: "1", memory: 1Gi}
        """);
    return k8s;
  }

  @Test
  void locksTheImagesThroughAMirrorFlagAndCheckUsesTheFacts() throws Exception {
    Path k8s = manifests();
    Path lock = dir.resolve("images.lock.json");

    CliRun run =
        CliRun.of(
            "images",
            "lock",
            k8s.toString(),
            "-o",
            lock.toString(),
            "--registry-mirror",
            "registry.bank.example=" + MIRROR.host() + "/upstream",
            "--insecure-registry",
            MIRROR.host());

    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
    JsonNode entries = new ObjectMapper().readTree(lock.toFile());
    assertThat(entries).hasSize(1);
    assertThat(entries.get(0).get("reference").asText())
        .isEqualTo("registry.bank.example/team/legacy:3.1");
    assertThat(entries.get(0).at("/platforms/0/osVersion").asText()).isEqualTo("10.0.17763.5206");

    // Nothing in the name says Windows; the lock file does, as a fact.
    CliRun check =
        CliRun.of("check", k8s.toString(), "--format", "json", "--images", lock.toString());
    JsonNode findings = new ObjectMapper().readTree(check.out()).get("findings");
    assertThat(findings)
        .anySatisfy(
            f -> {
              assertThat(f.get("rule").asText()).isEqualTo("windows-os-selector-missing");
              assertThat(f.get("evidence").asText()).isEqualTo("lock-file");
              assertThat(f.get("severity").asText()).isEqualTo("error");
            });
  }

  @Test
  void readsContainerdHostsToml() throws Exception {
    Path k8s = manifests();
    Path certs = Files.createDirectories(dir.resolve("certs.d/registry.bank.example"));
    Files.writeString(
        certs.resolve("hosts.toml"),
        """
        server = "https://registry.bank.example"

        [host."http://%s/v2/upstream"]
          capabilities = ["pull", "resolve"]
          override_path = true
        """
            .formatted(MIRROR.host()));
    Path lock = dir.resolve("images.lock.json");

    CliRun run =
        CliRun.of(
            "images",
            "lock",
            k8s.toString(),
            "-o",
            lock.toString(),
            "--registry-config",
            dir.resolve("certs.d").toString());

    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
    JsonNode entries = new ObjectMapper().readTree(lock.toFile());
    assertThat(entries.get(0).at("/platforms/0/os").asText()).isEqualTo("windows");
    assertThat(entries.get(0).at("/platforms/0/osVersion").asText()).isEqualTo("10.0.17763.5206");
  }

  @Test
  void anImageNoMirrorServesIsRecordedAsAnErrorNotGuessed() throws Exception {
    Path k8s = manifests();
    Path lock = dir.resolve("images.lock.json");
    CliRun run =
        CliRun.of(
            "images",
            "lock",
            k8s.toString(),
            "-o",
            lock.toString(),
            "--registry-mirror",
            "registry.bank.example=" + MIRROR.host() + "/elsewhere",
            "--insecure-registry",
            MIRROR.host(),
            "--timeout",
            "20");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.FOUND);
    JsonNode entries = new ObjectMapper().readTree(lock.toFile());
    assertThat(entries.get(0).has("error")).isTrue();

    CliRun check =
        CliRun.of("check", k8s.toString(), "--format", "json", "--images", lock.toString());
    JsonNode findings = new ObjectMapper().readTree(check.out()).get("findings");
    assertThat(findings)
        .noneSatisfy(f -> assertThat(f.get("severity").asText()).isEqualTo("error"));
  }
}
