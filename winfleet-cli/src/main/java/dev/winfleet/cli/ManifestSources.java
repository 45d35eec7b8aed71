package dev.winfleet.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Finds the manifest files the user named: files as given, directories searched recursively for
 * {@code *.yaml}, {@code *.yml} and {@code *.json} (hidden directories skipped), and {@code -} for
 * standard input.
 */
final class ManifestSources {

  /**
   * Where text comes from; {@code name} is what findings show. {@code found}: the file was found in
   * a directory the user named, rather than named itself (or standard input), so it may be any YAML
   * or JSON file of a repository, not a manifest.
   */
  record Source(String name, Path path, boolean found) {
    Source(String name, Path path) {
      this(name, path, false);
    }

    boolean isStdin() {
      return path == null;
    }
  }

  static final String STDIN = "-";

  /** The largest input read; manifests are far smaller, so anything bigger is a mistake. */
  static final long MAX_BYTES = 256L * 1024 * 1024;

  private ManifestSources() {}

  /**
   * The sources in the order given, directory contents sorted by path, Helm chart sources left out.
   *
   * @throws UserException for a path that does not exist or cannot be listed, or a directory with
   *     no manifests
   */
  static List<Source> collect(List<String> args) {
    return collect(args, List.of(), note -> {});
  }

