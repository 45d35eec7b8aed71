package dev.winfleet.core.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.winfleet.core.catalog.WindowsCatalog;
import dev.winfleet.core.image.ImageOsHint.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageTagHintsTest {

  private final ImageTagHints hints = ImageTagHints.builtIn();

  @ParameterizedTest(name = "{0} is Windows {1}")
  @CsvSource({
    "mcr.microsoft.com/windows/servercore:ltsc2022, 10.0.20348",
    "mcr.microsoft.com/windows/servercore:ltsc2019, 10.0.17763",
    "mcr.microsoft.com/windows/nanoserver:1809, 10.0.17763",
    "mcr.microsoft.com/windows/nanoserver:1809-KB4493509, 10.0.17763",
    "mcr.microsoft.com/windows/nanoserver:10.0.17763.437, 10.0.17763.437",
    "mcr.microsoft.com/windows/server:ltsc2025, 10.0.26100",
    "mcr.microsoft.com/windows:1809, 10.0.17763",
    "mcr.microsoft.com/windows/servercore:20H2, 10.0.19042",
    "mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022, 10.0.20348",
    "mcr.microsoft.com/dotnet/framework/aspnet:4.8-windowsservercore-ltsc2019, 10.0.17763",
    "mcr.microsoft.com/dotnet/framework/aspnet:4.8-20240213-windowsservercore-ltsc2022, 10.0.20348",
    "mcr.microsoft.com/dotnet/framework/runtime:3.5-windowsservercore-ltsc2019, 10.0.17763",
    "mcr.microsoft.com/dotnet/framework/sdk:4.8.1-windowsservercore-ltsc2025, 10.0.26100",
    "mcr.microsoft.com/dotnet/framework/wcf:4.8-windowsservercore-ltsc2022, 10.0.20348",
    "mcr.microsoft.com/dotnet/aspnet:8.0-nanoserver-ltsc2022, 10.0.20348",
    "mcr.microsoft.com/dotnet/runtime:8.0-windowsservercore-ltsc2025, 10.0.26100",
    "mcr.microsoft.com/dotnet/sdk:6.0-nanoserver-1809, 10.0.17763",
    "mcr.microsoft.com/powershell:lts-nanoserver-ltsc2022, 10.0.20348",
    "microsoft/windowsservercore:1709, 10.0.16299",
    "microsoft/nanoserver:sac2016, 10.0.14393",
    "microsoft/nanoserver:10.0.14393.2430, 10.0.14393.2430",
    "microsoft/iis:windowsservercore-1803, 10.0.17134",
    "microsoft/aspnet:4.7.2-windowsservercore-ltsc2016, 10.0.14393",
    "registry.corp.example/team/app:1.2-windowsservercore-1709, 10.0.16299",
    "golang:1.22-nanoserver-ltsc2022, 10.0.20348",
    "python:3.12-windowsservercore-ltsc2025, 10.0.26100",
    "harbor.local/bank/web:nanoserver-ltsc2022, 10.0.20348",
    // An LTSC token is Windows on its own, whatever the repository.
    "registry.corp.example/shop-web:1.0.0-ltsc2019, 10.0.17763",
    "shop-web:ltsc2022, 10.0.20348",
    "registry.corp.example/app:2.1-20H2, 10.0.19042"
  })
  void infersTheBuildFromTheReference(String ref, String build) {
    ImageOsHint hint = hints.hint(ref);
    assertThat(hint.kind()).as(hint.evidence()).isEqualTo(Kind.WINDOWS);
    assertThat(hint.build()).isEqualTo(WindowsCatalog.builtIn().parseVersion(build));
    assertThat(hint.isWindows()).isTrue();
  }

  @ParameterizedTest(name = "{0} is Windows of unknown build")
  @CsvSource({
    "mcr.microsoft.com/windows/servercore",
    "mcr.microsoft.com/windows/servercore:latest",
    "mcr.microsoft.com/windows/nanoserver@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
    "mcr.microsoft.com/dotnet/framework/aspnet:4.8",
    "microsoft/iis",
    "registry.corp.example/team/app:windowsservercore",
    "registry.corp.example/windows/legacy-app:3.1",
    "mcr.microsoft.com/dotnet/aspnet:8.0-nanoserver",
    // Two releases that disagree: never a guess.
    "registry.corp.example/app:nanoserver-1809-ltsc2022"
  })
  void saysWindowsWithoutInventingABuild(String ref) {
    ImageOsHint hint = hints.hint(ref);
    assertThat(hint.kind()).as(hint.evidence()).isEqualTo(Kind.WINDOWS_UNKNOWN_BUILD);
    assertThat(hint.build()).isNull();
  }

  @Test
  void hostProcessBaseImageRunsOnAnyBuild() {
    ImageOsHint hint =
        hints.hint(
            "mcr.microsoft.com/oss/kubernetes/windows-host-process-containers-base-image:v1.0.0");
    assertThat(hint.kind()).isEqualTo(Kind.WINDOWS_ANY_BUILD);
    assertThat(hint.isWindows()).isTrue();
  }

  @ParameterizedTest(name = "{0} is Linux on {1}")
  @CsvSource({
    "nginx, KNOWLEDGE",
    "nginx:1.27-alpine, KNOWLEDGE",
    "registry.k8s.io/kube-proxy:v1.31.0, KNOWLEDGE",
    "mcr.microsoft.com/dotnet/aspnet:8.0-bookworm-slim, TAG_TOKEN",
    "mcr.microsoft.com/dotnet/sdk:8.0-alpine, TAG_TOKEN",
    "mcr.microsoft.com/powershell:lts-ubuntu-22.04, TAG_TOKEN",
    "python:3.12-slim, TAG_TOKEN",
    "registry.corp.example/app:2.1-alpine, TAG_TOKEN"
  })
  void saysLinuxOnKnowledgeOrAnExplicitToken(String ref, Evidence level) {
    ImageOsHint hint = hints.hint(ref);
    assertThat(hint.kind()).as(hint.evidence()).isEqualTo(Kind.LINUX);
    assertThat(hint.level()).isEqualTo(level);
    assertThat(hint.isWindows()).isFalse();
  }

  @ParameterizedTest(name = "{0} is unknown, not Linux")
  @CsvSource({
    "registry.corp.example/app:1809",
    "quay.io/example/operator:v1.2.3",
    "ghcr.io/example/agent",
    "not a reference"
  })
  void anImageNobodyKnowsIsUnknownNeverLinux(String ref) {
    ImageOsHint hint = hints.hint(ref);
    assertThat(hint.kind()).as(hint.evidence()).isEqualTo(Kind.UNKNOWN);
    assertThat(hint.level()).isEqualTo(Evidence.UNKNOWN);
  }

  @ParameterizedTest(name = "{0} is a multi-OS manifest list")
  @CsvSource({
    "mcr.microsoft.com/dotnet/aspnet:8.0",
    "mcr.microsoft.com/dotnet/runtime:6.0",
    "golang:1.22",
    "registry.k8s.io/pause:3.9",
    "registry.k8s.io/sig-storage/livenessprobe:v2.16.0",
    "registry.k8s.io/sig-storage/csi-node-driver-registrar:v2.15.0",
    "mcr.microsoft.com/oss/kubernetes-csi/livenessprobe:v2.15.0",
    "mcr.microsoft.com/oss/v2/kubernetes-csi/csi-node-driver-registrar:v2.13.0",
    "mcr.microsoft.com/k8s/csi/azurefile-csi:latest",
    // test/images/agnhost/BASEIMAGE: linux and windows/amd64 (1809, ltsc2022) entries.
    "registry.k8s.io/e2e-test-images/agnhost:2.52",
    "k8s.gcr.io/e2e-test-images/agnhost:2.33"
  })
  void multiOsPlainTagsAreMultiOsOnKnowledge(String ref) {
    ImageOsHint hint = hints.hint(ref);
    assertThat(hint.kind()).as(hint.evidence()).isEqualTo(Kind.MULTI_OS);
    assertThat(hint.level()).isEqualTo(Evidence.KNOWLEDGE);
  }

  @Test
  void aRepositoryNameAloneIsAGuess() {
    ImageOsHint hint = hints.hint("registry.corp.example/windows/legacy-app:3.1");
    assertThat(hint.kind()).isEqualTo(Kind.WINDOWS_UNKNOWN_BUILD);
    assertThat(hint.level()).isEqualTo(Evidence.GUESS);
  }
}
