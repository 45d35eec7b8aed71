package dev.winfleet.core.rules;

import dev.winfleet.core.catalog.CatalogFiles;
import dev.winfleet.core.catalog.KubernetesVersion;
import dev.winfleet.core.catalog.KubernetesWindowsCatalog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The rules winfleet has, as described by {@code rules.yaml}, in the file's order. */
public final class RuleCatalog {

  static final String RESOURCE = "/dev/winfleet/core/rules/rules.yaml";

  private final Map<String, RuleMetadata> rules;
  private final Templates templates;

  public RuleCatalog(List<RuleMetadata> rules) {
    Map<String, RuleMetadata> byId = new LinkedHashMap<>();
    List<String> texts = new ArrayList<>();
    for (RuleMetadata r : rules) {
      if (byId.put(r.id(), r) != null) {
        throw new IllegalArgumentException("rule listed twice: " + r.id());
      }
      texts.add(r.message());
      texts.add(r.fix());
    }
    this.rules = java.util.Collections.unmodifiableMap(byId);
    this.templates = new Templates(texts);
  }

  public static RuleCatalog builtIn() {
    return BuiltIn.CATALOG;
  }

  private static final class BuiltIn {
    static final RuleCatalog CATALOG = load(KubernetesWindowsCatalog.builtIn());
  }

  static RuleCatalog load(KubernetesWindowsCatalog kubernetes) {
    RulesFile file = CatalogFiles.read(RESOURCE, RulesFile.class);
    List<RuleMetadata> out = new ArrayList<>();
    for (RuleEntry e : file.rules) {
      try {
        out.add(e.toMetadata(kubernetes));
      } catch (RuntimeException ex) {
        throw new IllegalStateException(
            RESOURCE + ": rule '" + e.id + "' is invalid: " + ex.getMessage(), ex);
      }
    }
    return new RuleCatalog(out);
  }

  static final class RulesFile {
    public List<RuleEntry> rules;
  }

  static final class RuleEntry {
    public String id;
    public String severity;
    public String category;
    public boolean needsFleet;
    public String summary;
    public String rationale;
    public String message;
    public String fix;
    public List<String> docs;
    public RangeEntry kubernetes;
    public Map<String, List<String>> params;

    RuleMetadata toMetadata(KubernetesWindowsCatalog kubernetesCatalog) {
      Severity sev =
          Severity.parse(severity)
              .orElseThrow(
                  () -> new IllegalArgumentException("severity must be error, warning or info"));
      KubernetesRange range = KubernetesRange.ALL;
      if (kubernetes != null) {
        KubernetesVersion from =
            kubernetes.from == null ? null : KubernetesVersion.parse(kubernetes.from);
        KubernetesVersion until =
            kubernetes.until == null ? null : KubernetesVersion.parse(kubernetes.until);
        if (kubernetes.liftedBy != null) {
          KubernetesWindowsCatalog.Feature f =
              kubernetesCatalog
                  .feature(kubernetes.liftedBy)
                  .orElseThrow(
                      () ->
                          new IllegalArgumentException(
                              "liftedBy names unknown feature " + kubernetes.liftedBy));
          if (f.since() == null) {
            throw new IllegalArgumentException("feature " + f.id() + " has no sinceKubernetes");
          }
          until = f.since();
        }
        range = new KubernetesRange(from, until, kubernetes.liftedBy);
      }
      return new RuleMetadata(
          id,
          sev,
          category,
          needsFleet,
          trim(summary),
          trim(rationale),
          trim(message),
          trim(fix),
          docs,
          range,
          params);
    }

    private static String trim(String s) {
      return s == null ? null : s.strip();
    }
  }

  static final class RangeEntry {
    public String from;
    public String until;
    public String liftedBy;
  }

  public List<RuleMetadata> rules() {
    return List.copyOf(rules.values());
  }

  public Optional<RuleMetadata> rule(String id) {
    return Optional.ofNullable(rules.get(id));
  }

  /** A rule's message with its placeholders filled; a missing value is a bug in the rule. */
  public String message(RuleMetadata rule, Map<String, String> values) {
    return templates.render(rule.id(), rule.message(), values);
  }

  /** A rule's fix with its placeholders filled. */
  public String fix(RuleMetadata rule, Map<String, String> values) {
    return templates.render(rule.id(), rule.fix(), values);
  }

  public boolean contains(String id) {
    return rules.containsKey(id);
  }
}
