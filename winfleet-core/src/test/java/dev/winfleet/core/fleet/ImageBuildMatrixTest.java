package dev.winfleet.core.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.winfleet.core.compat.CompatibilityEngine;
import dev.winfleet.core.compat.ImagePlatform;
import dev.winfleet.core.compat.OsFamily;
import dev.winfleet.core.fleet.ImageBuildMatrix.Mode;
import dev.winfleet.core.image.Evidence;
import dev.winfleet.core.image.ImageMetadataSource;
import dev.winfleet.core.image.ImageProfile;
import dev.winfleet.core.version.OsVersion;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The image x build matrix both front ends render. Expectations come from Microsoft's "Windows
 * container version compatibility" table (MicrosoftDocs/Virtualization-Documentation,
 * version-compatibility.md; also in MicrosoftTableTest's CSV): a Windows Server 2022 host runs 2019
 * images only with Hyper-V isolation, a 2025 host runs 2022 images with process isolation, no host
 * runs a newer image in either mode; and from the runtimes' platform matching (an image runs only
 * on a node of its architecture).
 */
class ImageBuildMatrixTest {

  private static final CompatibilityEngine ENGINE = CompatibilityEngine.builtIn();
  private static final ImageMetadataSource TAGS = ImageMetadataSource.tagHints();

  private static FleetNode node(String name, OsFamily os, String arch, String version) {
    return new FleetNode(
        name,
        Map.of(),
        List.of(),
        os,
        arch,
        version == null ? null : OsVersion.parseNumeric(version).orElseThrow(),
        "",
        "",
        "",
        -1,
        -1,
        List.of(),
        false);
  }

  private static final Fleet FLEET =
      new Fleet(
          List.of(
              node("win25", OsFamily.WINDOWS, "amd64", "10.0.26100.2033"),
              node("lin-arm", OsFamily.LINUX, "arm64", null),
              node("win19", OsFamily.WINDOWS, "amd64", "10.0.17763.6414"),
              node("win22-a", OsFamily.WINDOWS, "amd64", "10.0.20348.2762"),
              node("win22-b", OsFamily.WINDOWS, "amd64", "10.0.20348.2849"),
              node("lin", OsFamily.LINUX, "amd64", null),
              node("win-unknown", OsFamily.WINDOWS, "amd64", null)),
          List.of());

  private static ImageBuildMatrix matrix(ImageProfile... profiles) {
    Map<String, ImageProfile> images = new LinkedHashMap<>();
    for (ImageProfile p : profiles) {
      images.put(p.reference(), p);
    }
    return ImageBuildMatrix.of(ENGINE, FLEET, images);
  }

  private static List<Mode> modes(ImageBuildMatrix m, int row) {
    return m.rows().get(row).cells().stream().map(ImageBuildMatrix.Cell::mode).toList();
  }

  @Test
  void groupsNodesByOsArchitectureAndBuildLinuxFirstThenBuildsOldestFirst() {
    ImageBuildMatrix m = matrix();
    assertThat(m.columns())
        .extracting(ImageBuildMatrix.Column::id)
        .containsExactly(
            "linux/amd64",
            "linux/arm64",
            "windows/amd64/10.0.17763",
            "windows/amd64/10.0.20348",
            "windows/amd64/10.0.26100",
            "windows/amd64/unknown");
    // Revisions aside: both 2022 nodes are one column.
    assertThat(m.columns().get(3).nodes()).containsExactly("win22-a", "win22-b");
    assertThat(m.columns().get(3).label()).isEqualTo("Windows Server 2022 (10.0.20348)");
  }

  @Test
  void anOlderImageRunsOnNewerHostsOnlyWithHyperVIsolation() {
    ImageBuildMatrix m = matrix(TAGS.describe("mcr.microsoft.com/windows/servercore:ltsc2019"));
    assertThat(modes(m, 0))
        .containsExactly(
            Mode.NONE, Mode.NONE, Mode.PROCESS, Mode.HYPERV_ONLY, Mode.HYPERV_ONLY, Mode.UNKNOWN);
    ImageBuildMatrix.Cell on2022 = m.rows().get(0).cells().get(3);
    assertThat(on2022.reason()).contains("Process isolation:").contains("Hyper-V isolation:");
  }

