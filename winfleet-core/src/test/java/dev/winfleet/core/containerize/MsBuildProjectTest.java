package dev.winfleet.core.containerize;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MsBuildProjectTest {

  private static MsBuildProject evaluate(Map<String, String> files, String project) {
    return MsBuildProject.evaluate(new ProjectFiles("app", files), project);
  }

  @Test
  void importsTheNearestDirectoryBuildPropsAndWhatItImportsFromAbove() {
    // src/Directory.Build.props chains to the root one the way the .NET docs show.
    MsBuildProject p =
        evaluate(
            Map.of(
                "Directory.Build.props",
                "<Project><PropertyGroup><Company>Contoso</Company>"
                    + "<TargetFramework>net8.0</TargetFramework></PropertyGroup></Project>",
                "src/Directory.Build.props",
                "<Project><Import Project=\"$([MSBuild]::GetPathOfFileAbove('Directory.Build.props',"
                    + " '$(MSBuildThisFileDirectory)../'))\" />"
                    + "<PropertyGroup><IsTestProject>true</IsTestProject></PropertyGroup></Project>",
                "src/A/A.csproj",
                "<Project Sdk=\"Microsoft.NET.Sdk\"></Project>"),
            "src/A/A.csproj");

    assertThat(p.imported()).containsExactly("src/Directory.Build.props", "Directory.Build.props");
    assertThat(p.property("Company")).contains("Contoso");
    assertThat(p.property("TargetFramework")).contains("net8.0");
    assertThat(p.propertySource("TargetFramework")).contains("Directory.Build.props");
    assertThat(p.isTrue("IsTestProject")).isTrue();
  }

  /**
   * A multi-target project with properties and items conditioned on the target framework, the way
   * the .NET docs' "Target frameworks in SDK-style projects" show it.
   */
  static final String MULTI_TARGET =
      "<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup>"
          + "<TargetFrameworks>net48;net8.0</TargetFrameworks>"
          + "<OutputType Condition=\"'$(TargetFramework)' == 'net8.0'\">Exe</OutputType>"
          + "<TargetFramework>net48</TargetFramework>"
          + "</PropertyGroup>"
          + "<ItemGroup Condition=\"'$(TargetFramework)' == 'net48'\">"
          + "<Reference Include=\"System.Web\" /></ItemGroup>"
          + "<ItemGroup Condition=\"'$(TargetFramework)' == 'net8.0'\">"
          + "<PackageReference Include=\"Microsoft.Extensions.Hosting\" Version=\"8.0.0\" />"
          + "</ItemGroup></Project>";

  @Test
  void anInnerBuildSeesWhatIsConditionedOnItsTargetFrameworkAndKeepsIt() {
    MsBuildProject inner =
        MsBuildProject.evaluate(
            new ProjectFiles("app", Map.of("A/A.csproj", MULTI_TARGET)),
            "A/A.csproj",
            java.util.Optional.of("net8.0"));

    // A global property: the project's own <TargetFramework>net48</TargetFramework> does not win.
    assertThat(inner.property("TargetFramework")).contains("net8.0");
    assertThat(inner.property("OutputType")).contains("Exe");
    assertThat(inner.items("PackageReference"))
        .extracting(MsBuildProject.Item::include)
        .containsExactly("Microsoft.Extensions.Hosting");
    assertThat(inner.items("Reference")).isEmpty();
  }

  @Test
  void evaluatesConfigurationConditionsForReleaseAnyCpu() {
    MsBuildProject p =
        evaluate(
            Map.of(
                "P.csproj",
                "<Project xmlns=\"http://schemas.microsoft.com/developer/msbuild/2003\">"
                    + "<PropertyGroup><Configuration Condition=\" '$(Configuration)' == '' \">Debug"
                    + "</Configuration></PropertyGroup>"
                    + "<PropertyGroup Condition=\" '$(Configuration)|$(Platform)' == 'Debug|AnyCPU' \">"
                    + "<OutputPath>bin\\Debug\\</OutputPath></PropertyGroup>"
                    + "<PropertyGroup Condition=\" '$(Configuration)|$(Platform)' == 'Release|AnyCPU' \">"
                    + "<OutputPath>..\\Web\\Plugins\\X\\</OutputPath></PropertyGroup></Project>"),
            "P.csproj");

    assertThat(p.property("Configuration")).contains("Release");
    assertThat(p.property("OutputPath")).contains("..\\Web\\Plugins\\X\\");
  }

  @Test
  void expandsPropertiesInItemsWithTheFinalValues() {
    MsBuildProject p =
        evaluate(
            Map.of(
                "P.csproj",
                "<Project Sdk=\"Microsoft.NET.Sdk\"><ItemGroup>"
                    + "<PackageReference Include=\"$(Vendor).Reports\" /></ItemGroup>"
                    + "<PropertyGroup><Vendor>CrystalDecisions</Vendor></PropertyGroup></Project>"),
            "P.csproj");

    assertThat(p.includes("PackageReference")).containsExactly("CrystalDecisions.Reports");
  }

  @Test
  void theWebAndWorkerSdksDefaultToAnExecutable() {
    assertThat(
            evaluate(Map.of("W.csproj", "<Project Sdk=\"Microsoft.NET.Sdk.Worker\"/>"), "W.csproj")
                .property("OutputType"))
        .contains("Exe");
    assertThat(
            evaluate(Map.of("L.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\"/>"), "L.csproj")
                .property("OutputType"))
        .contains("Library");
  }

  @Test
  void anImportFromOutsideTheFolderIsListedNotGuessed() {
    MsBuildProject p =
        evaluate(
            Map.of(
                "P.csproj",
                "<Project><Import Project=\"$(SolutionDir)\\.nuget\\NuGet.targets\" />"
                    + "<Import Project=\"C:\\Tools\\x.props\" /></Project>"),
            "P.csproj");

    assertThat(p.unresolvedImports()).hasSize(2);
    assertThat(p.wellFormed()).isTrue();
  }

  @Test
  void aFileThatIsNotXmlIsReportedAsSuch() {
    assertThat(evaluate(Map.of("P.csproj", "<Project><oops></Project>"), "P.csproj").wellFormed())
        .isFalse();
  }

  @Test
  void relativePathsThatLeaveTheFolderResolveToNothing() {
    assertThat(MsBuildProject.resolve("src/A", "..\\..\\packages")).contains("packages");
    assertThat(MsBuildProject.resolve("src", "..\\..\\packages")).isEmpty();
    assertThat(MsBuildProject.resolve("src", "C:\\x")).isEmpty();
  }
}
