package dev.winfleet.core.containerize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.winfleet.core.containerize.SolutionReader.Entry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SolutionReaderTest {

  @Test
  void readsProjectLinesTypesAndAWebSiteFolderFromItsProperties() {
    // Shaped like SparkDevNetwork/Rock's Rock.sln: the web site's path is a URL; its folder is in
    // SlnRelativePath.
    String sln =
        "Microsoft Visual Studio Solution File, Format Version 12.00\r\n"
            + "Project(\"{FAE04EC0-301F-11D3-BF4B-00C04F79EFBC}\") = \"Rock\", \"Rock\\Rock.csproj\", \"{8F8C2A79-24F4-4157-8B99-45F75FA85799}\"\r\n"
            + "EndProject\r\n"
            + "Project(\"{2150E333-8FDC-42A3-9474-1A3956D46DE8}\") = \"Solution Items\", \"Solution Items\", \"{CEF5DC8B-8F73-4CA9-A93F-554338D3EBB0}\"\r\n"
            + "EndProject\r\n"
            + "Project(\"{E24C65DC-7377-472B-9ABA-BC803B73C61A}\") = \"RockWeb\", \"http://rock.dev:6229\", \"{3ADB92E5-342B-458D-B779-369FC8A66CF6}\"\r\n"
            + "\tProjectSection(WebsiteProperties) = preProject\r\n"
            + "\t\tTargetFrameworkMoniker = \".NETFramework,Version%3Dv4.5.1\"\r\n"
            + "\t\tSlnRelativePath = \"RockWeb\\\"\r\n"
            + "\tEndProjectSection\r\n"
            + "EndProject\r\n";
    List<Entry> entries =
        SolutionReader.read(new ProjectFiles("app", Map.of("src/Rock.sln", sln)), "src/Rock.sln");

    assertThat(entries).hasSize(3);
    assertThat(entries.get(0).path()).contains("src/Rock/Rock.csproj");
    assertThat(entries.get(1).isFolder()).isTrue();
    Entry site = entries.get(2);
    assertThat(site.isWebSite()).isTrue();
    assertThat(site.path()).contains("src/RockWeb");
    assertThat(site.properties())
        .containsEntry("TargetFrameworkMoniker", ".NETFramework,Version%3Dv4.5.1");
  }

  @Test
  void readsTheXmlSolutionFormatWithFolders() {
    String slnx =
        "\uFEFF<Solution><Folder Name=\"/src/\">"
            + "<Project Path=\"src/eShop.AppHost/eShop.AppHost.csproj\" />"
            + "<Project Path=\"src\\Basket.API\\Basket.API.csproj\" /></Folder>"
            + "<Project Path=\"tests/T/T.csproj\" /></Solution>";
    List<Entry> entries =
        SolutionReader.read(new ProjectFiles("app", Map.of("eShop.slnx", slnx)), "eShop.slnx");

    assertThat(entries)
        .extracting(e -> e.path().orElseThrow())
        .containsExactly(
            "src/eShop.AppHost/eShop.AppHost.csproj",
            "src/Basket.API/Basket.API.csproj",
            "tests/T/T.csproj");
    assertThat(entries.get(1).name()).isEqualTo("Basket.API");
  }
}
