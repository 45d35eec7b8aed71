package dev.winfleet.core.fleet;

import dev.winfleet.core.catalog.CatalogFiles;
import java.util.List;
import java.util.Objects;

/**
 * The taints that mark a node as a Windows node, from {@code windows-node-taints.yaml} (each with
 * its source): what Windows pods are made to tolerate, and the only taints winfleet tolerates on
 * its own. Immutable.
 */
public final class WindowsNodeTaints {

  static final String RESOURCE = "/dev/winfleet/core/fleet/windows-node-taints.yaml";

  private final List<Taint> taints;

  /** Known Windows-node taints, e.g. from {@code winfleet serve --windows-taint}. */
  public WindowsNodeTaints(List<Taint> taints) {
    this.taints = List.copyOf(Objects.requireNonNull(taints, "taints"));
  }

  /** The taints of the bundled data file. */
  public static WindowsNodeTaints builtIn() {
    return BuiltIn.TAINTS;
  }

  private static final class BuiltIn {
    static final WindowsNodeTaints TAINTS = read();
  }

  private static WindowsNodeTaints read() {
    File file = CatalogFiles.read(RESOURCE, File.class);
    return new WindowsNodeTaints(
        file.taints.stream()
            .map(
                t ->
                    new Taint(
                        t.key,
                        t.value,
                        TaintEffect.parse(t.effect)
                            .orElseThrow(
                                () ->
                                    new IllegalStateException(
                                        RESOURCE + ": taint " + t.key + " has no valid effect"))))
            .toList());
  }

  static final class File {
    public List<Entry> taints;
  }

  static final class Entry {
    public String key;
    public String value;
    public String effect;
    public String source;
  }

  /** Every known Windows-node taint, in the file's order. */
  public List<Taint> taints() {
    return taints;
  }

  /** Whether this taint marks its node as a Windows node (exact key, value and effect). */
  public boolean marksWindows(Taint taint) {
    return taints.contains(taint);
  }

  /** A toleration for each known Windows-node taint. */
  public List<Toleration> tolerations() {
    return taints.stream().map(Toleration::forTaint).toList();
  }
}
