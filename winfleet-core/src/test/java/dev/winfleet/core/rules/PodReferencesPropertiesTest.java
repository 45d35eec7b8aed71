package dev.winfleet.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.winfleet.core.image.ImageMetadataSource;
import dev.winfleet.core.image.ParsedReferences;
import dev.winfleet.core.manifest.ManifestReader;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * A pod keeps each container's parsed image reference after the first ask ({@link
 * PodContext#reference}); asked in any order, any number of times, it answers what parsing the
 * container's image afresh answers, valid references and invalid ones alike.
 */
class PodReferencesPropertiesTest {

  private static final RulesEngine ENGINE = RulesEngine.builtIn();
  private static final CheckEnvironment ENV =
      CheckEnvironment.of(
          RuleTestSupport.NO_FLEET, ImageMetadataSource.tagHints().cached(), RuleSelection.ALL);

  @Provide
  Arbitrary<List<String>> images() {
    return Arbitraries.of(
            "mcr.microsoft.com/windows/servercore:ltsc2022",
            "nginx:1.27",
            "example.com/team/app@sha256:" + "a".repeat(64),
            "Upper/Case:tag",
            "bad image",
            "registry:5000/x:y:z",
            "")
        .list()
        .ofMinSize(1)
        .ofMaxSize(4);
  }

  @Property(tries = 200)
  void aKeptReferenceIsTheOneParsedAfresh(
      @ForAll("images") List<String> images, @ForAll("order") List<Integer> order) {
    StringBuilder yaml =
        new StringBuilder("apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n");
    for (int i = 0; i < images.size(); i++) {
      yaml.append("    - {name: c")
          .append(i)
          .append(", image: \"")
          .append(images.get(i))
          .append("\"}\n");
    }
    PodContext pod =
        ENGINE
            .podContext(
                ManifestReader.defaults().read("p.yaml", yaml.toString()).objects().get(0), ENV)
            .orElseThrow();
    ParsedReferences fresh = new ParsedReferences();
    for (int k : order) {
      ContainerInfo c = pod.containers().get(k % pod.containers().size());
      assertThat(pod.reference(c)).as(c.image()).isEqualTo(fresh.parse(c.image()));
    }
  }

  @Provide
  Arbitrary<List<Integer>> order() {
    return Arbitraries.integers().between(0, 11).list().ofMinSize(1).ofMaxSize(8);
  }
}
