package dev.winfleet.core.placement;

import static org.assertj.core.api.Assertions.assertThat;

import dev.winfleet.core.compat.OsFamily;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@link SchedulingConstraints#requiredOs()} (asked for every pod, worked out without building a
 * set) is the one OS of {@link SchedulingConstraints#allowedOs()}, or null when it allows both or
 * none.
 */
class RequiredOsPropertiesTest {

  private static final List<String> KEYS =
      List.of("kubernetes.io/os", "beta.kubernetes.io/os", "pool");
  private static final List<String> VALUES = List.of("windows", "linux", "a");

  @Provide
  Arbitrary<SchedulingConstraints> constraints() {
    Arbitrary<Map<String, String>> selector =
        Arbitraries.of(KEYS)
            .set()
            .ofMaxSize(3)
            .flatMap(
                keys ->
                    Arbitraries.of(VALUES)
                        .list()
                        .ofSize(keys.size())
                        .map(
                            values -> {
                              Map<String, String> m = new LinkedHashMap<>();
                              int i = 0;
                              for (String k : keys) {
                                m.put(k, values.get(i++));
                              }
                              return m;
                            }));
    Arbitrary<NodeSelectorRequirement> requirement =
        Combinators.combine(
                Arbitraries.of(KEYS),
                Arbitraries.of(NodeSelectorRequirement.Operator.class),
                Arbitraries.of(VALUES).list().ofMaxSize(2))
            .as(NodeSelectorRequirement::new);
    Arbitrary<NodeSelectorTerm> term =
        requirement.list().ofMaxSize(2).map(r -> new NodeSelectorTerm(r, List.of()));
    return Combinators.combine(selector, term.list().ofMaxSize(3), Arbitraries.of(true, false))
        .as((s, terms, required) -> new SchedulingConstraints(s, terms, required, List.of(), null));
  }

  @Property(tries = 500)
  void theOneAllowedOsOrNone(@ForAll("constraints") SchedulingConstraints c) {
    Set<OsFamily> allowed = c.allowedOs();
    assertThat(c.requiredOs())
        .as(c.toString())
        .isEqualTo(allowed.size() == 1 ? allowed.iterator().next() : null);
  }
}
