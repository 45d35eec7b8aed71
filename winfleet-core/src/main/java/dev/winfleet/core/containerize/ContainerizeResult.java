package dev.winfleet.core.containerize;

import java.util.List;

/** The files to write and the decisions behind them. */
public record ContainerizeResult(
    List<GeneratedFile> files, List<AppPlan> apps, Detection detection, TargetPlatform target) {

  public ContainerizeResult {
    files = List.copyOf(files);
    apps = List.copyOf(apps);
  }
}
