package dev.winfleet.server.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.winfleet.core.image.InspectedImage;
import dev.winfleet.server.NoFleetYetPolicy;
import dev.winfleet.server.Warmup;
import dev.winfleet.server.api.AdmissionPolicy;
import dev.winfleet.server.api.AdmissionRequestView;
import dev.winfleet.server.api.ImageLookup;
import dev.winfleet.server.api.MutationDecision;
import dev.winfleet.server.api.PolicySettings;
import dev.winfleet.server.api.ValidationDecision;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The warm-up `winfleet serve` runs before it listens (issue 21's first-seconds latency). */
class WarmupTest {

  /** Remembers every reference the policy asks a registry about, and knows none. */
  static final class RecordingLookup implements ImageLookup {
    final List<String> asked = new CopyOnWriteArrayList<>();

    @Override
    public List<InspectedImage> inspect(
        List<String> references,
        String namespace,
        List<String> pullSecrets,
        Instant deadline,
        boolean dryRun) {
      asked.addAll(references);
      return List.of();
    }
  }

  @Test
  void theRealPolicyDecidesEverySampleWithoutAskingARegistry() {
    RecordingLookup registry = new RecordingLookup();
    PlacementPolicy real = PlacementFixtures.policy(PolicySettings.defaults(), registry);

    Warmup.Result result = new Warmup(real, PlacementFixtures.CLOCK).run(Duration.ofMillis(300));

    // It ran to its budget: no sample failed or waited (a failure would end it early and say so).
    assertThat(result.stoppedBecause()).contains("budget");
    assertThat(result.rounds()).isPositive();
    // The samples' images are known from their tags: a warm-up never reaches for the network.
    assertThat(registry.asked).isEmpty();
  }

  @Test
  void everySampleReachesThePolicyThroughBothEndpoints() {
    List<String> mutated = new CopyOnWriteArrayList<>();
    List<String> validated = new CopyOnWriteArrayList<>();
    AdmissionPolicy counting =
        new AdmissionPolicy() {
          @Override
          public MutationDecision mutate(AdmissionRequestView request) {
            mutated.add(request.name());
            return MutationDecision.none();
          }

          @Override
          public ValidationDecision validate(AdmissionRequestView request) {
            validated.add(request.name());
            return ValidationDecision.allow();
          }
        };

    Warmup.Result result = new Warmup(counting, PlacementFixtures.CLOCK).run(Duration.ofMillis(50));

    assertThat(result.rounds()).isPositive();
    assertThat(mutated.size()).isGreaterThanOrEqualTo(3 * result.rounds());
    assertThat(mutated.stream().distinct().sorted()).containsExactly("iis", "orders", "web");
    assertThat(validated.stream().distinct().sorted()).containsExactly("iis", "orders", "web");
  }

  @Test
  void aPolicyThatNeverAnswersEndsTheWarmUpInsteadOfHoldingTheServerBack() {
    AdmissionPolicy stuck =
        new AdmissionPolicy() {
          @Override
          public MutationDecision mutate(AdmissionRequestView request) {
            throw new AssertionError("the warm-up asks asynchronously");
          }

          @Override
          public ValidationDecision validate(AdmissionRequestView request) {
            throw new AssertionError("the warm-up asks asynchronously");
          }

          @Override
          public CompletableFuture<MutationDecision> mutateAsync(AdmissionRequestView request) {
            return new CompletableFuture<>(); // never completes
          }
        };

    Warmup.Result result = new Warmup(stuck, PlacementFixtures.CLOCK).run(Duration.ofMinutes(10));

    assertThat(result.rounds()).isZero();
    assertThat(result.stoppedBecause()).contains("took over 1000 ms");
  }

  @Test
  void aFailingPolicyEndsTheWarmUpAndSaysWhy() {
    AdmissionPolicy broken = new NoFleetYetPolicy();

    Warmup.Result result = new Warmup(broken, PlacementFixtures.CLOCK).run(Duration.ofMinutes(10));

    assertThat(result.rounds()).isZero();
    assertThat(result.stoppedBecause()).contains(NoFleetYetPolicy.REASON);
  }
}
