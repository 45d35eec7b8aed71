package dev.winfleet.core.spi;

import dev.winfleet.core.manifest.ManifestObject;
import dev.winfleet.core.rules.Finding;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What the audit controller of {@code winfleet serve} knows of the running cluster, for the
 * dashboard: every audited object with the rules engine's findings and when it was last judged.
 */
public interface AuditView {

  /** No audit (a static fleet, or {@code --no-audit}). */
  AuditView NONE =
      new AuditView() {
        @Override
        public Status status() {
          return new Status(false, false, false, null, 0, 0);
        }

        @Override
        public List<Audited> objects() {
          return List.of();
        }
      };

  Status status();

  /** The audited objects, sorted by namespace, kind and name. */
  List<Audited> objects();

  /**
   * @param enabled whether an audit runs at all
   * @param synced whether every informer listed everything and the first evaluation is done
   * @param leader whether this replica writes the reports and events
   * @param lastEvaluation when an object was last judged; null before the first
   * @param objects audited objects (owned pods and ReplicaSets excluded, see docs/audit.md)
   * @param findings their findings
   */
  record Status(
      boolean enabled,
      boolean synced,
      boolean leader,
      Instant lastEvaluation,
      int objects,
      int findings) {}

  /**
   * One audited object.
   *
   * @param object its tree as the rules read it (managedFields and status left out)
   * @param evaluated when the rules last judged it
   */
  record Audited(ManifestObject object, List<Finding> findings, Instant evaluated) {
    public Audited {
      Objects.requireNonNull(object, "object");
      findings = List.copyOf(findings);
      Objects.requireNonNull(evaluated, "evaluated");
    }
  }
}
