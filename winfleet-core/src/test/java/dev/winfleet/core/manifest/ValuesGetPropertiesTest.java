package dev.winfleet.core.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The one-, two- and three-key forms of {@link Values#get} walk as the varargs form does. */
class ValuesGetPropertiesTest {

  private static final List<String> KEYS = List.of("a", "b", "c");

  @Provide
  Arbitrary<Object> trees() {
    // Maps of maps over a few keys, with lists, texts, numbers and nulls where a map may be.
    return Arbitraries.recursive(
        () -> Arbitraries.oneOf(Arbitraries.of("x", 1, List.of("l")), Arbitraries.just(null)),
        inner -> Arbitraries.maps(Arbitraries.of(KEYS), inner).ofMaxSize(3).map(m -> (Object) m),
        0,
        4);
  }

  @Property(tries = 500)
  void fixedAritiesWalkAsVarargs(
      @ForAll("trees") Object tree,
      @ForAll("key") String k1,
      @ForAll("key") String k2,
      @ForAll("key") String k3) {
    assertThat(Values.get(tree, k1)).isEqualTo(Values.get(tree, new String[] {k1}));
    assertThat(Values.get(tree, k1, k2)).isEqualTo(Values.get(tree, new String[] {k1, k2}));
    assertThat(Values.get(tree, k1, k2, k3)).isEqualTo(Values.get(tree, new String[] {k1, k2, k3}));
    assertThat(Values.getString(tree, k1)).isEqualTo(Values.getString(tree, new String[] {k1}));
    assertThat(Values.getString(tree, k1, k2))
        .isEqualTo(Values.getString(tree, new String[] {k1, k2}));
  }

  @Provide
  Arbitrary<String> key() {
    return Arbitraries.of(KEYS);
  }
}
