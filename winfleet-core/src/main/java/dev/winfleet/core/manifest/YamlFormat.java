package dev.winfleet.core.manifest;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactoryBuilder;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.function.UnaryOperator;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * winfleet's one Jackson YAML configuration; every module builds its YAML mappers here.
 *
 * <p>Reading keeps {@link ManifestReader.Limits#defaults()}' nesting depth and document size
 * (Jackson does not expand aliases, so the alias limit has nothing to bound here). Writing produces
 * the YAML people apply with kubectl: a string is quoted only when a YAML reader would take it for
 * something else ({@code true}, {@code null}, {@code 123}, {@code 10.0}), and long strings are
 * never split across lines. An output that needs more (a literal block style, no document start
 * marker) adjusts the builder.
 */
public final class YamlFormat {

  private YamlFormat() {}

  /** A new factory builder with winfleet's limits and writing style. */
  public static YAMLFactoryBuilder factoryBuilder() {
    ManifestReader.Limits limits = ManifestReader.Limits.defaults();
    LoaderOptions loading = new LoaderOptions();
    loading.setCodePointLimit(limits.maxDocumentChars());
    return YAMLFactory.builder()
        .loaderOptions(loading)
        .streamReadConstraints(
            StreamReadConstraints.builder().maxNestingDepth(limits.maxDepth()).build())
        .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
        .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
        .disable(YAMLGenerator.Feature.SPLIT_LINES);
  }

  /** A new mapper with winfleet's YAML configuration. */
  public static YAMLMapper mapper() {
    return new YAMLMapper(factoryBuilder().build());
  }

  /** A new mapper with winfleet's YAML configuration, adjusted for one output. */
  public static YAMLMapper mapper(UnaryOperator<YAMLFactoryBuilder> adjust) {
    return new YAMLMapper(adjust.apply(factoryBuilder()).build());
  }
}
