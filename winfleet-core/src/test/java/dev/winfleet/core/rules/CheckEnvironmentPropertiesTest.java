package dev.winfleet.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.winfleet.core.catalog.KubernetesVersion;
import dev.winfleet.core.catalog.KubernetesWindowsCatalog;
import dev.winfleet.core.fleet.Fleet;
import dev.winfleet.core.image.ImageMetadataSource;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * What an environment works out once for every pod equals asking the catalog each time: the Windows
 * Server builds the newest of its Kubernetes versions documents.
 */
class CheckEnvironmentPropertiesTest {

  @Provide
  Arbitrary<Set<KubernetesVersion>> versions() {
    // Older than, within and newer than the catalog's versions.
    return Arbitraries.integers()
        .between(10, 45)
        .map(minor -> new KubernetesVersion(1, minor))
        .set()
        .ofMinSize(1)
        .ofMaxSize(4);
  }

  @Property(tries = 200)
  void theNewestVersionsBuildsAreTheCatalogs(@ForAll("versions") Set<KubernetesVersion> versions) {
    CheckEnvironment env =
        new CheckEnvironment(
            Fleet.empty(), ImageMetadataSource.tagHints(), versions, RuleSelection.ALL, true);
    assertThat(env.newestSupportedBuilds())
        .isEqualTo(
            KubernetesWindowsCatalog.builtIn()
                .supportedBuilds(
                    versions.stream().max(KubernetesVersion::compareTo).orElseThrow()));
  }
}
