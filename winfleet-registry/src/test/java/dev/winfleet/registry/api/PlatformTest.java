package dev.winfleet.registry.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.winfleet.core.compat.OsFamily;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlatformTest {

  private static final Descriptor CONFIG =
      new Descriptor("application/vnd.oci.image.config.v1+json", "sha256:c", 10, List.of());

  @Test
  void aSelectorMatchesOsArchitectureAndOptionallyVariant() {
    Platform arm = new Platform("linux", "arm64", "v8", "", List.of());
    assertThat(PlatformSelector.parse("linux/arm64").matches(arm)).isTrue();
    assertThat(PlatformSelector.parse("Linux/ARM64/v8").matches(arm)).isTrue();
    assertThat(PlatformSelector.parse("linux/arm64/v7").matches(arm)).isFalse();
    assertThat(PlatformSelector.parse("windows/amd64").matches(arm)).isFalse();
    assertThatThrownBy(() -> PlatformSelector.parse("windows")).hasMessageContaining("OS/ARCH");
  }

  @Test
  void sizesCountForeignLayersAndTheCorePlatformNeedsAnOsVersionForWindows() {
    Descriptor foreign =
        new Descriptor(
            MediaTypes.DOCKER_FOREIGN_LAYER,
            "sha256:f",
            1000,
            List.of("https://mcr.microsoft.com/x"));
    Descriptor layer =
        new Descriptor("application/vnd.oci.image.layer.v1.tar+gzip", "sha256:l", 24, List.of());
    PlatformImage win =
        new PlatformImage(
            new Platform("windows", "amd64", "", "10.0.17763.5206", List.of()),
            "sha256:m",
            MediaTypes.DOCKER_MANIFEST,
            CONFIG,
            List.of(foreign, layer));
    assertThat(win.compressedSize()).isEqualTo(1024);
    assertThat(win.foreignLayerCount()).isEqualTo(1);
    assertThat(win.toImagePlatform())
        .hasValueSatisfying(p -> assertThat(p.os()).isEqualTo(OsFamily.WINDOWS));
    PlatformImage noVersion =
        new PlatformImage(
            new Platform("windows", "amd64", "", "", List.of()),
            "sha256:m",
            MediaTypes.OCI_MANIFEST,
            CONFIG,
            List.of());
    assertThat(noVersion.toImagePlatform()).isEmpty();
    PlatformImage wasm =
        new PlatformImage(
            new Platform("wasip1", "wasm", "", "", List.of()),
            "sha256:m",
            MediaTypes.OCI_MANIFEST,
            CONFIG,
            List.of());
    assertThat(wasm.toImagePlatform()).isEmpty();
  }
}
