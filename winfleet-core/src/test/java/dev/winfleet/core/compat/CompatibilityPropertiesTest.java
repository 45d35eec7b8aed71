package dev.winfleet.core.compat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.winfleet.core.version.OsVersion;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Invariants of the compatibility engine over any pair of Windows versions. */
class CompatibilityPropertiesTest {

  private final CompatibilityEngine engine = CompatibilityEngine.builtIn();

  @Provide
  Arbitrary<OsVersion> versions() {
    Arbitrary<Integer> builds =
        Arbitraries.oneOf(
            Arbitraries.of(
                14393, 16299, 17134, 17763, 18362, 18363, 19041, 19042, 20348, 22621, 25398, 26100),
            Arbitraries.integers().between(14000, 30000));
    Arbitrary<Integer> revisions =
        Arbitraries.oneOf(
            Arbitraries.just(OsVersion.NO_REVISION), Arbitraries.integers().between(0, 9000));
    Arbitrary<Integer> minors =
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(20, Arbitraries.just(0)),
            net.jqwik.api.Tuple.of(1, Arbitraries.just(1)));
    return Combinators.combine(minors, builds, revisions)
        .as((minor, build, rev) -> new OsVersion(10, minor, build, rev));
  }

  @Property
  void processSupportedImpliesHyperVSupported(
      @ForAll("versions") OsVersion host, @ForAll("versions") OsVersion image) {
    Compatibility c = engine.evaluate(host, image);
    if (c.process().supported()) {
      assertThat(c.hyperv().supported()).isTrue();
    }
  }

  @Property
  void nothingNewerThanTheHostEverRuns(
      @ForAll("versions") OsVersion host, @ForAll("versions") OsVersion image) {
    if (image.build() > host.build()) {
      Compatibility c = engine.evaluate(host, image);
      assertThat(c.process().supported()).isFalse();
      assertThat(c.hyperv().supported()).isFalse();
    }
  }

  @Property
  void theSameBuildAlwaysRunsWhenRevisionsNeedNotMatch(@ForAll("versions") OsVersion host) {
    OsVersion image = new OsVersion(host.major(), host.minor(), host.build(), 1);
    // Builds before Windows Server 2016 (14393) have no containers at all; outside the known
    // patch incidents (PatchPropertiesTest covers those).
    if (host.build() > 14393 && engine.incident(host, image).isEmpty()) {
      assertThat(engine.evaluate(host, image).process().supported()).isTrue();
    }
  }

  @Property
  void nothingBeforeWindowsServer2016EverRuns(
      @ForAll("versions") OsVersion host, @ForAll("versions") OsVersion image) {
    if (host.build() < 14393 || image.build() < 14393) {
      assertThat(engine.evaluate(host, image).mode()).isEqualTo(Compatibility.Mode.NONE);
    }
  }

  @Property
  void differentMajorOrMinorNeverRuns(
      @ForAll("versions") OsVersion host, @ForAll("versions") OsVersion image) {
    if (host.minor() != image.minor()) {
      Compatibility c = engine.evaluate(host, image);
      assertThat(c.mode()).isEqualTo(Compatibility.Mode.NONE);
    }
  }

  @Property
  void processAnswerDependsOnlyOnBuildsOutsideTheRevisionRule(
      @ForAll("versions") OsVersion host, @ForAll("versions") OsVersion image) {
    if (host.minor() == image.minor()
        && host.build() != 14393
        && engine.incident(host, image).isEmpty()) {
      assertThat(engine.evaluate(host, image).process().supported())
          .isEqualTo(engine.processBuildsCompatible(host.build(), image.build()));
    }
  }

  @Property
  void everyVerdictHasAReason(
      @ForAll("versions") OsVersion host, @ForAll("versions") OsVersion image) {
    Compatibility c = engine.evaluate(host, image);
    assertThat(c.process().reason()).isNotBlank();
    assertThat(c.hyperv().reason()).isNotBlank();
  }
}
