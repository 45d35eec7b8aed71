package dev.winfleet.kube.audit;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ReplicationController;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.Optional;

/**
 * The kinds the audit watches: those whose pod the rules engine reads ({@code PodTemplate.of}).
 *
 * <p>An object whose controlling owner is itself of an audited kind is not judged on its own (a
 * Deployment's ReplicaSets, a ReplicaSet's or DaemonSet's pods, a CronJob's Jobs): its owner's
 * template is, and is what a person fixes. Objects owned by kinds winfleet does not audit (an Argo
 * Rollout's ReplicaSets, an operator's pods) and bare pods are judged themselves.
 */
public enum AuditedKind {
  POD("v1", "Pod", Pod.class),
  REPLICATION_CONTROLLER("v1", "ReplicationController", ReplicationController.class),
  DEPLOYMENT("apps/v1", "Deployment", Deployment.class),
  STATEFUL_SET("apps/v1", "StatefulSet", StatefulSet.class),
  DAEMON_SET("apps/v1", "DaemonSet", DaemonSet.class),
  REPLICA_SET("apps/v1", "ReplicaSet", ReplicaSet.class),
  JOB("batch/v1", "Job", Job.class),
  CRON_JOB("batch/v1", "CronJob", CronJob.class);

  private final String apiVersion;
  private final String kind;
  private final Class<? extends HasMetadata> type;

  AuditedKind(String apiVersion, String kind, Class<? extends HasMetadata> type) {
    this.apiVersion = apiVersion;
    this.kind = kind;
    this.type = type;
  }

  public String apiVersion() {
    return apiVersion;
  }

  public String kind() {
    return kind;
  }

  Class<? extends HasMetadata> type() {
    return type;
  }

  public static Optional<AuditedKind> of(String apiVersion, String kind) {
    for (AuditedKind k : values()) {
      if (k.kind.equals(kind) && k.apiVersion.equals(apiVersion)) {
        return Optional.of(k);
      }
    }
    return Optional.empty();
  }

  /** Whether this object's controlling owner is audited, so that it is judged through its owner. */
  static boolean judgedThroughOwner(HasMetadata object) {
    if (object.getMetadata().getOwnerReferences() == null) {
      return false;
    }
    for (OwnerReference o : object.getMetadata().getOwnerReferences()) {
      if (Boolean.TRUE.equals(o.getController())
          && of(o.getApiVersion(), o.getKind()).isPresent()) {
        return true;
      }
    }
    return false;
  }
}
