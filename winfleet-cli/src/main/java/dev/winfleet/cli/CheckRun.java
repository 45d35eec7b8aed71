package dev.winfleet.cli;

import dev.winfleet.core.fleet.Fleet;
import dev.winfleet.core.fleet.FleetObjects;
import dev.winfleet.core.fleet.RuntimeClassSpec;
import dev.winfleet.core.manifest.ManifestFile;
import dev.winfleet.core.manifest.ManifestObject;
import dev.winfleet.core.manifest.ManifestReader;
import dev.winfleet.core.manifest.ReadProblem;
import dev.winfleet.core.rules.CheckEnvironment;
import dev.winfleet.core.rules.Finding;
import dev.winfleet.core.rules.RulesEngine;
import dev.winfleet.core.rules.Severity;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.IntStream;

/**
 * One run of {@code winfleet check}: reads every source (in parallel), resolves RuntimeClasses
 * found in the input, checks every object with the rules engine, and keeps only the findings.
 */
final class CheckRun {

  /**
   * What a run found.
   *
   * @param files the files checked
   * @param notKubernetes files found in a directory that are no manifests (CI and linter
   *     configurations, values files, ARM templates, patch lists, unparsable templates): left out,
   *     not checked
   */
  record Result(List<Finding> findings, int files, int objects, List<LeftOut> notKubernetes) {
    Result(List<Finding> findings, int files, int objects) {
      this(findings, files, objects, List.of());
    }

    /** The files left out for {@code why}. */
    List<String> leftOut(LeftOut.Why why) {
      return notKubernetes.stream().filter(l -> l.why() == why).map(LeftOut::file).toList();
    }

    long count(Severity s) {
      return findings.stream().filter(f -> f.severity() == s).count();
    }
  }

  /** A file found in a directory and left out of the check, and why. */
  record LeftOut(String file, Why why) {
    enum Why {
      /** No document is a Kubernetes object or tried to be one. */
      NO_KUBERNETES_OBJECT,
      /**
       * A Go template ({@code {{ }}}) that does not read as YAML: what it renders is the manifest.
       */
      TEMPLATE;

      /** The name in JSON. */
      String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
      }
    }
  }

  private final CompletableFuture<RulesEngine> engineLoading;
  private final ManifestReader reader;

  /**
   * @param engineLoading the rules engine, possibly still loading its catalogs while the files are
   *     read
   */
  CheckRun(CompletableFuture<RulesEngine> engineLoading, ManifestReader reader) {
    this.engineLoading = engineLoading;
    this.reader = reader;
  }

  /**
   * Checks the sources.
   *
   * @param environmentFor builds the environment once the input's RuntimeClasses are known
   */
  /** Builds the environment once the input's RuntimeClasses (and, on demand, images) are known. */
  @FunctionalInterface
  interface EnvironmentFor {
    CheckEnvironment create(
        Fleet fleet, RulesEngine engine, java.util.function.Supplier<java.util.Set<String>> images);
  }

  Result run(
      List<ManifestSources.Source> sources,
      InputStream stdin,
      Fleet fleet,
      EnvironmentFor environmentFor) {
    // Read everything first: unreadable paths are usage errors, reported before any checking.
    String[] texts = new String[sources.size()];
    IntStream.range(0, sources.size())
        .parallel()
        .forEach(i -> texts[i] = ManifestSources.read(sources.get(i), stdin));

    // RuntimeClasses in the input resolve runtimeClassName of the pods in the input.
    List<RuntimeClassSpec> inputClasses = new ArrayList<>();
    for (int i = 0; i < texts.length; i++) {
      if (texts[i].contains("RuntimeClass")) {
        for (ManifestObject o : reader.read(sources.get(i).name(), texts[i]).objects()) {
          if (o.kind().equals("RuntimeClass")) {
            inputClasses.add(FleetObjects.runtimeClass(o.tree()));
          }
        }
      }
    }
    RulesEngine engine;
    try {
      engine = engineLoading.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
    // The images the input uses, for front ends that read them from registries in one batch
    // before the rules run (so that no rule waits on I/O); parsed only when asked for.
    java.util.function.Supplier<java.util.Set<String>> images =
        () -> {
          java.util.Set<String> all = new java.util.TreeSet<>();
          for (int i = 0; i < texts.length; i++) {
            for (ManifestObject o : reader.read(sources.get(i).name(), texts[i]).objects()) {
              dev.winfleet.core.manifest.PodTemplate.of(o).ifPresent(t -> all.addAll(t.images()));
            }
          }
          return all;
        };
    CheckEnvironment env =
        environmentFor.create(fleet.withRuntimeClasses(inputClasses), engine, images);

    @SuppressWarnings("unchecked")
    List<Finding>[] findings = new List[sources.size()];
    LeftOut.Why[] leftOut = new LeftOut.Why[sources.size()];
    int[] objects = new int[sources.size()];
    IntStream.range(0, sources.size())
        .parallel()
        .forEach(
            i -> {
              String text = texts[i];
              ManifestFile file = reader.read(sources.get(i).name(), text);
              texts[i] = null;
              objects[i] = file.objects().size();
              // A directory of a repository holds more YAML and JSON than manifests; a file found
              // there with no Kubernetes object in it is not a manifest with errors. Named
              // explicitly, it is checked: the user said it is one.
              leftOut[i] = sources.get(i).found() ? whyNotAManifest(file, text) : null;
              findings[i] = leftOut[i] != null ? null : engine.check(file, env);
            });
    List<Finding> all = new ArrayList<>();
    List<LeftOut> notKubernetes = new ArrayList<>();
    int objectCount = 0;
    for (int i = 0; i < findings.length; i++) {
      if (leftOut[i] != null) {
        notKubernetes.add(new LeftOut(sources.get(i).name(), leftOut[i]));
        continue;
      }
      all.addAll(findings[i]);
      objectCount += objects[i];
    }
    return new Result(all, sources.size() - notKubernetes.size(), objectCount, notKubernetes);
  }

  /**
   * Why a file found in a directory is no manifest, or null when it is one: none of its documents
   * is a Kubernetes object or tried to be one ({@link ManifestFile#holdsNoKubernetesObject()}); it
   * could not be read and never even mentions apiVersion or kind (a JSON configuration with
   * comments, a CI file that its own tool reads more leniently); or it could not be read and holds
   * Go template actions ({@code {{.Namespace}}}), so what it renders is the manifest. Any other
   * file that breaks stays a syntax error.
   */
  static LeftOut.Why whyNotAManifest(ManifestFile file, String text) {
    if (file.holdsNoKubernetesObject()) {
      return LeftOut.Why.NO_KUBERNETES_OBJECT;
    }
    boolean unreadable =
        file.problems().stream().anyMatch(p -> p.kind() == ReadProblem.Kind.SYNTAX);
    if (unreadable && text.contains("{{")) {
      return LeftOut.Why.TEMPLATE;
    }
    if (file.objects().isEmpty() && !text.contains("apiVersion") && !text.contains("kind")) {
      return LeftOut.Why.NO_KUBERNETES_OBJECT;
    }
    return null;
  }

  static boolean failed(Collection<Finding> findings, Severity threshold) {
    return threshold != null && findings.stream().anyMatch(f -> f.severity().atLeast(threshold));
  }
}
