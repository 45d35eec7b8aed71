package dev.winfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.winfleet.core.testing.GoldenFiles;
import dev.winfleet.registry.testing.ImagePusher;
import dev.winfleet.registry.testing.ImagePusher.Entry;
import dev.winfleet.registry.testing.ImagePusher.Layer;
import dev.winfleet.registry.testing.ImagePusher.Os;
import dev.winfleet.registry.testing.ImagePusher.Pushed;
import dev.winfleet.registry.testing.LocalRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;

/** {@code winfleet inspect} against a real registry; JSON compared with a golden file. */
class InspectCommandIT {

  @RegisterExtension static final LocalRegistry REGISTRY = LocalRegistry.anonymous();

  @BeforeAll
  static void push() {
    ImagePusher p = REGISTRY.pusher();
    Pushed w2019 =
        p.image(
            "win/app",
            null,
            true,
            Os.windows("10.0.17763.5206"),
            ImagePusher.layers("cli-2019", 3000, 700));
    Pushed w2022 =
        p.image(
            "win/app",
            null,
            true,
            Os.windows("10.0.20348.2762"),
            ImagePusher.layers("cli-2022", 4000, 500));
    Pushed lx = p.image("win/app", null, true, Os.linux(), ImagePusher.layers("cli-linux", 900));
    p.index(
        "win/app",
        "1.0",
        true,
        List.of(
            new Entry(w2019, Os.windows("10.0.17763.5206")),
            new Entry(w2022, Os.windows("10.0.20348.2762")),
            new Entry(lx, Os.linux())));
    Pushed nano =
        p.image(
            "win/nano",
            null,
            false,
            Os.windows("10.0.14393.1884"),
            List.of(Layer.foreign("cli-nano-base", 101_000_000L), Layer.of("cli-nano", 2000)));
    p.index("win/nano", "sac2016", false, List.of(new Entry(nano, Os.windows("10.0.14393.1884"))));
    // Windows-Containers#583: in April 2025 the floating ltsc2019 tag served March's image
    // (10.0.17763.7009) while the dated tag of April (10.0.17763.7136) existed.
    for (String v : List.of("10.0.17763.6893", "10.0.17763.7009", "10.0.17763.7136")) {
      p.image("win/servercore", v, true, Os.windows(v), ImagePusher.layers("sc-" + v, 100));
    }
    p.image(
        "win/servercore",
        "ltsc2019",
        true,
        Os.windows("10.0.17763.7009"),
        ImagePusher.layers("sc-10.0.17763.7009", 100));
    p.image(
        "win/servercore",
        "ltsc2022",
        true,
        Os.windows("10.0.20348.3453"),
        ImagePusher.layers("sc-2022", 100));
    // .NET Framework's dated tags (Windows-Containers#591): the floating tag on April 10's image.
    p.image(
        "win/dotnet-runtime",
        "4.8-20250410-windowsservercore-ltsc2019",
        true,
        Os.windows("10.0.17763.7136"),
        ImagePusher.layers("fx-0410", 100));
    p.image(
        "win/dotnet-runtime",
        "4.8-20250513-windowsservercore-ltsc2019",
        true,
        Os.windows("10.0.17763.7314"),
        ImagePusher.layers("fx-0513", 100));
    p.image(
        "win/dotnet-runtime",
        "4.8-windowsservercore-ltsc2019",
        true,
        Os.windows("10.0.17763.7136"),
        ImagePusher.layers("fx-0410", 100));
  }

