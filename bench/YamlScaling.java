import dev.winfleet.core.manifest.ManifestFile;
import dev.winfleet.core.manifest.ManifestReader;

/**
 * How long the manifest reader takes for one long plain scalar, by size (issue 17, item 6).
 *
 * <pre>
 * ./mvnw -q -o -pl winfleet-core compile
 * java -Xmx1g -cp winfleet-core/target/classes:$HOME/.m2/repository/org/yaml/snakeyaml/2.4/snakeyaml-2.4.jar \
 *     bench/YamlScaling.java 1024 2048 4096 8192
 * </pre>
 *
 * Arguments are sizes in KiB. Wall-clock figures for a person to read, not a test.
 */
public class YamlScaling {
  public static void main(String[] sizes) {
    for (String s : sizes) {
      int n = Integer.parseInt(s) * 1024;
      String text =
          "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n  blob: "
              + "x".repeat(n)
              + "\n";
      long t0 = System.nanoTime();
      ManifestFile f = ManifestReader.defaults().read("big.yaml", text);
      long ms = (System.nanoTime() - t0) / 1_000_000;
      System.out.println(
          s + " KiB plain scalar: " + ms + " ms, objects=" + f.objects().size()
              + " problems=" + f.problems().size());
    }
  }
}
