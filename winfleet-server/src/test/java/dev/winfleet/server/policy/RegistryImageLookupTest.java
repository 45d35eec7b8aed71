package dev.winfleet.server.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.winfleet.core.image.InspectedImage;
import dev.winfleet.core.spi.PullSecretSource;
import dev.winfleet.registry.api.InspectorConfig;
import dev.winfleet.registry.api.RegistryInspector;
import dev.winfleet.server.SilentRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The bulkhead around registry lookups, against a registry that never answers. */
class RegistryImageLookupTest {

  private SilentRegistry dead;
  private RegistryInspector inspector;
  private RegistryImageLookup lookup;

  @BeforeEach
  void start() {
    dead = new SilentRegistry();
    inspector =
        RegistryInspector.create(
            InspectorConfig.builder().insecureRegistries(Set.of(dead.host())).build());
    lookup =
        new RegistryImageLookup(
            inspector,
            PullSecretSource.none(),
            Clock.systemUTC(),
            new RegistryImageLookup.Limits(8, 3, 2, Duration.ofSeconds(30)));
  }

  @AfterEach
  void stop() throws Exception {
    lookup.close();
    inspector.close();
    dead.close();
  }

  private CompletableFuture<List<InspectedImage>> read(String namespace, String... refs) {
    return lookup.inspectAsync(
        List.of(refs), namespace, List.of(), Instant.now().plusMillis(600), false);
  }

  @Test
  void returnsBeforeTheRegistryAnswers() {
    CompletableFuture<List<InspectedImage>> f = read("a", dead.host() + "/app:1");
    assertThat(f).isNotDone();
    assertThat(f.join().get(0).error()).isNotNull();
  }

  @Test
  void concurrentPodsWithTheSameImageShareOneLookup() {
    String image = dead.host() + "/app:1";
    CompletableFuture<List<InspectedImage>> first = read("a", image);
    CompletableFuture<List<InspectedImage>> second = read("b", image);
    first.join();
    second.join();
    assertThat(lookup.lookupsStarted()).isEqualTo(1);
  }

  @Test
  void oneNamespaceGetsNoMoreThanItsShare() {
    List<InspectedImage> images =
        read("a", dead.host() + "/a:1", dead.host() + "/a:2", dead.host() + "/a:3").join();
    assertThat(lookup.lookupsStarted()).isEqualTo(2);
    assertThat(images.get(2).error()).contains("too many registry lookups in flight");
    assertThat(images.get(2).error()).contains("namespace a");
  }

  @Test
  void oneRegistryGetsNoMoreThanItsShare() {
    read("a", dead.host() + "/a:1", dead.host() + "/a:2");
    List<InspectedImage> images = read("b", dead.host() + "/b:1", dead.host() + "/b:2").join();
    assertThat(lookup.lookupsStarted()).isEqualTo(3);
    assertThat(images.get(1).error()).contains("for registry " + dead.host());
  }

  @Test
  void aRegistryThatDidNotAnswerIsRememberedForNewTagsToo() {
    read("a", dead.host() + "/app:1").join();
    int before = lookup.lookupsStarted();
    List<InspectedImage> images = read("c", dead.host() + "/other:brand-new-tag").join();
    assertThat(lookup.lookupsStarted()).isEqualTo(before);
    assertThat(images.get(0).error()).contains("again after 30 s");
  }

  @Test
  void dryRunsLeaveNoFailureBehind() {
    lookup
        .inspectAsync(
            List.of(dead.host() + "/app:1"), "a", List.of(), Instant.now().plusMillis(600), true)
        .join();
    read("a", dead.host() + "/app:2").join();
    assertThat(lookup.lookupsStarted()).isEqualTo(2);
  }
}
