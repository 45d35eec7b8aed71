package dev.winfleet.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.winfleet.core.catalog.KubernetesVersion;
import dev.winfleet.core.image.ImageMetadataSource;
import dev.winfleet.core.manifest.ManifestReader;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The release tags rules suggest for an image (windows-release-unsupported's rebuild,
 * windows-image-latest's tag, windows-image-build-unknown's tag) name what the nodes run: the
 * fleet's Windows builds, else the builds the newest of the Kubernetes versions documents for
 * nodes. Before, with no fleet and no version given, they named every build some Kubernetes release
 * has documented since 1.14, so the rebuild advice for an ltsc2019 image that Kubernetes 1.35 no
 * longer lists began "ltsc2019 or 1903 or 1909 or 2004 or 20H2".
 *
 * <p>Expectations from the Kubernetes docs' "Windows OS version compatibility" as recorded in
 * kubernetes-windows.yaml (1.35: Windows Server 2022 and 2025, builds 20348 and 26100; 1.30: 2019,
 * 2022 and SAC 20H2, builds 17763, 20348, 19042) and Microsoft's tag names for those builds
 * (ltsc2019, 20H2, ltsc2022, ltsc2025: windows-releases.yaml).
 */
class SuggestedTagsTest extends RuleTestSupport {

  private static final String LTSC2019_UNPINNED =
      edit(
          edit(WINDOWS, "iis:windowsservercore-ltsc2022", "iis:windowsservercore-ltsc2019"),
          "        node.kubernetes.io/windows-build: \"10.0.20348\"\n",
          "");

  private static final String NANOSERVER_LATEST =
      edit(
          WINDOWS,
          "mcr.microsoft.com/windows/nanoserver:ltsc2022",
          "mcr.microsoft.com/windows/nanoserver:latest");

  /** No fleet and no Kubernetes version: what `winfleet check DIR` does by default. */
  private static List<Finding> checkAssumed(String manifest) {
    CheckEnvironment env =
        CheckEnvironment.of(NO_FLEET, ImageMetadataSource.tagHints(), RuleSelection.ALL);
    assertThat(env.versionsAssumed()).isTrue();
    return RulesEngine.builtIn().check(ManifestReader.defaults().read("m.yaml", manifest), env);
  }

  private static Finding only(List<Finding> findings, String rule) {
    List<Finding> of = findings.stream().filter(f -> f.rule().equals(rule)).toList();
    assertThat(of).as("findings of %s in %s", rule, findings).hasSize(1);
    return of.get(0);
  }

  @Test
  void rebuildAdviceNamesOnlyReleasesTheNewestKubernetesLists() {
    Finding unsupported = only(checkAssumed(LTSC2019_UNPINNED), "windows-release-unsupported");

    assertThat(unsupported.message())
        .isEqualTo(
            "mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2019 is built for"
                + " Windows Server 2019 (10.0.17763); the Kubernetes 1.35 documentation no longer"
                + " lists that release for Windows nodes (the last version that lists it is 1.34,"
                + " so it was dropped after 1.34).");
    assertThat(unsupported.fix())
        .isEqualTo(
            "Plan a rebuild on a supported release (ltsc2022 or ltsc2025). To judge placement"
                + " against your cluster, give winfleet the cluster's nodes or its Kubernetes"
                + " version.");
  }

  @Test
  void latestTagAdviceWithoutFleetNamesTheNewestKubernetesReleases() {
    assertThat(only(checkAssumed(NANOSERVER_LATEST), "windows-image-latest").fix())
        .isEqualTo(
            "Use a tag that names the nodes' Windows release:"
                + " mcr.microsoft.com/windows/nanoserver:ltsc2022 or"
                + " mcr.microsoft.com/windows/nanoserver:ltsc2025.");
  }

  @Test
  void aGivenKubernetesVersionDecidesTheTags() {
    assertThat(only(check(NANOSERVER_LATEST, NO_FLEET, "1.30"), "windows-image-latest").fix())
        .isEqualTo(
            "Use a tag that names the nodes' Windows release:"
                + " mcr.microsoft.com/windows/nanoserver:ltsc2019 or"
                + " mcr.microsoft.com/windows/nanoserver:20H2 or"
                + " mcr.microsoft.com/windows/nanoserver:ltsc2022.");
  }

  @Test
  void aFleetDecidesTheTagsWhateverKubernetesLists() {
    // fleet-mixed.yaml: Windows nodes of builds 17763 and 20348 with kubelets v1.31.2; the
    // nodes are the truth even where the Kubernetes version named lists other builds.
    assertThat(only(check(NANOSERVER_LATEST, MIXED, "1.35"), "windows-image-latest").fix())
        .isEqualTo(
            "Use a tag that names the nodes' Windows release:"
                + " mcr.microsoft.com/windows/nanoserver:ltsc2019 or"
                + " mcr.microsoft.com/windows/nanoserver:ltsc2022.");
    assertThat(
            new CheckEnvironment(
                    MIXED,
                    ImageMetadataSource.tagHints(),
                    Set.of(KubernetesVersion.parse("1.35")),
                    RuleSelection.ALL)
                .suggestedBuilds())
        .containsExactly(17763, 20348);
  }
}
