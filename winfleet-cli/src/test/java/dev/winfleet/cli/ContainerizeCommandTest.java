package dev.winfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContainerizeCommandTest {

  @TempDir Path temp;

  private Path app(String csproj) throws IOException {
    Path app = temp.resolve("shop");
    Files.createDirectories(app);
    Files.writeString(app.resolve("Shop.csproj"), csproj);
    return app;
  }

  private Path net8Web() throws IOException {
    return app(
        "<Project Sdk=\"Microsoft.NET.Sdk.Web\"><PropertyGroup>"
            + "<TargetFramework>net8.0</TargetFramework></PropertyGroup></Project>");
  }

  @Test
  void writesTheFilesIntoWinfleetOutAndExitsZero() throws IOException {
    Path app = net8Web();

    CliRun run = CliRun.of("containerize", app.toString(), "--target", "ltsc2022");

    assertThat(run.exitCode()).as(run.err()).isZero();
    Path out = app.resolve("winfleet-out");
    assertThat(out.resolve("Dockerfile")).exists();
    assertThat(out.resolve(".dockerignore")).exists();
    assertThat(out.resolve("k8s/deployment.yaml")).exists();
    assertThat(out.resolve("k8s/service.yaml")).exists();
    assertThat(out.resolve("REPORT.md")).exists();
    assertThat(run.out()).contains("mcr.microsoft.com/dotnet/aspnet:8.0-nanoserver-ltsc2022");
  }

  @Test
  void refusesToOverwriteExistingFilesWithoutForceAndNamesThem() throws IOException {
    Path app = net8Web();
    Path out = app.resolve("winfleet-out");
    Files.createDirectories(out);
    Files.writeString(out.resolve("Dockerfile"), "mine");

    CliRun run = CliRun.of("containerize", app.toString(), "--target", "ltsc2022");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("Dockerfile").contains("--force");
    assertThat(out.resolve("Dockerfile")).hasContent("mine");
    assertThat(out.resolve("REPORT.md")).doesNotExist();
  }

  @Test
  void overwritesWithForce() throws IOException {
    Path app = net8Web();
    Path out = app.resolve("winfleet-out");
    Files.createDirectories(out);
    Files.writeString(out.resolve("Dockerfile"), "mine");

    CliRun run = CliRun.of("containerize", app.toString(), "--target", "ltsc2022", "--force");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(Files.readString(out.resolve("Dockerfile"))).startsWith("# escape=`");
  }

  @Test
  void writesWhereOutSays() throws IOException {
    Path app = net8Web();
    Path out = temp.resolve("elsewhere");

    CliRun run =
        CliRun.of("containerize", app.toString(), "--target", "ltsc2022", "--out", out.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(out.resolve("Dockerfile")).exists();
    assertThat(app.resolve("winfleet-out")).doesNotExist();
  }

  @Test
  void anUnrecognisedFolderListsWhatWasLookedForAndExitsTwo() throws IOException {
    Path app = temp.resolve("docs");
    Files.createDirectories(app);
    Files.writeString(app.resolve("README.md"), "# nothing to run");

    CliRun run = CliRun.of("containerize", app.toString(), "--target", "ltsc2022");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err())
        .contains("found no app to containerize")
        .contains("*.sln")
        .contains("runtimeconfig.json")
        .contains("index.html")
        .doesNotContain("Exception");
  }

  @Test
  void aBadTargetIsAUsageError() throws IOException {
    Path app = net8Web();

    CliRun run = CliRun.of("containerize", app.toString(), "--target", "ltsc2030");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("ltsc2030");
    assertThat(app.resolve("winfleet-out")).doesNotExist();
  }

  @Test
  void targetAndFleetAreRequiredAndExclusive() throws IOException {
    Path app = net8Web();

    assertThat(CliRun.of("containerize", app.toString()).exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(
            CliRun.of("containerize", app.toString(), "--target", "ltsc2022", "--fleet", "f.yaml")
                .exitCode())
        .isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void aMissingFolderIsAUsageError() {
    CliRun run = CliRun.of("containerize", temp.resolve("nope").toString(), "--target", "ltsc2022");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("is not a folder");
  }

  @Test
  void aBadPinMonthIsAUsageError() throws IOException {
    Path app = net8Web();

    CliRun run =
        CliRun.of("containerize", app.toString(), "--target", "ltsc2022", "--pin-month", "Feb");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("YYYY-MM");
  }

  @Test
  void anInvalidNameIsAUsageErrorThatSuggestsOne() throws IOException {
    Path app = net8Web();

    CliRun run =
        CliRun.of("containerize", app.toString(), "--target", "ltsc2022", "--name", "Shop.Web");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err())
        .contains("--name 'Shop.Web' is not a valid Kubernetes name")
        .contains("shop-web");
  }

  @Test
  void anAppWithoutAnImageForTheTargetExitsOne() throws IOException {
    Path app =
        app(
            "<Project Sdk=\"Microsoft.NET.Sdk.Web\"><PropertyGroup>"
                + "<TargetFramework>net10.0</TargetFramework></PropertyGroup></Project>");

    CliRun run = CliRun.of("containerize", app.toString(), "--target", "ltsc2019");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.FOUND);
    assertThat(run.err()).contains(".NET 10.0").contains("17763").contains("ltsc2022");
    assertThat(app.resolve("winfleet-out")).doesNotExist();
  }

  @Test
  void aFleetWithoutWindowsNodesIsAUsageError() throws IOException {
    Path app = net8Web();
    Path fleet = temp.resolve("fleet.yaml");
    Files.writeString(
        fleet,
        "apiVersion: v1\nkind: Node\nmetadata:\n  name: l1\n  labels:\n    kubernetes.io/os: linux\n");

    CliRun run = CliRun.of("containerize", app.toString(), "--fleet", fleet.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("none is a Windows node").contains("--target");
  }

  @Test
  void aBrokenFleetFileIsAUsageError() throws IOException {
    Path app = net8Web();
    Path fleet = temp.resolve("fleet.yaml");
    Files.writeString(fleet, "items: [unclosed\n");

    CliRun run = CliRun.of("containerize", app.toString(), "--fleet", fleet.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("--fleet " + fleet).contains("invalid YAML");
  }

  @Test
  void helpTeachesExitCodesAndExamples() {
    CliRun run = CliRun.of("containerize", "--help");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("Exit codes:").contains("--force").contains("--pin-month");
  }

  @Test
  void skipsBuildOutputNextToAProject() throws IOException {
    Path app = net8Web();
    // A stale published runtimeconfig in bin/ must not become a second app.
    Path bin = app.resolve("bin/Release/net8.0");
    Files.createDirectories(bin);
    Files.writeString(
        bin.resolve("Other.runtimeconfig.json"), "{\"runtimeOptions\":{\"tfm\":\"net8.0\"}}");

    CliRun run = CliRun.of("containerize", app.toString(), "--target", "ltsc2022");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("shop:").doesNotContain("other");
  }

  private Path solution() throws IOException {
    Path root = temp.resolve("sol");
    Files.createDirectories(root.resolve("src/Api"));
    Files.createDirectories(root.resolve("src/Jobs"));
    Files.writeString(root.resolve("All.sln"), "");
    Files.writeString(
        root.resolve("src/Api/Api.csproj"),
        "<Project Sdk=\"Microsoft.NET.Sdk.Web\"><PropertyGroup><TargetFramework>net8.0"
            + "</TargetFramework></PropertyGroup></Project>");
    Files.writeString(
        root.resolve("src/Jobs/Jobs.csproj"),
        "<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup><OutputType>Exe</OutputType>"
            + "<TargetFramework>net8.0</TargetFramework></PropertyGroup></Project>");
    return root;
  }

  @Test
  void projectChoosesOneAppOfTheFolder() throws IOException {
    Path root = solution();

    CliRun run =
        CliRun.of(
            "containerize",
            root.toString(),
            "--project",
            "src/Jobs/Jobs.csproj",
            "--target",
            "ltsc2022");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(root.resolve("winfleet-out/Dockerfile")).content().contains("Jobs.csproj");
    assertThat(root.resolve("winfleet-out/k8s/service.yaml")).doesNotExist();
  }

  @Test
  void aProjectFileAsPathUsesTheSolutionFolderAsTheContext() throws IOException {
    Path root = solution();

    CliRun run =
        CliRun.of(
            "containerize", root.resolve("src/Api/Api.csproj").toString(), "--target", "ltsc2022");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(root.resolve("winfleet-out/Dockerfile"))
        .content()
        .contains("COPY [\"src/Api/Api.csproj\", \"src/Api/\"]");
  }

  @Test
  void anUnknownProjectIsAUsageErrorNamingTheDeployableOnes() throws IOException {
    Path root = solution();

    CliRun run =
        CliRun.of(
            "containerize",
            root.toString(),
            "--project",
            "src/Nope.csproj",
            "--target",
            "ltsc2022");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err())
        .contains("--project src/Nope.csproj: it is not a project of the folder")
        .contains("src/Api/Api.csproj, src/Jobs/Jobs.csproj");
  }

  @Test
  void aNameForAFolderOfSeveralAppsNamesTheFlagToLeaveOut() throws IOException {
    Path root = solution();

    CliRun run =
        CliRun.of("containerize", root.toString(), "--target", "ltsc2022", "--name", "shop");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err())
        .contains("--name names one app, but the folder has 2 (")
        .contains("leave --name out to name each after its project");
  }

  @Test
  void jsonPrintsTheDecisionsForTools() throws IOException {
    Path root = solution();

    CliRun run = CliRun.of("containerize", root.toString(), "--target", "ltsc2022", "--json");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).startsWith("{").contains("\"name\" : \"api\"").contains("\"todo\"");
  }
}
