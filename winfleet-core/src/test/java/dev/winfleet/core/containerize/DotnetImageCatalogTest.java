package dev.winfleet.core.containerize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.winfleet.core.containerize.DotnetImageCatalog.Variant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DotnetImageCatalogTest {

  private final DotnetImageCatalog images = DotnetImageCatalog.builtIn();

  @Test
  void framework481IsOnlyForLtsc2022AndLater() {
    assertThat(images.framework(ImageFlavour.ASPNET, "4.7.2", 17763, Optional.empty()).tag())
        .isEqualTo("4.8-windowsservercore-ltsc2019");
    assertThat(images.framework(ImageFlavour.ASPNET, "4.7.2", 14393, Optional.empty()).tag())
        .isEqualTo("4.8-windowsservercore-ltsc2016");
    assertThat(images.framework(ImageFlavour.ASPNET, "4.7.2", 20348, Optional.empty()).tag())
        .isEqualTo("4.8.1-windowsservercore-ltsc2022");
    assertThat(images.framework(ImageFlavour.RUNTIME, "4.8", 26100, Optional.empty()).tag())
        .isEqualTo("4.8.1-windowsservercore-ltsc2025");
  }

  @Test
  void anAnnualChannelHostGetsTheLtsc2022ImageItCanRun() {
    ImageChoice choice = images.framework(ImageFlavour.WCF, "4.6.1", 25398, Optional.empty());

    assertThat(choice.reference())
        .isEqualTo("mcr.microsoft.com/dotnet/framework/wcf:4.8.1-windowsservercore-ltsc2022");
    assertThat(choice.imageBuild()).isEqualTo(20348);
  }

  @Test
  void aRetiredSacHostHasNoFrameworkImage() {
    assertThatThrownBy(() -> images.framework(ImageFlavour.ASPNET, "4.8", 19042, Optional.empty()))
        .isInstanceOf(ContainerizeException.class)
        .hasMessageContaining("19042")
        .hasMessageContaining("ltsc2019 (17763)")
        .hasMessageEndingWith("Choose a target build that has one (the target Windows build)");
  }

  @Test
  void pinMonthUsesThePatchTuesdayDatedTag() {
    assertThat(DotnetImageCatalog.patchTuesday(YearMonth.of(2024, 2)))
        .isEqualTo(LocalDate.of(2024, 2, 13));
    assertThat(DotnetImageCatalog.patchTuesday(YearMonth.of(2026, 7)))
        .isEqualTo(LocalDate.of(2026, 7, 14));
    assertThat(
            images
                .framework(ImageFlavour.RUNTIME, "4.8", 20348, Optional.of(YearMonth.of(2024, 2)))
                .tag())
        .isEqualTo("4.8.1-20240213-windowsservercore-ltsc2022");
  }

  @Test
  void aFramework35AppIsToldWhyTheRetiredTagIsNotUsed() {
    ImageChoice choice = images.framework(ImageFlavour.ASPNET, "3.5", 20348, Optional.empty());

    assertThat(choice.tag()).isEqualTo("4.8.1-windowsservercore-ltsc2022");
    assertThat(choice.reason()).contains("adds 3.5").contains("stopped updating");
    assertThat(images.netfx3Install(20348)).contains("Add-Capability");
    assertThat(images.netfx3Install(17763)).contains("wuauserv");
  }

  @Test
  void nanoServer2019IsSpelled1809() {
    assertThat(images.dotnet(ImageFlavour.ASPNET, "8.0", Variant.NANOSERVER, 17763).tag())
        .isEqualTo("8.0-nanoserver-1809");
    assertThat(images.dotnet(ImageFlavour.ASPNET, "8.0", Variant.WINDOWSSERVERCORE, 17763).tag())
        .isEqualTo("8.0-windowsservercore-ltsc2019");
  }

  @Test
  void dotnet10HasNoWindowsServer2019Images() {
    assertThatThrownBy(() -> images.dotnet(ImageFlavour.RUNTIME, "10.0", Variant.NANOSERVER, 17763))
        .isInstanceOf(ContainerizeException.class)
        .hasMessageContaining("ltsc2022 (20348)");
    assertThat(images.dotnet(ImageFlavour.RUNTIME, "10.0", Variant.NANOSERVER, 26100).tag())
        .isEqualTo("10.0-nanoserver-ltsc2025");
  }

  @Test
  void aWindowsServer2025HostRunsTheLtsc2022ImageOfAnOlderDotnet() {
    // .NET 6.0 never had ltsc2025 images; process isolation runs 20348 images on 26100.
    assertThat(images.outOfSupport("6.0")).isTrue();
    assertThat(images.supportNote("6.0")).contains("2024-11-12");
    assertThat(images.dotnet(ImageFlavour.ASPNET, "6.0", Variant.NANOSERVER, 26100).tag())
        .isEqualTo("6.0-nanoserver-ltsc2022");
  }

  @Test
  void anUnknownDotnetVersionNamesTheKnownOnes() {
    assertThatThrownBy(() -> images.dotnet(ImageFlavour.RUNTIME, "12.0", Variant.NANOSERVER, 26100))
        .isInstanceOf(ContainerizeException.class)
        .hasMessageContaining("8.0");
  }

  @Test
  void iisFollowsTheHostBuild() {
    assertThat(images.iis(20348).reference())
        .isEqualTo("mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022");
    assertThat(images.iis(26100).tag()).isEqualTo("windowsservercore-ltsc2025");
  }

  /**
   * Windows cannot overcommit memory, so winfleet writes a memory request equal to the limit
   * ({@code dotnet-images.yaml}); the written Deployment, for a Nano Server and a Server Core app,
   * must say so.
   */
  @Test
  void memoryRequestsEqualLimitsByConstruction() {
    Map<String, Object> nano = resources(Map.of("Api.csproj", ContainerizerTest.WEB_NET8));
    Map<String, Object> core = resources(ContainerizerTest.IIS_NET48);

    for (Map<String, Object> r : List.of(nano, core)) {
      Map<?, ?> requests = (Map<?, ?>) r.get("requests");
      Map<?, ?> limits = (Map<?, ?>) r.get("limits");
      assertThat(requests.get("memory")).as("%s", r).isNotNull().isEqualTo(limits.get("memory"));
      assertThat(requests.get("cpu")).as("%s", r).isNotNull();
      assertThat(limits.get("cpu")).as("%s", r).isNotNull();
    }
    assertThat(((Map<?, ?>) nano.get("limits")).get("memory"))
        .isEqualTo(images.resources(true).memory());
    assertThat(((Map<?, ?>) core.get("limits")).get("memory"))
        .isEqualTo(images.resources(false).memory());
  }

  /** The resources of the first container of the Deployment written for these project files. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> resources(Map<String, String> files) {
    Map<String, Object> deployment =
        ContainerizerTest.yaml(
            ContainerizerTest.file(ContainerizerTest.run(files), "k8s/deployment.yaml"));
    return (Map<String, Object>) ContainerizerTest.container(deployment).get("resources");
  }
}
