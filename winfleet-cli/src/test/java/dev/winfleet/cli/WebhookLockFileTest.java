package dev.winfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.winfleet.core.image.InspectedImage;
import dev.winfleet.server.api.ImageLookup;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code serve --images}: the lock file answers first; the registry only for the rest. */
class WebhookLockFileTest {

  private static InspectedImage windows(String ref) {
    return new InspectedImage(
        ref,
        "sha256:" + "a".repeat(64),
        "application/vnd.oci.image.index.v1+json",
        List.of(
            new InspectedImage.InspectedPlatform(
                "windows", "amd64", "10.0.20348.3207", "sha256:" + "b".repeat(64), 3, 1000, 0)),
        null);
  }

  @Test
  void theLockFileAnswersAndTheRegistryIsAskedOnlyForTheRest() {
    List<String> asked = new ArrayList<>();
    ImageLookup registry =
        (refs, ns, secrets, deadline, dryRun) -> {
          asked.addAll(refs);
          return refs.stream().map(WebhookLockFileTest::windows).toList();
        };
    ImageLookup lookup =
        WebhookBackends.lockFirst(
            List.of(
                windows("registry.bank.example/app:1.0"),
                new InspectedImage("registry.bank.example/broken:1.0", null, null, List.of(), "x")),
            registry);

    List<InspectedImage> answers =
        lookup.inspect(
            List.of(
                "registry.bank.example/app:1.0",
                "registry.bank.example/broken:1.0",
                "registry.bank.example/other:2.0"),
            "shop",
            List.of(),
            Instant.EPOCH,
            false);

    assertThat(answers)
        .extracting(InspectedImage::reference)
        .containsExactlyInAnyOrder(
            "registry.bank.example/app:1.0",
            "registry.bank.example/broken:1.0",
            "registry.bank.example/other:2.0");
    assertThat(asked)
        .containsExactly("registry.bank.example/broken:1.0", "registry.bank.example/other:2.0");
  }

  @Test
  void withoutARegistryOnlyTheLockFileAnswers() {
    ImageLookup lookup =
        WebhookBackends.lockFirst(List.of(windows("registry.bank.example/app:1.0")), null);
    assertThat(
            lookup.inspect(
                List.of("registry.bank.example/app:1.0", "quay.io/x/y:1"),
                "shop",
                List.of(),
                Instant.EPOCH,
                false))
        .extracting(InspectedImage::reference)
        .containsExactly("registry.bank.example/app:1.0");
  }
}
