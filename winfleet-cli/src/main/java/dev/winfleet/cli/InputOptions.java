package dev.winfleet.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * How a command that reads manifest paths picks its inputs ({@code --exclude}, {@code
 * --stdin-name}): a picocli mixin, so that each such command gains them with one line.
 */
final class InputOptions {

  @Option(
      names = "--exclude",
      paramLabel = "GLOB",
      description =
          "Leave out files of a directory whose path below it matches this glob, such as"
              + " '**/test/**' or 'kustomization.yaml' (repeatable).")
  List<String> excludes = new ArrayList<>();

  @Option(
      names = "--stdin-name",
      paramLabel = "PATH",
      description =
          "The file name to report for standard input ('-'), so that findings and SARIF point at"
              + " the real file (such as the chart's path for 'helm template' output).")
  String stdinName;

  /** The sources, telling {@code err} what was skipped. */
  List<ManifestSources.Source> collect(List<String> paths, PrintWriter err) {
    List<ManifestSources.Source> sources =
        ManifestSources.collect(
            paths,
            excludes,
            note -> {
              err.println("winfleet: " + note);
              err.flush();
            });
    if (stdinName == null || stdinName.isBlank()) {
      return sources;
    }
    List<ManifestSources.Source> named = new ArrayList<>();
    for (ManifestSources.Source s : sources) {
      named.add(s.isStdin() ? new ManifestSources.Source(stdinName.trim(), null) : s);
    }
    return named;
  }
}
