package dev.winfleet.core.containerize;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The MSBuild model and the detector on real project files kept under {@code
 * src/test/resources/dev/winfleet/core/containerize/real/} (each folder's SOURCE.md names the
 * repository and commit). Expectations from the MSBuild docs ("Customize your build":
 * Directory.Build.props and Directory.Packages.props are imported by Sdk.props; "Central Package
 * Management") and the .NET SDK docs (the Web SDK makes an executable; Microsoft.NET.Test.Sdk marks
 * a test project).
 */
class RealProjectFilesTest {

  private static final Path REAL =
      Path.of("src/test/resources/dev/winfleet/core/containerize/real");

  private static ProjectFiles folder(String name) {
    Path root = REAL.resolve(name);
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : all.filter(Files::isRegularFile).toList()) {
        String rel = root.relativize(p).toString().replace('\\', '/');
        if (!rel.equals("SOURCE.md")) {
          files.put(rel, Files.readString(p, StandardCharsets.UTF_8));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new ProjectFiles(name, files);
  }

  @Test
  void eShopOnWebTakesItsTargetFrameworkAndPackageVersionsFromDirectoryPackagesProps() {
    MsBuildProject web = MsBuildProject.evaluate(folder("eshoponweb"), "src/Web/Web.csproj");

    assertThat(web.sdkStyle()).isTrue();
    assertThat(web.hasSdk("Microsoft.NET.Sdk.Web")).isTrue();
    assertThat(web.property("TargetFramework")).contains("net8.0");
    assertThat(web.propertySource("TargetFramework")).contains("Directory.Packages.props");
    assertThat(web.property("OutputType")).contains("Exe");
    assertThat(web.property("ManagePackageVersionsCentrally")).contains("true");
    // Evaluated for Release: the package conditioned on '$(Configuration)'=='Release' is in.
    assertThat(web.items("PackageReference"))
        .extracting(MsBuildProject.Item::include)
        .contains("BuildBundlerMinifier", "Microsoft.EntityFrameworkCore.SqlServer");
  }

  @Test
  void eShopOnWebDeploysItsTwoWebAppsAndNeitherTestsNorLibraries() {
    Detection d = new ProjectDetector().detect(folder("eshoponweb"));

    assertThat(d.apps())
        .extracting(DetectedApp::source)
        .containsExactlyInAnyOrder("src/Web/Web.csproj", "src/PublicApi/PublicApi.csproj");
    for (DetectedApp app : d.apps()) {
      assertThat(app.runtime()).isEqualTo(AppRuntime.DOTNET);
      assertThat(app.kind()).isEqualTo(AppKind.WEB);
      assertThat(app.version()).isEqualTo("8.0");
      assertThat(app.evidence()).contains("Directory.Packages.props: TargetFramework net8.0");
    }
    assertThat(d.skipped())
        .anyMatch(s -> s.startsWith("tests/UnitTests/UnitTests.csproj: a test project"))
        .anyMatch(s -> s.startsWith("src/Infrastructure/Infrastructure.csproj: a class library"))
        .anyMatch(s -> s.startsWith("src/BlazorAdmin/BlazorAdmin.csproj: a Blazor WebAssembly"));
    assertThat(d.skipped()).hasSize(8);
  }
}
