package dev.winfleet.core.containerize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.winfleet.core.observability.AppLogProfile;
import org.junit.jupiter.api.Test;

class AppLogProfilesTest {

  @Test
  void iisHostedFrameworkAppsAndStaticSitesAreIis() {
    assertThat(AppLogProfiles.of(AppKind.WEB, AppRuntime.FRAMEWORK, false))
        .isEqualTo(AppLogProfile.IIS);
    assertThat(AppLogProfiles.of(AppKind.WCF, AppRuntime.FRAMEWORK, false))
        .isEqualTo(AppLogProfile.IIS);
    assertThat(AppLogProfiles.of(AppKind.STATIC_SITE, AppRuntime.NONE, false))
        .isEqualTo(AppLogProfile.IIS);
  }

  @Test
  void aspNetCoreAndWorkersWriteToStdout() {
    assertThat(AppLogProfiles.of(AppKind.WEB, AppRuntime.DOTNET, false))
        .isEqualTo(AppLogProfile.CONSOLE);
    assertThat(AppLogProfiles.of(AppKind.WORKER, AppRuntime.DOTNET, false))
        .isEqualTo(AppLogProfile.CONSOLE);
  }

  @Test
  void windowsServicesLogToTheEventLog() {
    assertThat(AppLogProfiles.of(AppKind.WINDOWS_SERVICE, AppRuntime.FRAMEWORK, false))
        .isEqualTo(AppLogProfile.WINDOWS_SERVICE);
  }

  @Test
  void aspNetCoreOnTheFrameworkRunsOnKestrelAndWritesToStdout() {
    assertThat(AppLogProfiles.of(AppKind.WEB, AppRuntime.FRAMEWORK, true))
        .isEqualTo(AppLogProfile.CONSOLE);
  }
}