  @Test
  void aWindowsServer2025HostRuns2022ImagesWithProcessIsolationButNotTheReverse() {
    ImageBuildMatrix m =
        matrix(
            TAGS.describe("mcr.microsoft.com/windows/servercore:ltsc2022"),
            TAGS.describe("mcr.microsoft.com/windows/servercore:ltsc2025"));
    assertThat(modes(m, 0))
        .containsExactly(Mode.NONE, Mode.NONE, Mode.NONE, Mode.PROCESS, Mode.PROCESS, Mode.UNKNOWN);
    assertThat(modes(m, 1))
        .containsExactly(Mode.NONE, Mode.NONE, Mode.NONE, Mode.NONE, Mode.PROCESS, Mode.UNKNOWN);
  }

  @Test
  void theArchitectureOfARegistryReadImageDecidesWhereItRuns() {
    ImageProfile amd64Only =
        ImageProfile.fromPlatforms(
            "example.com/app:1",
            List.of(ImagePlatform.linux(), ImagePlatform.windows(OsVersion.ofBuild(20348))),
            Evidence.REGISTRY,
            "read from the registry");
    ImageBuildMatrix m = matrix(amd64Only);
    assertThat(modes(m, 0))
        .containsExactly(
            Mode.PROCESS, Mode.NONE, Mode.NONE, Mode.PROCESS, Mode.PROCESS, Mode.UNKNOWN);
    assertThat(m.rows().get(0).cells().get(1).reason())
        .contains("built for amd64 but the host is arm64");
  }

  @Test
  void aTagThatSaysNothingOfTheArchitectureRunsOnEveryArchitectureOfItsOs() {
    ImageBuildMatrix m = matrix(TAGS.describe("redis:7-alpine"));
    assertThat(modes(m, 0))
        .containsExactly(Mode.PROCESS, Mode.PROCESS, Mode.NONE, Mode.NONE, Mode.NONE, Mode.UNKNOWN);
  }

  @Test
  void aMultiOsListWhoseWindowsBuildsAreUnknownIsUnknownOnWindowsNotLinux() {
    // kubernetes-csi sidecars are manifest lists with Linux and Windows entries (image-families).
    ImageProfile sidecar =
        TAGS.describe("registry.k8s.io/sig-storage/csi-node-driver-registrar:v2.13.0");
    assertThat(sidecar.os()).isEqualTo(ImageProfile.OsClass.MULTI_OS);
    ImageBuildMatrix m = matrix(sidecar);
    assertThat(modes(m, 0))
        .containsExactly(
            Mode.PROCESS, Mode.PROCESS, Mode.UNKNOWN, Mode.UNKNOWN, Mode.UNKNOWN, Mode.UNKNOWN);
  }

  @Test
  void anImageOfUnknownOsIsUnknownEverywhere() {
    ImageBuildMatrix m = matrix(ImageProfile.unknown("example.com/mystery:1", "no hint"));
    assertThat(modes(m, 0)).containsOnly(Mode.UNKNOWN);
    assertThat(m.rows().get(0).cells().get(0).reason()).doesNotContain("--");
  }

  @Test
  void namesTheNodesBehindAnImagesMonthlyUpdate() {
    // win22-a runs 10.0.20348.2762 (October 2024), win22-b 10.0.20348.2849 (November 2024).
    ImageBuildMatrix m =
        matrix(TAGS.describe("mcr.microsoft.com/windows/servercore:10.0.20348.2849"));
    assertThat(m.rows().get(0).aheadOf())
        .extracting(ImageBuildMatrix.PatchGap::node)
        .containsExactly("win22-a");
    assertThat(m.rows().get(0).aheadOf().get(0).assessment().monthsImageAhead()).isEqualTo(1);
  }
}
