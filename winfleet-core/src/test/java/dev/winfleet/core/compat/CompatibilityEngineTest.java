package dev.winfleet.core.compat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.winfleet.core.catalog.WindowsCatalog;
import dev.winfleet.core.version.OsVersion;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CompatibilityEngineTest {

  private final CompatibilityEngine engine = CompatibilityEngine.builtIn();

  private Compatibility judge(String host, String image) {
    return engine.evaluate(
        WindowsCatalog.builtIn().parseVersion(host), WindowsCatalog.builtIn().parseVersion(image));
  }

  /** The edges of hcsshim's CheckHostAndContainerCompat. */
  @ParameterizedTest(name = "host {0}, image {1}: process {2}")
  @CsvSource({
    // Before the stable ABI: exact build only.
    "10.0.17763, 10.0.17763, true",
    "10.0.17763, 10.0.17134, false",
    "10.0.17763, 10.0.14393, false",
    "10.0.19042, 10.0.19041, false",
    "10.0.20347, 10.0.20347, true",
    "10.0.20347, 10.0.17763, false",
    // Windows Server 2022 runs only itself.
    "10.0.20348, 10.0.20348, true",
    "10.0.20348, 10.0.20347, false",
    "10.0.20348, 10.0.20349, false",
    "10.0.20348, 10.0.17763, false",
    // Hosts after 20348 up to 26100 run 20348 to their own build.
    "10.0.20349, 10.0.20348, true",
    "10.0.20349, 10.0.20349, true",
    "10.0.20349, 10.0.20350, false",
    "10.0.22621, 10.0.20348, true",
    "10.0.25398, 10.0.20348, true",
    "10.0.25398, 10.0.26100, false",
    "10.0.26100, 10.0.20348, true",
    "10.0.26100, 10.0.26100, true",
    "10.0.26100, 10.0.20347, false",
    "10.0.26100, 10.0.17763, false",
    // Hosts after 26100 run 26100 to their own build.
    "10.0.26101, 10.0.26100, true",
    "10.0.26101, 10.0.26101, true",
    "10.0.26101, 10.0.26099, false",
    "10.0.26101, 10.0.20348, false",
    "10.0.27000, 10.0.26100, true"
  })
  void followsHcsshimAtItsEdges(String host, String image, boolean process) {
    assertThat(judge(host, image).process().supported()).isEqualTo(process);
  }

  @Test
  void rejectsNewerImageOnOlderHostInBothModes() {
    Compatibility c = judge("ltsc2019", "ltsc2022");
    assertThat(c.process().supported()).isFalse();
    assertThat(c.hyperv().supported()).isFalse();
    assertThat(c.process().reason()).contains("newer than the host").contains("ltsc2019");
    assertThat(c.hyperv().reason()).contains("not even Hyper-V");
    assertThat(c.mode()).isEqualTo(Compatibility.Mode.NONE);
  }

  @Test
  void olderImageRunsOnlyWithHyperVAndTheReasonSaysWhatToDo() {
    Compatibility c = judge("ltsc2022", "ltsc2019");
    assertThat(c.mode()).isEqualTo(Compatibility.Mode.HYPERV_ONLY);
    assertThat(c.process().reason())
        .contains("Windows Server 2022 (10.0.20348) host runs only 10.0.20348 images")
        .contains("Rebuild on a base image tagged ltsc2022");
  }

  @Test
  void serverTwentyTwentyFiveRunsServerTwentyTwentyTwoImages() {
    Compatibility c = judge("ltsc2025", "ltsc2022");
    assertThat(c.process().supported()).isTrue();
    assertThat(c.process().reason()).contains("from 10.0.20348 up to its own build");
  }

  @Test
  void windowsServer2016RevisionsMustMatch() {
    Compatibility c = judge("10.0.14393.1914", "10.0.14393.1944");
    assertThat(c.process().supported()).isFalse();
    assertThat(c.process().reason())
        .contains("revisions must match")
        .contains("10.0.14393.1914")
        .contains("10.0.14393.1944");
    assertThat(c.hyperv().supported()).isTrue();
    assertThat(judge("10.0.14393.1914", "10.0.14393.1914").process().supported()).isTrue();
  }

  @Test
  void windowsServer2016WithUnknownRevisionRunsButSaysToCheck() {
    Verdict v = judge("10.0.14393.1914", "ltsc2016").process();
    assertThat(v.supported()).isTrue();
    assertThat(v.notes()).singleElement().asString().contains("revisions must be equal");
  }

  @Test
  void laterRevisionDriftIsANonBlockingNote() {
    Verdict v = judge("10.0.17763.5206", "10.0.17763.4252").process();
    assertThat(v.supported()).isTrue();
    assertThat(v.notes()).singleElement().asString().contains("need not match");
  }

  @Test
  void clientHostsCarryADevelopmentOnlyNote() {
    Verdict v = judge("win11-22h2", "ltsc2022").process();
    assertThat(v.supported()).isTrue();
    assertThat(v.notes()).anyMatch(n -> n.contains("development only"));
  }

  @Test
  void majorOrMinorMismatchNeverRuns() {
    Compatibility c =
        engine.evaluate(
            HostPlatform.windows(WindowsCatalog.builtIn().parseVersion("10.0.17763")),
            ImagePlatform.windows(new OsVersion(10, 1, 17763, OsVersion.NO_REVISION)));
    assertThat(c.process().supported()).isFalse();
    assertThat(c.hyperv().supported()).isFalse();
    assertThat(c.process().reason()).contains("Major and minor versions differ");
  }

  @Test
  void nothingOlderThanWindowsServer2016RunsAWindowsContainer() {
    // Windows containers start with Windows Server 2016 (10.0.14393); 6.3.9600 is Windows Server
    // 2012 R2. This pair used to be judged "same build, runs". (The major-minor test above used
    // 6.3.9600 as its image; it now uses 10.1 so that it still tests the major/minor rule.)
    for (String[] pair :
        new String[][] {
          {"6.3.9600", "6.3.9600"}, {"10.0.10586", "10.0.10586"}, {"10.0.17763", "6.3.9600"}
        }) {
      Compatibility c =
          engine.evaluate(
              HostPlatform.windows(OsVersion.parseNumeric(pair[0]).orElseThrow()),
              ImagePlatform.windows(OsVersion.parseNumeric(pair[1]).orElseThrow()));
      assertThat(c.process().supported()).as("%s on %s", pair[1], pair[0]).isFalse();
      assertThat(c.hyperv().supported()).isFalse();
      assertThat(c.process().reason()).contains("runs no Windows container");
    }
  }

  @Test
  void architectureMustMatch() {
    Compatibility c =
        engine.evaluate(
            new HostPlatform(
                OsFamily.WINDOWS, "x86_64", WindowsCatalog.builtIn().parseVersion("ltsc2022")),
            new ImagePlatform(
                OsFamily.WINDOWS,
                "arm64",
                WindowsCatalog.builtIn().parseVersion("ltsc2022"),
                List.of()));
    assertThat(c.mode()).isEqualTo(Compatibility.Mode.NONE);
    assertThat(c.process().reason()).contains("arm64").contains("amd64");
  }

  @Test
  void windowsImageNeverRunsOnLinux() {
    Compatibility c =
        engine.evaluate(
            HostPlatform.linux(),
            ImagePlatform.windows(WindowsCatalog.builtIn().parseVersion("ltsc2022")));
    assertThat(c.mode()).isEqualTo(Compatibility.Mode.NONE);
    assertThat(c.process().reason()).contains("never runs on a Linux host");
  }

  @Test
  void linuxImageOnWindowsIsLcowAndNeverScheduled() {
    Compatibility c =
        engine.evaluate(
            HostPlatform.windows(WindowsCatalog.builtIn().parseVersion("ltsc2022")),
            ImagePlatform.linux());
    assertThat(c.process().supported()).isFalse();
    assertThat(c.hyperv().supported()).isFalse();
    assertThat(c.hyperv().reason())
        .contains("LCOW")
        .contains("experimental")
        .contains("Kubernetes");
  }

  @Test
  void linuxImageRunsOnLinuxHost() {
    Compatibility c = engine.evaluate(HostPlatform.linux(), ImagePlatform.linux());
    assertThat(c.process().supported()).isTrue();
    assertThat(c.hyperv().supported()).isFalse();
  }

  @Test
  void aNewStableAbiReleaseIsADataChange() {
    CompatibilityEngine future =
        new CompatibilityEngine(engine.catalog(), List.of(20348, 26100, 30000), java.util.Set.of());
    assertThat(future.processBuildsCompatible(30001, 30000)).isTrue();
    assertThat(future.processBuildsCompatible(30001, 26100)).isFalse();
    assertThat(future.processBuildsCompatible(30000, 26100)).isTrue();
  }
}
