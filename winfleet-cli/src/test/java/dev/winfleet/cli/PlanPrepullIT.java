package dev.winfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.winfleet.registry.testing.ImagePusher;
import dev.winfleet.registry.testing.ImagePusher.Entry;
import dev.winfleet.registry.testing.ImagePusher.Layer;
import dev.winfleet.registry.testing.ImagePusher.Os;
import dev.winfleet.registry.testing.ImagePusher.Pushed;
import dev.winfleet.registry.testing.LocalRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code winfleet plan prepull --registry-lookup} and {@code winfleet inspect --json --layers}
 * against a real registry. Two Windows Server 2022 images share a 4000-byte base layer; a Windows
 * Server 2019 image has a 50,000-byte foreign base layer and a 500-byte layer of its own.
 *
 * <p>A 2022 node pulls base + 1000 + 2000 = 7000 bytes from the registry (the base once); the 2019
 * node 500 bytes from the registry and 50,000 from the foreign layer's URL.
 */
class PlanPrepullIT {

  @RegisterExtension static final LocalRegistry REGISTRY = LocalRegistry.anonymous();

  private static final ObjectMapper JSON = new ObjectMapper();

  @BeforeAll
  static void push() {
    ImagePusher p = REGISTRY.pusher();
    Layer base = Layer.of("plan-base-2022", 4000);
    Pushed a =
        p.image(
            "plan/a",
            null,
            true,
            Os.windows("10.0.20348.2762"),
            List.of(base, Layer.of("plan-a", 1000)));
    p.index("plan/a", "1.0", true, List.of(new Entry(a, Os.windows("10.0.20348.2762"))));
    Pushed b =
        p.image(
            "plan/b",
            null,
            true,
            Os.windows("10.0.20348.2762"),
            List.of(base, Layer.of("plan-b", 2000)));
    p.index("plan/b", "1.0", true, List.of(new Entry(b, Os.windows("10.0.20348.2762"))));
    Pushed c =
        p.image(
            "plan/c",
            null,
            false,
            Os.windows("10.0.17763.6414"),
            List.of(Layer.foreign("plan-nano-2019", 50_000), Layer.of("plan-c", 500)));
    p.index("plan/c", "1.0", false, List.of(new Entry(c, Os.windows("10.0.17763.6414"))));
  }

  private static String ref(String repo) {
    return REGISTRY.host() + "/" + repo + ":1.0";
  }

  private static Path fleet(Path dir) throws IOException {
    Path f = dir.resolve("fleet.yaml");
    Files.writeString(
        f,
        """
        apiVersion: v1
        kind: List
        items:
          - {apiVersion: v1, kind: Node, metadata: {name: win22-a, labels: {kubernetes.io/os: windows}},
             status: {nodeInfo: {operatingSystem: windows, kernelVersion: 10.0.20348.2762}}}
          - {apiVersion: v1, kind: Node, metadata: {name: win19-a, labels: {kubernetes.io/os: windows}},
             status: {nodeInfo: {operatingSystem: windows, kernelVersion: 10.0.17763.6414}}}
        """,
        StandardCharsets.UTF_8);
    return f;
  }

  private static void assertPlan(JsonNode plan) {
    JsonNode win22 = plan.path("nodes").get(0);
    assertThat(win22.path("node").asText()).isEqualTo("win22-a");
    assertThat(win22.path("registryBytes").asLong()).isEqualTo(7000);
    assertThat(win22.path("layers").asInt()).isEqualTo(3);
    JsonNode win19 = plan.path("nodes").get(1);
    assertThat(win19.path("registryBytes").asLong()).isEqualTo(500);
    assertThat(win19.path("foreignBytes").asLong()).isEqualTo(50_000);
    assertThat(plan.path("bytesWithoutSharing").asLong()).isEqualTo(5000 + 6000 + 50_500);
  }

  @Test
  void readsLayersFromTheRegistry(@TempDir Path dir) throws IOException {
    CliRun run =
        CliRun.of(
            "plan",
            "prepull",
            "--fleet",
            fleet(dir).toString(),
            "--images",
            ref("plan/a"),
            ref("plan/b"),
            ref("plan/c"),
            "--registry-lookup",
            "--insecure-registry",
            REGISTRY.host(),
            "--node-bandwidth",
            "1Gbit/s",
            "--registry-bandwidth",
            "10Gbit/s",
            "--format",
            "json");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertPlan(JSON.readTree(run.out()));
  }

  @Test
  void savedInspectWithLayersGivesTheSamePlan(@TempDir Path dir) throws IOException {
    CliRun inspect =
        CliRun.of(
            "inspect",
            "--json",
            "--layers",
            "--insecure-registry",
            REGISTRY.host(),
            ref("plan/a"),
            ref("plan/b"),
            ref("plan/c"));
    assertThat(inspect.exitCode()).as(inspect.err()).isZero();
    JsonNode c = JSON.readTree(inspect.out()).get(2).path("platforms").get(0);
    assertThat(c.path("layerDescriptors").get(0).path("mediaType").asText())
        .isEqualTo("application/vnd.docker.image.rootfs.foreign.diff.tar.gzip");
    assertThat(c.path("layerDescriptors").get(0).path("urls").get(0).asText())
        .startsWith("https://mcr.microsoft.com/");
    Path saved = dir.resolve("images.json");
    Files.writeString(saved, inspect.out(), StandardCharsets.UTF_8);
    CliRun run =
        CliRun.of(
            "plan",
            "prepull",
            "--fleet",
            fleet(dir).toString(),
            "--images",
            ref("plan/a"),
            ref("plan/b"),
            ref("plan/c"),
            "--images-file",
            saved.toString(),
            "--node-bandwidth",
            "1Gbit/s",
            "--registry-bandwidth",
            "10Gbit/s",
            "--format",
            "json");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertPlan(JSON.readTree(run.out()));
  }

  @Test
  void unreadableImageIsAUsageError(@TempDir Path dir) throws IOException {
    CliRun run =
        CliRun.of(
            "plan",
            "prepull",
            "--fleet",
            fleet(dir).toString(),
            "--images",
            REGISTRY.host() + "/plan/missing:1.0",
            "--registry-lookup",
            "--insecure-registry",
            REGISTRY.host(),
            "--node-bandwidth",
            "1Gbit/s",
            "--registry-bandwidth",
            "10Gbit/s");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("cannot read " + REGISTRY.host() + "/plan/missing:1.0");
  }
}
