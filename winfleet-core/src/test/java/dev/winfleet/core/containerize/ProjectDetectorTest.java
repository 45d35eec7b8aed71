package dev.winfleet.core.containerize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ProjectDetectorTest {

  private final ProjectDetector detector = new ProjectDetector();

  private static String sdk(String sdk, String properties) {
    return "<Project Sdk=\""
        + sdk
        + "\"><PropertyGroup>"
        + properties
        + "</PropertyGroup></Project>";
  }

  private static String legacy(String properties, String items) {
    return "<Project ToolsVersion=\"15.0\"><PropertyGroup>"
        + properties
        + "</PropertyGroup><ItemGroup>"
        + items
        + "</ItemGroup></Project>";
  }

  private DetectedApp only(Map<String, String> files) {
    Detection d = detector.detect(new ProjectFiles("app", files));
    assertThat(d.apps()).hasSize(1);
    return d.apps().get(0);
  }

  @Test
  void aLegacyWebProjectWithMvcIsAnAspNetMvcAppOnItsFrameworkVersion() {
    DetectedApp app =
        only(
            Map.of(
                "Web/Web.csproj",
                legacy(
                    "<ProjectTypeGuids>{349c5851-65df-11da-9384-00065b846f21}</ProjectTypeGuids>"
                        + "<OutputType>Library</OutputType><TargetFrameworkVersion>v4.7.2</TargetFrameworkVersion>",
                    "<Reference Include=\"System.Web.Mvc, Version=5.2.7.0\" />"),
                "Web/Web.config",
                "<configuration/>"));

    assertThat(app.runtime()).isEqualTo(AppRuntime.FRAMEWORK);
    assertThat(app.kind()).isEqualTo(AppKind.WEB);
    assertThat(app.flavour()).isEqualTo("ASP.NET MVC");
    assertThat(app.version()).isEqualTo("4.7.2");
    assertThat(app.legacyProject()).isTrue();
    assertThat(app.name()).isEqualTo("web");
    assertThat(app.evidence()).anyMatch(e -> e.contains("Web/Web.config"));
  }

  @Test
  void theWcfProjectTypeMakesAWcfService() {
    DetectedApp app =
        only(
            Map.of(
                "Svc.csproj",
                legacy(
                    "<ProjectTypeGuids>{3D9AD99F-2412-4246-B90B-4EAFF4C1D2B5};{349c5851-65df-11da-9384-00065b846f21}</ProjectTypeGuids>"
                        + "<TargetFrameworkVersion>v4.6.1</TargetFrameworkVersion>",
                    "")));

    assertThat(app.kind()).isEqualTo(AppKind.WCF);
    assertThat(app.version()).isEqualTo("4.6.1");
  }

  @Test
  void aMultiTargetedProjectPrefersModernDotnet() {
    DetectedApp app =
        only(
            Map.of(
                "Jobs.csproj",
                sdk(
                    "Microsoft.NET.Sdk",
                    "<OutputType>Exe</OutputType><TargetFrameworks>net48;net8.0;net6.0</TargetFrameworks>")));

    assertThat(app.runtime()).isEqualTo(AppRuntime.DOTNET);
    assertThat(app.version()).isEqualTo("8.0");
    assertThat(app.targetFramework()).isEqualTo("net8.0");
    assertThat(app.kind()).isEqualTo(AppKind.CONSOLE);
  }

  @Test
  void aWindowsTargetFrameworkNeedsWindowsApis() {
    DetectedApp app =
        only(
            Map.of(
                "W.csproj",
                sdk(
                    "Microsoft.NET.Sdk.Worker",
                    "<TargetFramework>net6.0-windows</TargetFramework>")));

    assertThat(app.kind()).isEqualTo(AppKind.WORKER);
    assertThat(app.windowsOnly()).isTrue();
    assertThat(app.version()).isEqualTo("6.0");
  }

  @Test
  void theTargetFrameworkMayComeFromDirectoryBuildProps() {
    DetectedApp app =
        only(
            Map.of(
                "Directory.Build.props",
                "<Project><PropertyGroup><TargetFramework>net9.0</TargetFramework></PropertyGroup></Project>",
                "src/Api/Api.csproj",
                "<Project Sdk=\"Microsoft.NET.Sdk.Web\"></Project>"));

    assertThat(app.version()).isEqualTo("9.0");
    assertThat(app.evidence()).anyMatch(e -> e.startsWith("Directory.Build.props"));
  }

  @Test
  void librariesTestsDesktopAppsAndDotnetCoreAreSkippedWithAReason() {
    Map<String, String> files =
        Map.of(
            "Lib/Lib.csproj",
                sdk("Microsoft.NET.Sdk", "<TargetFramework>netstandard2.0</TargetFramework>"),
            "Lib2/Lib2.csproj",
                sdk("Microsoft.NET.Sdk", "<TargetFramework>net8.0</TargetFramework>"),
            "T/T.csproj",
                "<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup><TargetFramework>net8.0</TargetFramework></PropertyGroup>"
                    + "<ItemGroup><PackageReference Include=\"Microsoft.NET.Test.Sdk\" Version=\"1\" /></ItemGroup></Project>",
            "Ui/Ui.csproj",
                sdk(
                    "Microsoft.NET.Sdk",
                    "<OutputType>WinExe</OutputType><TargetFramework>net8.0-windows</TargetFramework><UseWPF>true</UseWPF>"),
            "Old/Old.csproj",
                sdk(
                    "Microsoft.NET.Sdk",
                    "<OutputType>Exe</OutputType><TargetFramework>netcoreapp3.1</TargetFramework>"));

    assertThatThrownBy(() -> detector.detect(new ProjectFiles("app", files)))
        .isInstanceOfSatisfying(
            UnrecognisedProjectException.class,
            e -> {
              assertThat(e.skipped()).hasSize(5);
              assertThat(e.getMessage())
                  .contains("Lib/Lib.csproj: a class library (netstandard2.0)")
                  .contains("Lib2/Lib2.csproj: a class library")
                  .contains("T/T.csproj: a test project")
                  .contains("Ui/Ui.csproj: a desktop GUI app")
                  .contains("Old/Old.csproj: targets netcoreapp3.1");
            });
  }

  @Test
  void aSolutionNamesTheProjectsAndMissingOnesAreNoted() {
    String sln =
        "Project(\"{FAE04EC0-301F-11D3-BF4B-00C04F79EFBC}\") = \"A\", \"src\\A\\A.csproj\", \"{1}\"\n"
            + "EndProject\n"
            + "Project(\"{FAE04EC0-301F-11D3-BF4B-00C04F79EFBC}\") = \"Gone\", \"src\\Gone\\Gone.csproj\", \"{2}\"\n"
            + "EndProject\n";
    Detection d =
        detector.detect(
            new ProjectFiles(
                "app",
                Map.of(
                    "All.sln",
                    sln,
                    "src/A/A.csproj",
                    sdk("Microsoft.NET.Sdk.Web", "<TargetFramework>net8.0</TargetFramework>"))));

    assertThat(d.apps()).extracting(DetectedApp::source).containsExactly("src/A/A.csproj");
    assertThat(d.notes())
        .anyMatch(n -> n.contains("Gone.csproj") && n.contains("not in the folder"));
  }

  @Test
  void aFrameworkProgramWithServiceBaseIsAWindowsServiceNamedInTheCode() {
    DetectedApp app =
        only(
            Map.of(
                "Svc.csproj",
                legacy(
                    "<OutputType>WinExe</OutputType><TargetFrameworkVersion>v4.8</TargetFrameworkVersion>",
                    "<Reference Include=\"System.ServiceProcess\" />"),
                "MyService.cs",
                "class MyService : ServiceBase { MyService() { ServiceName = \"Nightly\"; } }"));

    assertThat(app.kind()).isEqualTo(AppKind.WINDOWS_SERVICE);
    assertThat(app.serviceName()).contains("Nightly");
  }

  @Test
  void globalJsonAsksForAnSdk() {
    DetectedApp app =
        only(
            Map.of(
                "global.json",
                "{ \"sdk\": { \"version\": \"9.0.100\" } }",
                "src/Api.csproj",
                sdk("Microsoft.NET.Sdk.Web", "<TargetFramework>net8.0</TargetFramework>")));

    assertThat(app.sdkVersion()).contains("9.0");
  }

  @Test
  void publishedDotnetOutputIsRecognisedByItsRuntimeConfig() {
    DetectedApp app =
        only(
            Map.of(
                "Api.runtimeconfig.json",
                "{\"runtimeOptions\":{\"tfm\":\"net8.0\",\"frameworks\":[{\"name\":\"Microsoft.AspNetCore.App\"}]}}",
                "Api.dll",
                ""));

    assertThat(app.prebuilt()).isTrue();
    assertThat(app.kind()).isEqualTo(AppKind.WEB);
    assertThat(app.assembly()).isEqualTo("Api");
  }

  @Test
  void anIndexPageWithoutProjectsIsAStaticSite() {
    DetectedApp app = only(Map.of("www/index.html", "", "www/a/index.html", "", "notes.txt", ""));

    assertThat(app.kind()).isEqualTo(AppKind.STATIC_SITE);
    assertThat(app.source()).isEqualTo("www");
  }

  @Test
  void anEmptyFolderIsUnrecognisedAndSaysWhatWasLookedFor() {
    assertThatThrownBy(() -> detector.detect(new ProjectFiles("empty", Map.of("README.md", ""))))
        .isInstanceOf(UnrecognisedProjectException.class)
        .hasMessageContaining("empty")
        .hasMessageContaining("*.sln")
        .hasMessageContaining("index.html");
  }

  @Test
  void pathsMustStayInsideTheFolder() {
    assertThatThrownBy(() -> new ProjectFiles("x", Map.of("../etc/passwd", "")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ProjectFiles("x", Map.of("C:\\x.csproj", "")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
