// In-JVM timing for bench/inspect-bench.sh: inspects the same references ROUNDS times, each round
// with a fresh RegistryInspector (empty caches, new connections), so later rounds show the time
// "once the JVM is up". Run: java -cp winfleet-cli/target/winfleet.jar bench/InJvmBench.java
//   HOST:PORT ROUNDS REF...
import dev.winfleet.core.image.ImageReference;
import dev.winfleet.registry.api.InspectOptions;
import dev.winfleet.registry.api.InspectionResult;
import dev.winfleet.registry.api.InspectorConfig;
import dev.winfleet.registry.api.RegistryInspector;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

public class InJvmBench {
  public static void main(String[] args) {
    String host = args[0];
    int rounds = Integer.parseInt(args[1]);
    List<ImageReference> refs =
        Arrays.stream(args, 2, args.length).map(ImageReference::parse).toList();
    for (int round = 1; round <= rounds; round++) {
      try (RegistryInspector inspector =
          RegistryInspector.create(
              InspectorConfig.builder().insecureRegistries(Set.of(host)).build())) {
        long t0 = System.nanoTime();
        List<InspectionResult> results = inspector.inspect(refs, InspectOptions.defaults());
        long ms = (System.nanoTime() - t0) / 1_000_000;
        long failed = results.stream().filter(r -> !r.succeeded()).count();
        System.out.println(
            "round " + round + ": " + refs.size() + " references in " + ms + " ms ("
                + inspector.stats().requests() + " requests, " + failed + " failed)");
      }
    }
  }
}
