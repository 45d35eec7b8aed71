package dev.winfleet.core.rules;

/**
 * One check of a pod. Its texts and severity live in {@code rules.yaml} under the same id; the code
 * only decides and names the values for the texts' placeholders.
 */
public interface Rule {

  String id();

  void check(PodContext pod, Reporter reporter);

  /** A rule from an id and a check. */
  static Rule of(String id, java.util.function.BiConsumer<PodContext, Reporter> check) {
    return new Rule() {
      @Override
      public String id() {
        return id;
      }

      @Override
      public void check(PodContext pod, Reporter reporter) {
        check.accept(pod, reporter);
      }
    };
  }
}
