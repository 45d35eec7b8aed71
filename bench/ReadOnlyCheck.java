// The read-only half of bench/check-bench.sh: does what 'winfleet check PATH...' does before the
// rules run (find the manifest files, read them in parallel, parse every YAML document into the
// objects the rules see, in parallel) and nothing else, so that the full check's time minus this
// one is what the rules cost. In the CLI's package because the file finding and reading it calls
// are package-private there; compiled and run by bench/check-bench.sh against winfleet.jar:
//   javac -cp winfleet.jar -d OUT bench/ReadOnlyCheck.java
//   java -cp winfleet.jar:OUT dev.winfleet.cli.ReadOnlyCheck PATH...
// Bench scaffolding only: not part of the product.
package dev.winfleet.cli;

import dev.winfleet.core.manifest.ManifestReader;
import java.io.ByteArrayInputStream;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

public final class ReadOnlyCheck {
  public static void main(String[] args) {
    List<ManifestSources.Source> sources = ManifestSources.collect(Arrays.asList(args));
    ManifestReader reader = ManifestReader.defaults();
    var stdin = new ByteArrayInputStream(new byte[0]);
    AtomicLong objects = new AtomicLong();
    IntStream.range(0, sources.size())
        .parallel()
        .forEach(
            i -> {
              String text = ManifestSources.read(sources.get(i), stdin);
              objects.addAndGet(reader.read(sources.get(i).name(), text).objects().size());
            });
    System.out.println(sources.size() + " files, " + objects.get() + " objects read");
  }
}
