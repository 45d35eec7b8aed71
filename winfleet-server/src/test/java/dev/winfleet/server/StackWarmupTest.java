package dev.winfleet.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.winfleet.core.spi.FleetInventory;
import dev.winfleet.core.spi.InventoryStatus;
import dev.winfleet.server.api.AdmissionPolicy;
import dev.winfleet.server.api.AdmissionRequestView;
import dev.winfleet.server.api.MutationDecision;
import dev.winfleet.server.api.ValidationDecision;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The warm-up through the serving stack (issue 21): after a short direct pass, the samples go over
 * HTTPS through a throwaway server on loopback, so the request path is compiled before the real
 * port listens.
 */
class StackWarmupTest {

  private static final FleetInventory SYNCED =
      FleetInventory.fixed(InventoryStatus.synced(java.time.Instant.now(), List.of()));

  /** Records which thread asked the policy, per endpoint. */
  static final class Recording implements AdmissionPolicy {
    final List<String> mutateThreads = new CopyOnWriteArrayList<>();
    final List<String> validateThreads = new CopyOnWriteArrayList<>();
    final List<String> names = new CopyOnWriteArrayList<>();

    @Override
    public MutationDecision mutate(AdmissionRequestView request) {
      mutateThreads.add(Thread.currentThread().getName());
      names.add(request.name());
      return MutationDecision.none();
    }

    @Override
    public ValidationDecision validate(AdmissionRequestView request) {
      validateThreads.add(Thread.currentThread().getName());
      return ValidationDecision.allow();
    }
  }

  @Test
  void theSamplesReachThePolicyThroughARealHttpsServerAndNothingRunsAfterwards(@TempDir Path dir)
      throws Exception {
    TlsFixture tls = new TlsFixture(dir);
    Recording policy = new Recording();
    String caller = Thread.currentThread().getName();

    // The stack pass (four fifths of the budget) must start an HTTPS server and a client and
    // complete handshakes before its first answer. The warm-up runs to its budget by design, so
    // there is no event to wait on; 1.5 s left no answer at all on a loaded 2-core machine (load
    // average 6-7: no answer in 5 of 6 runs), 5 s passed 3 of 3.
    Warmup.Result result =
        new Warmup(policy, Clock.systemUTC())
            .runThroughServer(
                WebhookServerConfig.of(tls.certFile, tls.keyFile), SYNCED, Duration.ofSeconds(5));

    assertThat(result.stoppedBecause()).contains("budget");
    // The direct pass asks on the caller's thread; the stack pass on the server's policy workers,
    // through both endpoints.
    assertThat(policy.mutateThreads).contains(caller);
    assertThat(policy.mutateThreads).anyMatch(t -> t.startsWith("winfleet-policy"));
    assertThat(policy.validateThreads).anyMatch(t -> t.startsWith("winfleet-policy"));
    assertThat(policy.names.stream().distinct().sorted()).containsExactly("iis", "orders", "web");
    // The throwaway server and its client are gone: no more requests arrive.
    int seen = policy.mutateThreads.size() + policy.validateThreads.size();
    Thread.sleep(300);
    assertThat(policy.mutateThreads.size() + policy.validateThreads.size()).isEqualTo(seen);
  }

  @Test
  void aServerThatCannotStartEndsTheWarmUpAfterTheDirectPassAndSaysWhy(@TempDir Path dir)
      throws Exception {
    Path missing = dir.resolve("missing.crt");
    Path key = dir.resolve("tls.key");
    Files.writeString(key, "not a key");
    Recording policy = new Recording();

    Warmup.Result result =
        new Warmup(policy, Clock.systemUTC())
            .runThroughServer(WebhookServerConfig.of(missing, key), SYNCED, Duration.ofMillis(500));

    assertThat(result.rounds()).isPositive();
    assertThat(result.stoppedBecause()).startsWith("the warm-up server did not start");
    assertThat(policy.mutateThreads).noneMatch(t -> t.startsWith("winfleet-policy"));
  }

  @Test
  void aPolicyThatFailsInTheDirectPassNeverStartsTheServer(@TempDir Path dir) {
    TlsFixture tls = new TlsFixture(dir);
    AdmissionPolicy broken = new NoFleetYetPolicy();

    Warmup.Result result =
        new Warmup(broken, Clock.systemUTC())
            .runThroughServer(
                WebhookServerConfig.of(tls.certFile, tls.keyFile), SYNCED, Duration.ofMinutes(10));

    assertThat(result.rounds()).isZero();
    assertThat(result.stoppedBecause()).contains(NoFleetYetPolicy.REASON);
  }
}
