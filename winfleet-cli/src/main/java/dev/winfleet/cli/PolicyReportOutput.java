package dev.winfleet.cli;

import dev.winfleet.core.report.PolicyReports;
import dev.winfleet.core.report.ReportedObject;
import dev.winfleet.core.rules.Finding;
import dev.winfleet.core.rules.RuleCatalog;
import dev.winfleet.server.install.InstallManifests;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code --format policyreport}: the checker's findings as the PolicyReports the audit controller
 * writes ({@link PolicyReports}, the one mapping), one report per namespace and a
 * ClusterPolicyReport for problems that belong to no object, as a YAML stream for {@code kubectl
 * apply -f -} or a CI artifact.
 */
final class PolicyReportOutput {

  /** Objects that name no namespace land in the one kubectl applies them to by default. */
  static final String DEFAULT_NAMESPACE = "default";

  private PolicyReportOutput() {}

  static List<Map<String, Object>> reports(
      List<Finding> findings, RuleCatalog catalog, Instant evaluated) {
    Map<String, List<PolicyReports.Entry>> byNamespace = new TreeMap<>();
    List<PolicyReports.Entry> cluster = new ArrayList<>();
    for (Finding f : findings) {
      if (f.object() == null) {
        cluster.add(new PolicyReports.Entry(f, null));
        continue;
      }
      String ns = f.namespace() == null ? DEFAULT_NAMESPACE : f.namespace();
      byNamespace
          .computeIfAbsent(ns, k -> new ArrayList<>())
          .add(new PolicyReports.Entry(f, ReportedObject.of(f.object())));
    }
    List<Map<String, Object>> out = new ArrayList<>();
    byNamespace.forEach(
        (ns, entries) ->
            out.addAll(
                PolicyReports.namespaced(
                    ns,
                    PolicyReports.results(entries, catalog, evaluated),
                    PolicyReports.Limits.DEFAULT,
                    evaluated)));
    out.addAll(
        PolicyReports.cluster(
            PolicyReports.results(cluster, catalog, evaluated),
            PolicyReports.Limits.DEFAULT,
            evaluated));
    return out;
  }

  static String yaml(List<Finding> findings, RuleCatalog catalog, Instant evaluated) {
    return InstallManifests.yaml(reports(findings, catalog, evaluated));
  }
}
