package dev.winfleet.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.winfleet.core.catalog.KubernetesVersion;
import dev.winfleet.core.fleet.Fleet;
import dev.winfleet.core.fleet.FleetObjects;
import dev.winfleet.core.image.ImageMetadataSource;
import dev.winfleet.core.manifest.FieldPath;
import dev.winfleet.core.manifest.ManifestReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/** Fixtures and assertions shared by the rule tests. */
abstract class RuleTestSupport {

  static final String WINDOWS = resource("windows-deployment.yaml");
  static final String LINUX = resource("linux-deployment.yaml");
  static final String HOSTPROCESS = resource("hostprocess-daemonset.yaml");

  static final Fleet TAINTED = fleet("fleet-tainted.yaml");
  static final Fleet MIXED = fleet("fleet-mixed.yaml");
  static final Fleet UNTAINTED = fleet("fleet-untainted.yaml");
  static final Fleet NO_FLEET = Fleet.empty();

  static String resource(String name) {
    try (InputStream in = RuleTestSupport.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Fleet fleet(String name) {
    return FleetObjects.fromObjects(ManifestReader.defaults().read(name, resource(name)).objects());
  }

  /** The base with one piece of text replaced; the piece must occur exactly once. */
  static String edit(String base, String old, String replacement) {
    int at = base.indexOf(old);
    assertThat(at).as("text to change occurs in the base: %s", old).isGreaterThanOrEqualTo(0);
    assertThat(base.indexOf(old, at + 1)).as("text to change occurs once: %s", old).isEqualTo(-1);
    return base.substring(0, at) + replacement + base.substring(at + old.length());
  }

  /** Checks a manifest against a fleet; {@code kubernetes} null means the default versions. */
  static List<Finding> check(String manifest, Fleet fleet, String kubernetes) {
    SortedSet<KubernetesVersion> versions =
        kubernetes == null
            ? CheckEnvironment.defaultVersions(fleet)
            : new TreeSet<>(Set.of(KubernetesVersion.parse(kubernetes)));
    CheckEnvironment env =
        new CheckEnvironment(fleet, ImageMetadataSource.tagHints(), versions, RuleSelection.ALL);
    return RulesEngine.builtIn()
        .check(ManifestReader.defaults().read("manifest.yaml", manifest), env);
  }

  static void assertOnly(
      List<Finding> findings,
      String rule,
      Severity severity,
      int line,
      int column,
      String object,
      String container,
      String path,
      String message,
      String fix) {
    assertThat(findings)
        .as("findings: %s", findings)
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.rule()).isEqualTo(rule);
              assertThat(f.severity()).isEqualTo(severity);
              assertThat(f.file()).isEqualTo("manifest.yaml");
              assertThat(f.line()).as("line").isEqualTo(line);
              assertThat(f.column()).as("column").isEqualTo(column);
              assertThat(f.objectDisplay()).isEqualTo(object);
              assertThat(f.container()).isEqualTo(container);
              assertThat(f.path()).isEqualTo(FieldPath.parse(path));
              assertThat(f.message()).isEqualTo(message);
              assertThat(f.fix()).isEqualTo(fix);
            });
  }
}
