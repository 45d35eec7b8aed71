package dev.winfleet.core.compat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.winfleet.core.catalog.PatchCatalog;
import dev.winfleet.core.catalog.WindowsUpdate;
import dev.winfleet.core.version.OsVersion;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Invariants of the patch-level model over revisions of the builds winfleet has updates for. */
class PatchPropertiesTest {

  private final CompatibilityEngine engine = CompatibilityEngine.builtIn();
  private final PatchCatalog patches = engine.patches();

  @Provide
  Arbitrary<Integer> builds() {
    return Arbitraries.of(patches.builds());
  }

  /** Revisions near the known ones (exact, just below, just above) and anywhere in between. */
  @Provide
  Arbitrary<int[]> pairsOfSameBuild() {
    Arbitrary<Integer> build = builds();
    return build.flatMap(
        b -> {
          Arbitrary<Integer> revision =
              Arbitraries.oneOf(
                  Arbitraries.of(patches.updates(b)).map(WindowsUpdate::revision),
                  Arbitraries.of(patches.updates(b)).map(u -> u.revision() - 1),
                  Arbitraries.of(patches.updates(b)).map(u -> u.revision() + 1),
                  Arbitraries.integers().between(0, 40000));
          return Combinators.combine(revision, revision).as((h, i) -> new int[] {b, h, i});
        });
  }

  @Property
  void anImageNeverRunsAheadOfAHostUnderAKnownIncident(@ForAll("pairsOfSameBuild") int[] p) {
    OsVersion host = new OsVersion(10, 0, p[0], Math.max(0, p[1]));
    OsVersion image = new OsVersion(10, 0, p[0], Math.max(0, p[2]));
    Compatibility c = engine.evaluate(host, image);
    PatchIncident strictest = null;
    for (PatchIncident i : engine.incidents()) {
      boolean underIncident =
          i.build() == p[0]
              && i.kind() == PatchIncident.Kind.IMAGE_NEEDS_HOST
              && image.revision() >= i.revision()
              && host.revision() < i.revision();
      if (underIncident) {
        assertThat(c.process().supported()).isFalse();
        if (strictest == null || i.revision() > strictest.revision()) {
          strictest = i;
        }
      }
    }
    if (strictest != null) {
      // The KB named is the one that lets the host run the image: the newest incident's.
      assertThat(c.process().reason()).contains("Install " + strictest.kb());
    }
    if (c.process().supported() && engine.assessPatch(host, image).imageAhead()) {
      assertThat(c.process().notes()).anyMatch(n -> n.contains("patch hosts first"));
    }
  }

  @Property
  void patchAgeIsMonotoneInTheRevision(
      @ForAll("builds") int build, @ForAll("revisions") int r1, @ForAll("revisions") int r2) {
    int first = patches.updates(build).get(0).revision();
    int low = Math.max(first, Math.min(r1, r2));
    int high = Math.max(low, Math.max(r1, r2));
    int ageLow = patches.patchAgeMonths(new OsVersion(10, 0, build, low)).getAsInt();
    int ageHigh = patches.patchAgeMonths(new OsVersion(10, 0, build, high)).getAsInt();
    assertThat(ageHigh).isLessThanOrEqualTo(ageLow);
    assertThat(ageHigh).isGreaterThanOrEqualTo(0);
    assertThat(ageLow - ageHigh)
        .isEqualTo(
            patches.monthsBetween(
                new OsVersion(10, 0, build, low), new OsVersion(10, 0, build, high)));
  }

  @Provide
  Arbitrary<Integer> revisions() {
    return Arbitraries.integers().between(0, 40000);
  }
}