  @Test
  void reportsAFloatingTagBehindItsNewestDatedSibling() throws IOException {
    Run r =
        run(
            "inspect",
            "--check-floating",
            "--insecure-registry",
            REGISTRY.host(),
            REGISTRY.host() + "/win/servercore:ltsc2019",
            REGISTRY.host() + "/win/servercore:ltsc2022",
            REGISTRY.host() + "/win/servercore:10.0.17763.7136",
            REGISTRY.host() + "/win/dotnet-runtime:4.8-windowsservercore-ltsc2019");
    assertThat(r.exit()).as(r.err()).isEqualTo(ExitCodes.OK);
    assertThat(r.out())
        .contains("2025-03 KB5053596")
        .contains("Floating tags:")
        .contains(
            REGISTRY.host()
                + "/win/servercore:ltsc2019: the floating tag 'ltsc2019' serves 10.0.17763.7009 but"
                + " its dated sibling '10.0.17763.7136' is 10.0.17763.7136 (1 monthly update"
                + " newer)")
        .contains(
            "the floating tag '4.8-windowsservercore-ltsc2019' serves 10.0.17763.7136 but its"
                + " dated sibling '4.8-20250513-windowsservercore-ltsc2019' is 10.0.17763.7314")
        .doesNotContain("/win/servercore:ltsc2022:")
        .doesNotContain("/win/servercore:10.0.17763.7136:");
    Run json =
        run(
            "inspect",
            "--json",
            "--check-floating",
            "--insecure-registry",
            REGISTRY.host(),
            REGISTRY.host() + "/win/servercore:ltsc2019");
    com.fasterxml.jackson.databind.JsonNode node =
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.out());
    assertThat(node.at("/0/staleFloatingTag/newestSibling").asText()).isEqualTo("10.0.17763.7136");
    assertThat(node.at("/0/staleFloatingTag/monthsBehind").asInt()).isEqualTo(1);
    assertThat(node.at("/0/platforms/0/patch/kb").asText()).isEqualTo("KB5053596");
  }

  record Run(int exit, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Main.newCommandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int exit = cli.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  /** The golden files of this test, with the registry's address written as {@code {{registry}}}. */
  private static final Path GOLDEN = Path.of("src/test/resources/dev/winfleet/cli/inspect");

  @Test
  void printsTheJsonContractAndExitsOneWhenAReferenceFails() throws IOException {
    Run r =
        run(
            "inspect",
            "--json",
            "--insecure-registry",
            REGISTRY.host(),
            REGISTRY.host() + "/win/app:1.0",
            REGISTRY.host() + "/win/nano:sac2016",
            REGISTRY.host() + "/win/app:missing");
    assertThat(r.exit()).as(r.err()).isEqualTo(ExitCodes.FOUND);
    GoldenFiles.assertMatches(
        GOLDEN.resolve("three-refs.expected.json"),
        r.out().replace(REGISTRY.host(), "{{registry}}"));
  }

  @Test
  void printsATableWithHumanSizesAndExitsZeroWhenAllAreRead() {
    Run r =
        run(
            "inspect",
            "--insecure-registry",
            REGISTRY.host(),
            "--platform",
            "windows/amd64",
            REGISTRY.host() + "/win/app:1.0",
            REGISTRY.host() + "/win/nano:sac2016");
    assertThat(r.exit()).as(r.err()).isEqualTo(ExitCodes.OK);
    List<String> lines = r.out().lines().toList();
    assertThat(lines.get(0))
        .startsWith("REFERENCE")
        .contains("PLATFORM", "OS VERSION", "LAYERS", "SIZE", "FOREIGN");
    assertThat(lines).hasSize(4);
    assertThat(lines.get(1)).contains("windows/amd64", "10.0.17763.5206", "3.6 KiB");
    assertThat(lines.get(3)).contains("10.0.14393.1884", "96.3 MiB", "1 (96.3 MiB)");
    assertThat(r.out()).doesNotContain("linux");
  }

  @Test
  void showsProgressOnStderrForManyReferencesAndTimingWhenAsked() {
    List<String> args =
        new ArrayList<>(List.of("inspect", "--timing", "--insecure-registry", REGISTRY.host()));
    for (int i = 0; i < 12; i++) {
      args.add(REGISTRY.host() + "/win/app:1.0");
    }
    Run r = run(args.toArray(String[]::new));
    assertThat(r.exit()).isEqualTo(ExitCodes.OK);
    assertThat(r.err())
        .contains("inspected 12/12")
        .containsPattern("inspected 12 references in \\d+ ms");
  }

  @Test
  void aPlainHttpRegistryNotMarkedInsecureGetsAHintNamingTheFlag() {
    Run r = run("inspect", REGISTRY.host() + "/win/app:1.0");
    assertThat(r.exit()).isEqualTo(ExitCodes.FOUND);
    assertThat(r.out()).contains("Not read:").contains("--insecure-registry " + REGISTRY.host());
  }

  @Test
  void badReferencesAndPlatformsAreUsageErrors() {
    assertThat(run("inspect", "Not A Ref").exit()).isEqualTo(ExitCodes.USAGE);
    Run platform = run("inspect", "--platform", "windows", "nginx");
    assertThat(platform.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(platform.err()).contains("OS/ARCH");
    assertThat(run("inspect", "--concurrency", "0", "nginx").exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(run("inspect").exit()).isEqualTo(ExitCodes.USAGE);
  }
}
