// In-JVM CPU per /mutate answer, without TLS, HTTP or the worker hop: the review's bytes through
// the same AdmissionHandler steps as a request (parse, the policy, the answer), on one thread,
// timed by that thread's CPU clock, so other processes on a shared machine disturb it far less
// than requests/s. Complements bench/webhook-cpu-ab.sh (which includes TLS and the event loop).
// Bench scaffolding compiled against the jar, not in the product. Run:
//   java -cp winfleet-cli/target/winfleet.jar bench/HandlerCpuBench.java MODE REVIEW FLEET SECONDS ROUNDS
// MODE is noop or policy; prints one line per round: CPU microseconds per answer.
import dev.winfleet.core.fleet.Fleet;
import dev.winfleet.core.fleet.FleetObjects;
import dev.winfleet.core.manifest.ManifestReader;
import dev.winfleet.core.spi.FleetView;
import dev.winfleet.server.AdmissionHandler;
import dev.winfleet.server.Endpoint;
import dev.winfleet.server.HttpReply;
import dev.winfleet.server.RecentVerdicts;
import dev.winfleet.server.ValidateFailureMode;
import dev.winfleet.server.WebhookMetrics;
import dev.winfleet.server.api.AdmissionPolicy;
import dev.winfleet.server.api.ImageLookup;
import dev.winfleet.server.api.PolicySettings;
import dev.winfleet.server.policy.PlacementPolicy;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;

public class HandlerCpuBench {
  public static void main(String[] args) throws Exception {
    String mode = args[0];
    byte[] review = Files.readAllBytes(Path.of(args[1]));
    Fleet fleet =
        FleetObjects.fromObjects(
            ManifestReader.defaults().read(args[2], Files.readString(Path.of(args[2]))).objects());
    double seconds = Double.parseDouble(args[3]);
    int rounds = Integer.parseInt(args[4]);
    // Like `serve` with registries on: a lookup is configured, but tag hints explain the images.
    ImageLookup registry =
        (references, namespace, secrets, deadline, dryRun) -> {
          throw new IllegalStateException("the bench review's images need no registry");
        };
    AdmissionPolicy policy =
        mode.equals("noop")
            ? AdmissionPolicy.allowAll()
            : new PlacementPolicy(
                FleetView.of(fleet, Instant.now()),
                registry,
                PolicySettings.defaults(),
                Clock.systemUTC(),
                Runnable::run);
    AdmissionHandler handler =
        new AdmissionHandler(
            policy,
            new WebhookMetrics(),
            new RecentVerdicts(100),
            ValidateFailureMode.ALLOW,
            Clock.systemUTC());
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    long sink = 0;
    for (int round = 0; round <= rounds; round++) {
      long t0 = cpu.getCurrentThreadCpuTime();
      long end = t0 + (long) (seconds * 1e9);
      long n = 0;
      long t;
      do {
        for (int i = 0; i < 100; i++) {
          HttpReply reply = handler.handle(Endpoint.MUTATE, "application/json", review);
          if (reply.status() != 200) {
            throw new IllegalStateException("answered " + reply.status() + ": " + reply.bodyText());
          }
          sink += reply.body().length;
        }
        n += 100;
        t = cpu.getCurrentThreadCpuTime();
      } while (t < end);
      if (round > 0) { // round 0 warms the JIT
        System.out.printf(
            "%s round %d: %.2f us CPU per answer (%d answers)%n",
            mode, round, (t - t0) / 1e3 / n, n);
      }
    }
    if (sink == 42) {
      System.out.println();
    }
  }
}
