package dev.winfleet.core.admission;

import static org.assertj.core.api.Assertions.assertThat;

import dev.winfleet.core.fleet.Fleet;
import dev.winfleet.core.fleet.FleetObjects;
import dev.winfleet.core.image.ImageMetadataSource;
import dev.winfleet.core.image.ImageProfile;
import dev.winfleet.core.manifest.ManifestObject;
import dev.winfleet.core.manifest.ManifestReader;
import dev.winfleet.core.rules.CheckEnvironment;
import dev.winfleet.core.rules.Finding;
import dev.winfleet.core.rules.RuleSelection;
import dev.winfleet.core.rules.RulesEngine;
import dev.winfleet.core.rules.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Over random pods whose images winfleet does not know, with random (consistent) declarations of
 * their OS, in random fleets: the webhook never denies and never pins a build on what it does not
 * know, and no finding that rests on a guess is more than info.
 */
class GuessesNeverDenyPropertiesTest {

  private static final List<Fleet> FLEETS =
      List.of(
          Fleet.empty(),
          fleet("fleet-tainted.yaml"),
          fleet("fleet-mixed.yaml"),
          fleet("fleet-untainted.yaml"));

  private static final AdmissionSettings SETTINGS =
      new AdmissionSettings(true, List.of(), Severity.ERROR);

  /** What a pod declares about its OS. */
  enum Intent {
    NONE,
    WINDOWS,
    LINUX
  }

  record Pod(
      List<String> images,
      Intent intent,
      boolean osName,
      boolean selector,
      boolean hostProcess,
      boolean gmsa,
      boolean runAsUserName,
      int fleet) {}

  @Provide
  Arbitrary<String> unknownImages() {
    Arbitrary<String> host =
        Arbitraries.of("registry.corp.example", "quay.io", "ghcr.io", "harbor.bank.local:5000", "");
    Arbitrary<String> path =
        Arbitraries.strings().withCharRange('a', 'z').ofMinLength(2).ofMaxLength(10);
    Arbitrary<String> tag =
        Arbitraries.oneOf(
            Arbitraries.of("", ":latest", ":1.0", ":v2.16.0", ":1809", ":2022", ":stable"),
            Arbitraries.strings()
                .withCharRange('0', '9')
                .ofMinLength(1)
                .ofMaxLength(4)
                .map(s -> ":v" + s));
    return Combinators.combine(host, path, path, tag)
        .as((h, a, b, t) -> (h.isEmpty() ? "" : h + "/") + a + "/" + b + t);
  }

  @Provide
  Arbitrary<Pod> pods() {
    Arbitrary<List<String>> images = unknownImages().list().ofMinSize(1).ofMaxSize(3);
    Arbitrary<Boolean> flag = Arbitraries.of(true, false);
    return Combinators.combine(
            images,
            Arbitraries.of(Intent.class),
            flag,
            flag,
            flag,
            flag,
            flag,
            Arbitraries.integers().between(0, FLEETS.size() - 1))
        .as(Pod::new);
  }

  @Property(tries = 300)
  void noDenialNoBuildPinAndNoLoudFindingOnAGuess(@ForAll("pods") Pod pod) {
    ImageMetadataSource images = ImageMetadataSource.tagHints();
    for (String image : pod.images()) {
      ImageProfile p = images.describe(image);
      assertThat(p.isFact()).as("%s is not known: %s", image, p.evidence()).isFalse();
    }
    Fleet fleet = FLEETS.get(pod.fleet());
    CheckEnvironment env = CheckEnvironment.of(fleet, images, RuleSelection.ALL);
    ManifestObject object = ManifestObject.of(deployment(pod));

    PodValidation validation = AdmissionPlanner.builtIn().validation(object, env, SETTINGS);
    assertThat(validation.denials()).as("denials of %s", pod).isEmpty();

    PodMutation mutation = AdmissionPlanner.builtIn().mutation(object, env, SETTINGS);
    assertThat(mutation.buildRequirement()).isNull();
    assertThat(mutation.nodeSelector()).doesNotContainKey(FleetObjects.WINDOWS_BUILD_LABEL);

    for (Finding f : RulesEngine.builtIn().check(object, env)) {
      if (!f.evidence().isFact()) {
        assertThat(f.severity()).as("%s", f).isEqualTo(Severity.INFO);
      }
    }
  }

  private static Map<String, Object> deployment(Pod pod) {
    Map<String, Object> spec = new LinkedHashMap<>();
    List<Object> containers = new ArrayList<>();
    for (int i = 0; i < pod.images().size(); i++) {
      containers.add(new LinkedHashMap<>(Map.of("name", "c" + i, "image", pod.images().get(i))));
    }
    spec.put("containers", containers);
    if (pod.intent() != Intent.NONE) {
      String os = pod.intent() == Intent.WINDOWS ? "windows" : "linux";
      if (pod.osName()) {
        spec.put("os", Map.of("name", os));
      }
      if (pod.selector()) {
        spec.put("nodeSelector", Map.of("kubernetes.io/os", os));
      }
    }
    if (pod.intent() == Intent.WINDOWS) {
      Map<String, Object> options = new LinkedHashMap<>();
      if (pod.hostProcess()) {
        options.put("hostProcess", true);
        spec.put("hostNetwork", true);
      }
      if (pod.gmsa()) {
        options.put("gmsaCredentialSpecName", "webapp1");
      }
      if (pod.runAsUserName()) {
        options.put("runAsUserName", "ContainerUser");
      }
      if (!options.isEmpty()) {
        spec.put("securityContext", Map.of("windowsOptions", options));
      }
    }
    return Map.of(
        "apiVersion",
        "apps/v1",
        "kind",
        "Deployment",
        "metadata",
        Map.of("name", "app", "namespace", "default"),
        "spec",
        Map.of(
            "selector",
            Map.of("matchLabels", Map.of("app", "app")),
            "template",
            Map.of("metadata", Map.of("labels", Map.of("app", "app")), "spec", spec)));
  }

  private static Fleet fleet(String name) {
    String path = "/dev/winfleet/core/rules/" + name;
    try (InputStream in = GuessesNeverDenyPropertiesTest.class.getResourceAsStream(path)) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return FleetObjects.fromObjects(ManifestReader.defaults().read(name, text).objects());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
