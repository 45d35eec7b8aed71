package dev.winfleet.core.containerize;

import java.util.List;

/**
 * The files to write and the decisions behind them.
 *
 * @param json the same decisions for tools: apps, images, log destinations and what the user must
 *     still do ({@code winfleet containerize --json})
 */
public record ContainerizeResult(
    List<GeneratedFile> files,
    List<AppPlan> apps,
    Detection detection,
    TargetPlatform target,
    String json) {

  public ContainerizeResult {
    files = List.copyOf(files);
    apps = List.copyOf(apps);
  }
}