  /**
   * As {@link #collect(List)}, leaving out the files of directories that match one of {@code
   * excludes} (globs against the path below the directory given, such as {@code **}{@code /test/**}
   * or {@code *.json}), and telling {@code notes} what was skipped and why.
   */
  static List<Source> collect(List<String> args, List<String> excludes, Consumer<String> notes) {
    List<PathMatcher> matchers = new ArrayList<>();
    for (String glob : excludes) {
      try {
        matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + glob));
      } catch (IllegalArgumentException e) {
        throw new UserException("--exclude " + glob + ": not a glob (" + e.getMessage() + ")");
      }
    }
    List<Source> out = new ArrayList<>();
    boolean stdin = false;
    for (String arg : args) {
      if (arg.equals(STDIN)) {
        if (!stdin) {
          out.add(new Source(STDIN, null));
          stdin = true;
        }
        continue;
      }
      Path p = Path.of(arg);
      if (Files.isDirectory(p)) {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(p)) {
          files =
              walk.filter(
                      f ->
                          Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)
                              || Files.isRegularFile(f))
                  .filter(f -> isManifest(f) && !inHiddenDirectory(p, f))
                  .sorted()
                  .toList();
        } catch (IOException | java.io.UncheckedIOException e) {
          throw new UserException("cannot list the directory " + arg + ": " + reason(e));
        }
        Set<Path> charts = new TreeSet<>();
        java.util.Map<Path, Path> patches = kustomizePatches(files);
        Set<Path> kustomizations = new TreeSet<>();
        int patchCount = 0;
        int excluded = 0;
        int before = out.size();
        for (Path f : files) {
          Path rel = p.relativize(f);
          if (matchers.stream().anyMatch(m -> m.matches(rel))) {
            excluded++;
            continue;
          }
          Path chart = chartRoot(p, f);
          if (chart != null) {
            charts.add(chart);
            continue;
          }
          Path kustomization = patches.get(f.toAbsolutePath().normalize());
          if (kustomization != null) {
            kustomizations.add(kustomization);
            patchCount++;
            continue;
          }
          out.add(new Source(f.toString(), f, true));
        }
        if (patchCount > 0) {
          notes.accept(
              "skipped "
                  + patchCount
                  + (patchCount == 1 ? " kustomize patch" : " kustomize patches")
                  + " (partial objects that kustomize merges into others) named in "
                  + kustomizations.stream()
                      .limit(3)
                      .map(k -> p.resolve(p.toAbsolutePath().normalize().relativize(k)).toString())
                      .collect(java.util.stream.Collectors.joining(", "))
                  + (kustomizations.size() > 3
                      ? " and " + (kustomizations.size() - 3) + " more kustomizations"
                      : "")
                  + ": check what they build with 'kustomize build DIR | winfleet check -'");
        }
        for (Path chart : charts) {
          notes.accept(
              "skipped the Helm chart sources in "
                  + chart
                  + " (Chart.yaml, values*.yaml, templates/): check what they render with"
                  + " 'helm template "
                  + chart
                  + " | winfleet check -'");
        }
        if (excluded > 0) {
          notes.accept("--exclude left out " + excluded + " file(s) in " + arg);
        }
        if (out.size() == before) {
          throw new UserException(
              "no manifests to check in "
                  + arg
                  + " (no .yaml, .yml or .json files"
                  + (charts.isEmpty() && excluded == 0 && patchCount == 0
                      ? ""
                      : " other than those skipped")
                  + ")");
        }
      } else if (Files.isRegularFile(p)) {
        out.add(new Source(arg, p));
      } else if (Files.exists(p)) {
        throw new UserException(arg + " is neither a file nor a directory");
      } else {
        throw new UserException("cannot read " + arg + ": no such file or directory");
      }
    }
    return out;
  }

  private static final Set<String> KUSTOMIZATION_FILES =
      Set.of("kustomization.yaml", "kustomization.yml");

  /**
   * The files the kustomizations among {@code files} name as patches (strategic merge or JSON 6902,
   * in {@code patches}, {@code patchesStrategicMerge} and {@code patchesJson6902}), each mapped to
   * its kustomization: partial objects, such as a DaemonSet's container without an image, that
   * kustomize merges into the resources it builds; read alone they are broken manifests. Paths are
   * absolute and normalised; a kustomization that does not read is ignored.
   */
  static java.util.Map<Path, Path> kustomizePatches(List<Path> files) {
    java.util.Map<Path, Path> out = new java.util.HashMap<>();
    for (Path f : files) {
      if (!KUSTOMIZATION_FILES.contains(f.getFileName().toString())) {
        continue;
      }
      com.fasterxml.jackson.databind.JsonNode k;
      try {
        k = KUSTOMIZATION_READER.readTree(f.toFile());
      } catch (IOException | RuntimeException e) {
        continue; // check reports it like any other file
      }
      if (k == null || !k.isObject()) {
        continue;
      }
      Path dir = f.toAbsolutePath().normalize().getParent();
      List<String> named = new ArrayList<>();
      for (com.fasterxml.jackson.databind.JsonNode entry : k.path("patchesStrategicMerge")) {
        if (entry.isTextual() && !entry.asText().contains("\n")) {
          named.add(entry.asText()); // not an inline patch
        }
      }
      for (String field : List.of("patches", "patchesJson6902")) {
        for (com.fasterxml.jackson.databind.JsonNode entry : k.path(field)) {
          if (entry.path("path").isTextual()) {
            named.add(entry.path("path").asText());
          }
        }
      }
      for (String path : named) {
        try {
          out.putIfAbsent(dir.resolve(path.trim()).normalize(), f.toAbsolutePath().normalize());
        } catch (java.nio.file.InvalidPathException e) {
          // not a path: kustomize reports it
        }
      }
    }
    return out;
  }

  private static final com.fasterxml.jackson.databind.ObjectMapper KUSTOMIZATION_READER =
      dev.winfleet.core.manifest.YamlFormat.mapper();

  /**
   * The root of the Helm chart {@code f} is a source of, or null: {@code Chart.yaml} and {@code
   * values*.yaml} beside it, anything under its {@code templates/} (and {@code charts/}, its
   * subcharts). Found by looking for a {@code Chart.yaml} in the file's directory and those above
   * it, up to the directory given.
   */
  static Path chartRoot(Path root, Path f) {
    for (Path dir = f.getParent(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("Chart.yaml"))) {
        Path rel = dir.relativize(f);
        String first = rel.getName(0).toString();
        String name = f.getFileName().toString();
        boolean source =
            rel.getNameCount() == 1
                ? name.equals("Chart.yaml")
                    || name.equals("Chart.lock")
                    || (name.startsWith("values")
                        && (name.endsWith(".yaml") || name.endsWith(".yml")))
                    || name.equals("values.schema.json")
                : first.equals("templates") || first.equals("charts");
        return source ? dir : null;
      }
      if (dir.equals(root)) {
        break;
      }
    }
    return null;
  }

  private static boolean isManifest(Path f) {
    String name = f.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
  }

  private static boolean inHiddenDirectory(Path root, Path f) {
    Path rel = root.relativize(f);
    for (int i = 0; i < rel.getNameCount() - 1; i++) {
      if (rel.getName(i).toString().startsWith(".")) {
        return true;
      }
    }
    return false;
  }

  /**
   * The text of a source as UTF-8.
   *
   * @throws UserException when it cannot be read or is not UTF-8 text
   */
  static String read(Source source, InputStream stdin) {
    byte[] bytes;
    try {
      if (source.isStdin()) {
        bytes = stdin.readNBytes((int) MAX_BYTES + 1);
      } else {
        if (Files.size(source.path()) > MAX_BYTES) {
          throw new UserException(tooBig(source));
        }
        bytes = Files.readAllBytes(source.path());
      }
      if (bytes.length > MAX_BYTES) {
        throw new UserException(tooBig(source));
      }
    } catch (IOException e) {
      throw new UserException("cannot read " + source.name() + ": " + reason(e));
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new UserException(
          source.name() + " is not UTF-8 text; Kubernetes manifests must be UTF-8");
    }
  }

  /**
   * Refuses a file the YAML reader could not read whole or read ambiguously: a syntax error (the
   * rest of the file is lost) or a duplicate key (which value counts depends on the reader), as
   * {@code winfleet check} reports them ({@code yaml-syntax}, {@code yaml-duplicate-key}).
   *
   * @param flag names the input in the message, e.g. {@code --workloads}; may be empty
   * @throws UserException with the file, the line and the parser's words
   */
  static void refuseUnreadable(dev.winfleet.core.manifest.ManifestFile file, String flag) {
    for (dev.winfleet.core.manifest.ReadProblem p : file.problems()) {
      boolean syntax = p.kind() == dev.winfleet.core.manifest.ReadProblem.Kind.SYNTAX;
      if (syntax || p.kind() == dev.winfleet.core.manifest.ReadProblem.Kind.DUPLICATE_KEY) {
        throw new UserException(
            (flag.isEmpty() ? "" : flag + " ")
                + file.source()
                + ": line "
                + p.position().line()
                + ": "
                + p.message()
                + " ('winfleet check "
                + file.source()
                + "' shows every problem)");
      }
    }
  }

  private static String tooBig(Source source) {
    return source.name() + " is larger than 256 MiB; winfleet reads manifests up to that size";
  }

  static String reason(Exception e) {
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof java.nio.file.NoSuchFileException) {
      return "no such file or directory";
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
