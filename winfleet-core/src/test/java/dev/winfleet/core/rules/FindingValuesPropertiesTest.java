package dev.winfleet.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.winfleet.core.image.ImageMetadataSource;
import dev.winfleet.core.manifest.ManifestReader;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * A finding's texts filled from {@link RulesEngine.FindingValues}, which works out the engine's
 * values only when a text names them, read exactly as when every value was put in a map first (the
 * map below is the engine's code before): for every rule, with and without a container, with rule
 * values that include the engine's names (the rule's own win).
 */
class FindingValuesPropertiesTest {

  private static final RuleCatalog CATALOG = RuleCatalog.builtIn();
  private static final PodContext POD =
      RulesEngine.builtIn()
          .podContext(
              ManifestReader.defaults()
                  .read(
                      "pod.yaml",
                      "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: ns}\n"
                          + "spec:\n  template:\n    spec:\n      containers:\n"
                          + "        - {name: app, image: \"mcr.microsoft.com/windows/servercore:ltsc2022\"}\n")
                  .objects()
                  .get(0),
              CheckEnvironment.of(
                  RuleTestSupport.NO_FLEET,
                  ImageMetadataSource.tagHints().cached(),
                  RuleSelection.ALL))
          .orElseThrow();

  @Provide
  Arbitrary<Map<String, String>> ruleValues() {
    Arbitrary<String> name =
        Arbitraries.of(
            "object",
            "kind",
            "container",
            "image",
            "containerPath",
            "liftedIn",
            "problem",
            "advice",
            "field",
            "nodes",
            "reach",
            "tags",
            "volume",
            "release",
            "newest",
            "last");
    return Arbitraries.maps(name, Arbitraries.strings().alpha().ofMaxLength(5)).ofMaxSize(12);
  }

  @Property(tries = 300)
  void textsReadTheSameValues(
      @ForAll("ruleValues") Map<String, String> values,
      @ForAll boolean withContainer,
      @ForAll("rules") RuleMetadata meta) {
    ContainerInfo container = withContainer ? POD.containers().get(0) : null;
    Map<String, String> before = new HashMap<>();
    before.put("object", POD.ref().display());
    before.put("kind", POD.ref().kind());
    before.put("podSpec", POD.specDotted());
    before.put("kubernetesVersions", POD.env().kubernetesVersionsText());
    if (container != null) {
      before.put("container", container.name());
      before.put("image", container.image());
      before.put("containerPath", container.path().toDotted());
    }
    if (meta.kubernetes().until() != null) {
      before.put("liftedIn", meta.kubernetes().until().toString());
    }
    before.putAll(values);
    Map<String, String> lazy = new RulesEngine.FindingValues(meta, POD, container, values);
    assertThat(outcome(() -> CATALOG.message(meta, lazy)))
        .isEqualTo(outcome(() -> CATALOG.message(meta, before)));
    assertThat(outcome(() -> CATALOG.fix(meta, lazy)))
        .isEqualTo(outcome(() -> CATALOG.fix(meta, before)));
    assertThat(lazy).isEqualTo(before);
  }

  @Provide
  Arbitrary<RuleMetadata> rules() {
    return Arbitraries.of(List.copyOf(CATALOG.rules()));
  }

  /** The text, or the message of the error a missing value gives. */
  private static String outcome(Supplier<String> text) {
    try {
      return text.get();
    } catch (IllegalStateException e) {
      return "error: " + e.getMessage();
    }
  }
}
