package dev.winfleet.core.cluster;

/**
 * One check of a whole cluster. Its texts and severity live in {@code rules.yaml} (category {@code
 * cluster}) under the same id; the code decides and names the values of the placeholders.
 */
public interface ClusterRule {

  String id();

  void check(ClusterContext cluster, ClusterReporter reporter);

  /** A rule from an id and a check. */
  static ClusterRule of(
      String id, java.util.function.BiConsumer<ClusterContext, ClusterReporter> check) {
    return new ClusterRule() {
      @Override
      public String id() {
        return id;
      }

      @Override
      public void check(ClusterContext cluster, ClusterReporter reporter) {
        check.accept(cluster, reporter);
      }
    };
  }
}
