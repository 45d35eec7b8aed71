package dev.winfleet.core.containerize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
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
  void aMultiTargetProjectIsJudgedByTheInnerBuildOfTheFrameworkItRunsOn() {
    // OutputType Exe only for net8.0: the outer build alone would call it a class library.
    DetectedApp app =
        only(
            Map.of(
                "A/A.csproj",
                "<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup>"
                    + "<TargetFrameworks>net48;net8.0</TargetFrameworks>"
                    + "<OutputType Condition=\"'$(TargetFramework)' == 'net8.0'\">Exe</OutputType>"
                    + "</PropertyGroup></Project>"));

    assertThat(app.runtime()).isEqualTo(AppRuntime.DOTNET);
    assertThat(app.version()).isEqualTo("8.0");
    assertThat(app.kind()).isEqualTo(AppKind.CONSOLE);
    assertThat(app.evidence()).anyMatch(e -> e.contains("TargetFrameworks net48;net8.0 -> net8.0"));
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

  private static final String WEB_GUIDS =
      "<ProjectTypeGuids>{E3E379DF-F4C6-4180-9B81-6769533ABE47};{349c5851-65df-11da-9384-00065b846f21}"
          + "</ProjectTypeGuids><OutputType>Library</OutputType>";

  private static String legacyWith(String properties, String releaseOutputPath, String items) {
    return "<Project ToolsVersion=\"4.0\"><PropertyGroup>"
        + properties
        + "</PropertyGroup><PropertyGroup Condition=\" '$(Configuration)|$(Platform)' =="
        + " 'Release|AnyCPU' \"><OutputPath>"
        + releaseOutputPath
        + "</OutputPath></PropertyGroup><ItemGroup>"
        + items
        + "</ItemGroup></Project>";
  }

  @Test
  void projectsWhoseOutputPathPointsIntoAnotherAppArePartsOfIt() {
    // nopCommerce 3.x: a plugin (with a web.config and an MVC reference) builds into
    // Nop.Web/Plugins, the admin web project into Nop.Web/bin.
    Detection d =
        detector.detect(
            new ProjectFiles(
                "nop",
                Map.of(
                    "src/Presentation/Nop.Web/Nop.Web.csproj",
                    legacyWith(
                        WEB_GUIDS + "<TargetFrameworkVersion>v4.5.1</TargetFrameworkVersion>",
                        "bin\\",
                        ""),
                    "src/Presentation/Nop.Web/Global.asax",
                    "",
                    "src/Presentation/Nop.Web/Web.config",
                    "<configuration/>",
                    "src/Presentation/Nop.Web/Administration/Nop.Admin.csproj",
                    legacyWith(
                        WEB_GUIDS + "<TargetFrameworkVersion>v4.5.1</TargetFrameworkVersion>",
                        "..\\bin\\",
                        ""),
                    "src/Plugins/Pay/Pay.csproj",
                    legacyWith(
                        "<OutputType>Library</OutputType><TargetFrameworkVersion>v4.5.1</TargetFrameworkVersion>",
                        "..\\..\\Presentation\\Nop.Web\\Plugins\\Pay\\",
                        "<Reference Include=\"System.Web.Mvc\" />"),
                    "src/Plugins/Pay/web.config",
                    "<configuration/>",
                    "src/Plugins/Pay/Global.asax",
                    "")));

    assertThat(d.apps())
        .extracting(DetectedApp::source)
        .containsExactly("src/Presentation/Nop.Web/Nop.Web.csproj");
    assertThat(d.apps().get(0).details().parts())
        .containsExactlyInAnyOrder(
            "src/Plugins/Pay/Pay.csproj",
            "src/Presentation/Nop.Web/Administration/Nop.Admin.csproj");
    assertThat(d.skipped()).anyMatch(s -> s.startsWith("src/Plugins/Pay/Pay.csproj: a part of"));
  }

  @Test
  void isPublishableFalseTestSdksAndAspireProjectsAreNotDeployed() {
    Map<String, String> files =
        Map.of(
            "Directory.Build.props",
            "<Project><PropertyGroup><TargetFramework>net9.0</TargetFramework></PropertyGroup></Project>",
            "tests/Directory.Build.props",
            "<Project><PropertyGroup><IsTestProject>true</IsTestProject>"
                + "<TargetFramework>net9.0</TargetFramework></PropertyGroup></Project>",
            "src/Infra/Infra.csproj",
            sdk(
                "Microsoft.NET.Sdk",
                "<OutputType>Exe</OutputType><IsPublishable>false</IsPublishable>"),
            "src/AppHost/AppHost.csproj",
            sdk("Aspire.AppHost.Sdk/9.2.0", "<OutputType>Exe</OutputType>"),
            "tests/Unit/Unit.csproj",
            sdk("MSTest.Sdk/3.8.0", ""),
            "tests/Func/Func.csproj",
            sdk("Microsoft.NET.Sdk", "<OutputType>Exe</OutputType>"),
            "func/Aspire.Tests2/Aspire.Tests2.csproj",
            "<Project Sdk=\"Aspire.AppHost.Sdk/13.0.0\"><PropertyGroup><OutputType>Exe</OutputType>"
                + "</PropertyGroup><ItemGroup><PackageReference Include=\"xunit.v3.mtp-v2\" />"
                + "</ItemGroup></Project>",
            "src/Api/Api.csproj",
            sdk("Microsoft.NET.Sdk.Web", ""));
    Detection d = detector.detect(new ProjectFiles("app", files));

    assertThat(d.apps()).extracting(DetectedApp::source).containsExactly("src/Api/Api.csproj");
    assertThat(d.skipped())
        .anyMatch(s -> s.startsWith("src/Infra/Infra.csproj: IsPublishable is false"))
        .anyMatch(s -> s.startsWith("src/AppHost/AppHost.csproj: the .NET Aspire AppHost"))
        .anyMatch(s -> s.equals("tests/Unit/Unit.csproj: a test project (Sdk MSTest.Sdk)"))
        .anyMatch(
            s ->
                s.equals(
                    "tests/Func/Func.csproj: a test project (IsTestProject true in"
                        + " tests/Directory.Build.props)"))
        .anyMatch(
            s ->
                s.equals(
                    "func/Aspire.Tests2/Aspire.Tests2.csproj: a test project (package xunit.v3.mtp-v2)"));
  }

  @Test
  void aWebSiteProjectOfASolutionIsAnAppNotDroppedSilently() {
    String sln =
        "Project(\"{E24C65DC-7377-472B-9ABA-BC803B73C61A}\") = \"Site\", \"http://localhost:1234\","
            + " \"{3ADB92E5-342B-458D-B779-369FC8A66CF6}\"\n"
            + "\tProjectSection(WebsiteProperties) = preProject\n"
            + "\t\tTargetFrameworkMoniker = \".NETFramework,Version%3Dv4.7.2\"\n"
            + "\t\tSlnRelativePath = \"Site\\\"\n"
            + "\tEndProjectSection\n"
            + "EndProject\n";
    DetectedApp app =
        only(
            Map.of(
                "All.sln", sln, "Site/web.config", "<configuration/>", "Site/App_Code/A.cs", ""));

    assertThat(app.kind()).isEqualTo(AppKind.WEB);
    assertThat(app.details().webSite()).isTrue();
    assertThat(app.version()).isEqualTo("4.7.2");
    assertThat(app.source()).isEqualTo("Site");
    assertThat(app.prebuilt()).isTrue();
  }

  @Test
  void aFolderWithAppCodeOrAsmxAndNoProjectIsAWebSite() {
    DetectedApp app =
        only(
            Map.of(
                "legacy/web.config",
                "<configuration><system.web><compilation targetFramework=\"4.0\"/></system.web>"
                    + "</configuration>",
                "legacy/Service.asmx",
                ""));

    assertThat(app.details().webSite()).isTrue();
    assertThat(app.version()).isEqualTo("4.0");
  }

  @Test
  void aSelfHostedWcfServiceOpensTheBaseAddressPorts() {
    // microsoft/dotnet-framework-docker-samples wcfapp/WcfServiceConsoleApp
    DetectedApp app =
        only(
            Map.of(
                "Host/Host.csproj",
                legacy(
                    "<OutputType>Exe</OutputType><TargetFrameworkVersion>v4.6.2</TargetFrameworkVersion>",
                    "<Reference Include=\"System.ServiceModel\" />"),
                "Host/App.config",
                "<configuration><system.serviceModel><services><service name=\"S\"><host>"
                    + "<baseAddresses><add baseAddress=\"http://localhost:80/Service1.svc\" />"
                    + "<add baseAddress=\"net.tcp://localhost/Service1.svc\" /></baseAddresses>"
                    + "</host></service></services></system.serviceModel></configuration>",
                "Host/Program.cs",
                "class P { static void Main() { new ServiceHost(typeof(S)).Open();"
                    + " Thread.Sleep(-1); } }"));

    assertThat(app.kind()).isEqualTo(AppKind.CONSOLE);
    assertThat(app.flavour()).isEqualTo("self-hosted WCF service");
    assertThat(app.details().endpoints())
        .extracting(AppDetails.Endpoint::port)
        .containsExactly(80, 808);
    assertThat(app.details().oneShot()).isFalse();
  }

  @Test
  void aProgramThatDoesItsWorkAndEndsIsOneShotAndOneThatWaitsOnTheConsoleNeedsStdin() {
    DetectedApp once =
        only(
            Map.of(
                "Once.csproj",
                sdk(
                    "Microsoft.NET.Sdk",
                    "<OutputType>Exe</OutputType><TargetFramework>net8.0</TargetFramework>"),
                "Program.cs",
                "Console.WriteLine(\"imported\");"));
    DetectedApp waits =
        only(
            Map.of(
                "Wait.csproj",
                sdk(
                    "Microsoft.NET.Sdk",
                    "<OutputType>Exe</OutputType><TargetFramework>net8.0</TargetFramework>"),
                "Program.cs",
                "Start(); Console.WriteLine(\"Press Enter\"); Console.ReadLine();"));
    DetectedApp unknown =
        only(
            Map.of(
                "X.csproj",
                sdk(
                    "Microsoft.NET.Sdk",
                    "<OutputType>Exe</OutputType><TargetFramework>net8.0</TargetFramework>")));

    assertThat(once.details().oneShot()).isTrue();
    assertThat(waits.details().oneShot()).isFalse();
    assertThat(waits.details().waitsOnConsole()).contains("Program.cs: waits on Console.Read*()");
    assertThat(unknown.details().oneShot()).as("no source, no claim").isFalse();
  }

  @Test
  void aSingleFilePublishIsNoted() {
    DetectedApp app =
        only(
            Map.of(
                "Tool.csproj",
                sdk(
                    "Microsoft.NET.Sdk",
                    "<OutputType>Exe</OutputType><TargetFramework>net8.0</TargetFramework>"
                        + "<PublishSingleFile>true</PublishSingleFile>")));

    assertThat(app.details().singleFile()).isTrue();
  }

  @Test
  void aspNetCoreOnTheFrameworkRunsKestrelNotIis() {
    // dotnet-architecture/eShopModernizing eShopPorted: Microsoft.NET.Sdk.Web with net461
    DetectedApp app =
        only(
            Map.of(
                "Ported/Ported.csproj",
                sdk("Microsoft.NET.Sdk.Web", "<TargetFramework>net461</TargetFramework>")));

    assertThat(app.runtime()).isEqualTo(AppRuntime.FRAMEWORK);
    assertThat(app.kind()).isEqualTo(AppKind.WEB);
    assertThat(app.details().selfHostedHttp()).isTrue();
  }

  @Test
  void connectionStringsThatCannotWorkInAContainerSayWhy() {
    DetectedApp app =
        only(
            Map.of(
                "Web/Web.csproj",
                legacy(WEB_GUIDS + "<TargetFrameworkVersion>v4.7.2</TargetFrameworkVersion>", ""),
                "Web/Web.config",
                "<configuration><connectionStrings>"
                    + "<add name=\"Catalog\" connectionString=\"Data Source=(localdb)\\MSSQLLocalDB;"
                    + " Initial Catalog=Cat; Integrated Security=True\" />"
                    + "<add name=\"Remote\" connectionString=\"Server=sql.example.com;User ID=a;Password=b\" />"
                    + "</connectionStrings></configuration>"));

    assertThat(app.details().connectionStrings()).hasSize(2);
    AppDetails.ConnectionString local = app.details().connectionStrings().get(0);
    assertThat(local.problems())
        .anyMatch(p -> p.startsWith("LocalDB"))
        .anyMatch(p -> p.startsWith("Windows integrated security"));
    assertThat(app.details().connectionStrings().get(1).problems()).isEmpty();
  }

  @Test
  void windowsAuthenticationIsFoundInWebConfig() {
    DetectedApp app =
        only(
            Map.of(
                "Web/Web.csproj",
                legacy(WEB_GUIDS + "<TargetFrameworkVersion>v4.8</TargetFrameworkVersion>", ""),
                "Web/Web.config",
                "<configuration><system.web><authentication mode=\"Windows\" /></system.web>"
                    + "</configuration>"));

    assertThat(app.details().windowsAuth())
        .contains("Web/Web.config: <authentication mode=\"Windows\">");
  }

  @Test
  void referencesFromTheGacSayWhetherTheyNeedAnInstallerOrCannotWork() {
    DetectedApp app =
        only(
            Map.of(
                "Web/Web.csproj",
                legacy(
                    WEB_GUIDS + "<TargetFrameworkVersion>v4.8</TargetFrameworkVersion>",
                    "<Reference Include=\"CrystalDecisions.CrystalReports.Engine, Version=13.0.2000.0\" />"
                        + "<Reference Include=\"Microsoft.Office.Interop.Excel, Version=15.0.0.0\" />"
                        + "<Reference Include=\"Newtonsoft.Json\"><HintPath>..\\packages\\Newtonsoft.Json.13\\lib\\net45\\Newtonsoft.Json.dll</HintPath></Reference>"
                        + "<Reference Include=\"Acme.Grid\"><HintPath>C:\\Program Files\\Acme\\Acme.Grid.dll</HintPath></Reference>"
                        + "<Reference Include=\"System.Web\" />"),
                "Web/Web.config",
                "<configuration/>"));

    assertThat(app.details().todo())
        .extracting(AppDetails.Todo::topic)
        .containsExactly(
            "installer needed in the image: SAP Crystal Reports runtime",
            "cannot work in a container: Microsoft Office (COM automation)",
            "reference from outside the repository");
    assertThat(app.details().packagesRoot()).contains("");
  }

  @Test
  void onlyTheProjectAskedForIsDeployedAndAnUnknownOneIsAUsageError() {
    Map<String, String> files =
        Map.of(
            "a/A.csproj", sdk("Microsoft.NET.Sdk.Web", "<TargetFramework>net8.0</TargetFramework>"),
            "b/B.csproj", sdk("Microsoft.NET.Sdk.Web", "<TargetFramework>net8.0</TargetFramework>"),
            "lib/L.csproj", sdk("Microsoft.NET.Sdk", "<TargetFramework>net8.0</TargetFramework>"));

    assertThat(detector.detect(new ProjectFiles("app", files), Optional.of("b/B.csproj")).apps())
        .extracting(DetectedApp::source)
        .containsExactly("b/B.csproj");
    assertThatThrownBy(
            () -> detector.detect(new ProjectFiles("app", files), Optional.of("lib/L.csproj")))
        .isInstanceOfSatisfying(
            ContainerizeException.class,
            e -> {
              assertThat(e.usage()).isTrue();
              assertThat(e.getMessage())
                  .startsWith("the project lib/L.csproj: ")
                  .contains("it is not deployable: a class library")
                  .contains("a/A.csproj, b/B.csproj")
                  .doesNotContain("--");
              assertThat(e.render(p -> "--" + p.name().toLowerCase(java.util.Locale.ROOT)))
                  .startsWith("--project lib/L.csproj: ");
            });
  }

  @Test
  void aProjectTheAspireAppHostStartsIsToldItLosesItsInjectedConfiguration() {
    DetectedApp app =
        only(
            Map.of(
                "src/Host/Host.csproj",
                "<Project Sdk=\"Aspire.AppHost.Sdk/9.2.0\"><PropertyGroup><OutputType>Exe"
                    + "</OutputType><TargetFramework>net9.0</TargetFramework></PropertyGroup>"
                    + "<ItemGroup><ProjectReference Include=\"..\\Api\\Api.csproj\" /></ItemGroup>"
                    + "</Project>",
                "src/Api/Api.csproj",
                sdk("Microsoft.NET.Sdk.Web", "<TargetFramework>net9.0</TargetFramework>")));

    assertThat(app.details().todo())
        .anyMatch(
            t -> t.topic().equals("Aspire") && t.finding().startsWith("src/Host/Host.csproj"));
  }

  @Test
  void projectsOtherThanCSharpVbAndFSharpAreNamedAsSuchNotAsMissing() {
    // eShopModernizing's solutions name Service Fabric (.sfproj) and docker-compose (.dcproj)
    // projects, which are not .NET apps.
    String sln =
        "Project(\"{A07B5EB6-E848-4116-A8D0-A826331D98C6}\") = \"SF\", \"SF\\SF.sfproj\", \"{1}\"\n"
            + "EndProject\n"
            + "Project(\"{E53339B2-1760-4266-BCC7-CA923CBCF16C}\") = \"docker-compose\","
            + " \"docker-compose.dcproj\", \"{2}\"\nEndProject\n";
    Detection d =
        detector.detect(
            new ProjectFiles(
                "app",
                Map.of(
                    "All.sln",
                    sln,
                    "Web/Web.csproj",
                    sdk("Microsoft.NET.Sdk.Web", "<TargetFramework>net8.0</TargetFramework>"))));

    assertThat(d.notes())
        .anyMatch(
            n ->
                n.equals(
                    "All.sln names SF\\SF.sfproj, not a C#/VB/F# project (Service"
                        + " Fabric, docker-compose, database, installer and shared projects are not apps)"))
        .noneMatch(n -> n.contains("not in the folder"));
  }
}
