package dev.winfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.winfleet.registry.testing.ImagePusher;
import dev.winfleet.registry.testing.ImagePusher.Os;
import dev.winfleet.registry.testing.LocalRegistry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code winfleet install --verify-image} against a real Distribution registry: it prints the
 * manifests only for an image the registry serves with a linux platform.
 */
class InstallVerifyImageIT {

  @RegisterExtension static final LocalRegistry REGISTRY = LocalRegistry.anonymous();

  @BeforeAll
  static void push() {
    ImagePusher p = REGISTRY.pusher();
    p.image("platform/winfleet", "1.0", true, Os.linux(), ImagePusher.layers("wf-linux", 2000));
    p.image(
        "platform/winfleet",
        "windows-only",
        true,
        Os.windows("10.0.20348.2700"),
        ImagePusher.layers("wf-windows", 2000));
  }

  private CliRun install(String tag) {
    return CliRun.of(
        "install",
        "--image",
        REGISTRY.host() + "/platform/winfleet:" + tag,
        "--verify-image",
        "--insecure-registry",
        REGISTRY.host());
  }

  @Test
  void printsTheManifestsForAnImageThatCanBePulled() {
    CliRun run = install("1.0");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("image: " + REGISTRY.host() + "/platform/winfleet:1.0");
  }

  @Test
  void refusesAnImageTheRegistryDoesNotHave() {
    CliRun run = install("0.1.0-SNAPSHOT");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.FOUND);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).startsWith("winfleet: cannot pull ").contains("printing nothing");
  }

  @Test
  void refusesAnImageWithoutALinuxPlatform() {
    CliRun run = install("windows-only");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.FOUND);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).contains("has no linux platform (it has windows/amd64)");
  }
}
