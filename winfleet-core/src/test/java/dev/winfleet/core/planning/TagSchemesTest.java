package dev.winfleet.core.planning;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TagSchemesTest {

  private static Optional<String> suggest(String ref, int from, int to) {
    return TagSchemes.builtIn().suggest(ref, Set.of(from), to).map(TagSchemes.Suggestion::to);
  }

  @ParameterizedTest
  @CsvSource({
    "mcr.microsoft.com/windows/servercore:ltsc2019, 17763, 20348, mcr.microsoft.com/windows/servercore:ltsc2022",
    "mcr.microsoft.com/windows/servercore:1809, 17763, 20348, mcr.microsoft.com/windows/servercore:ltsc2022",
    "mcr.microsoft.com/windows/servercore:10.0.17763.5206, 17763, 20348, mcr.microsoft.com/windows/servercore:ltsc2022",
    "mcr.microsoft.com/windows/nanoserver:1809, 17763, 20348, mcr.microsoft.com/windows/nanoserver:ltsc2022",
    "mcr.microsoft.com/windows/nanoserver:1809-KB4493509, 17763, 20348, mcr.microsoft.com/windows/nanoserver:ltsc2022",
    "mcr.microsoft.com/windows/nanoserver:ltsc2022, 20348, 17763, mcr.microsoft.com/windows/nanoserver:1809",
    "mcr.microsoft.com/windows:1809, 17763, 20348, mcr.microsoft.com/windows/server:ltsc2022",
    "mcr.microsoft.com/dotnet/framework/aspnet:4.8-windowsservercore-ltsc2019, 17763, 20348, mcr.microsoft.com/dotnet/framework/aspnet:4.8-windowsservercore-ltsc2022",
    "mcr.microsoft.com/dotnet/framework/aspnet:4.8-20240213-windowsservercore-ltsc2019, 17763, 20348, mcr.microsoft.com/dotnet/framework/aspnet:4.8-20240213-windowsservercore-ltsc2022",
    "mcr.microsoft.com/dotnet/framework/aspnet:4.8-windowsservercore-ltsc2019, 17763, 26100, mcr.microsoft.com/dotnet/framework/aspnet:4.8.1-windowsservercore-ltsc2025",
    "mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2019, 17763, 20348, mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022",
    "mcr.microsoft.com/dotnet/aspnet:8.0-nanoserver-1809, 17763, 20348, mcr.microsoft.com/dotnet/aspnet:8.0-nanoserver-ltsc2022",
    "mcr.microsoft.com/dotnet/runtime:8.0-windowsservercore-ltsc2019, 17763, 20348, mcr.microsoft.com/dotnet/runtime:8.0-windowsservercore-ltsc2022",
    "harbor.example.com/shop/web:2.3-windowsservercore-ltsc2019, 17763, 20348, harbor.example.com/shop/web:2.3-windowsservercore-ltsc2022",
    "harbor.example.com/shop/api:1.0-nanoserver-1809, 17763, 20348, harbor.example.com/shop/api:1.0-nanoserver-ltsc2022",
    // Docker Hub's microsoft/iis stopped at 1803/ltsc2016; MCR publishes windowsservercore-ltsc2016
    // to -ltsc2025 (microsoft/iis-docker README): the suggestion names the repository it moved to.
    "microsoft/iis:windowsservercore-1709, 16299, 26100, mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2025",
    "microsoft/iis:windowsservercore-ltsc2016, 14393, 20348, mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022",
    "microsoft/windowsservercore:1709, 16299, 20348, mcr.microsoft.com/windows/servercore:ltsc2022",
    "microsoft/nanoserver:sac2016, 14393, 17763, mcr.microsoft.com/windows/nanoserver:1809"
  })
  void suggestsTheImageForTheTargetBuild(String from, int build, int target, String expected) {
    assertThat(suggest(from, build, target)).contains(expected);
  }

  @ParameterizedTest
  @CsvSource({
    // No release token, or one that is not the image's build: winfleet does not guess.
    "nginx:1.27, 17763",
    "mcr.microsoft.com/windows/servercore:latest, 17763",
    "mcr.microsoft.com/windows/servercore:ltsc2022, 17763",
    // Windows Server 2022 has no full "windows" image and no Nano Server 2019 tag for server
    "mcr.microsoft.com/windows/server:ltsc2022, 20348",
    // Microsoft's repositories no scheme lists: the spelling for your own images would invent a
    // tag (microsoft/dotnet-framework on Docker Hub has no ltsc2022 tag at all).
    "microsoft/dotnet-framework:4.7.2-runtime-windowsservercore-ltsc2019, 17763",
    "mcr.microsoft.com/powershell:lts-windowsservercore-ltsc2019, 17763"
  })
  void noSuggestionWithoutAKnownScheme(String from, int build) {
    assertThat(suggest(from, build, build == 20348 ? 17763 : 20348)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({
    "mcr.microsoft.com/dotnet/framework/aspnet:4.8-windowsservercore-ltsc2019, 20348, 4.8 images for ltsc2022 are no longer updated",
    "mcr.microsoft.com/dotnet/framework/sdk:4.8-windowsservercore-ltsc2019, 26100, there is no .NET Framework 4.8 image for ltsc2025"
  })
  void notesWhatMicrosoftNoLongerUpdates(String from, int target, String note) {
    assertThat(TagSchemes.builtIn().suggest(from, Set.of(17763), target).orElseThrow().notes())
        .anyMatch(n -> n.contains(note));
  }

  @org.junit.jupiter.api.Test
  void aMovedRepositorySaysWhereItWent() {
    TagSchemes.Suggestion s =
        TagSchemes.builtIn()
            .suggest("microsoft/iis:windowsservercore-1709", Set.of(16299), 26100)
            .orElseThrow();
    assertThat(s.from()).isEqualTo("microsoft/iis:windowsservercore-1709");
    assertThat(s.ownImage()).isFalse();
    assertThat(s.notes())
        .containsExactly(
            "microsoft/iis on Docker Hub has no tag for Windows Server 2019 or later; IIS images"
                + " are published as mcr.microsoft.com/windows/servercore/iis");
  }
}
