package dev.winfleet.core.observability;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What an app needs so that {@code kubectl logs} shows its logs: a LogMonitorConfig.json (none when
 * stdout already carries everything), the Dockerfile lines that install LogMonitor, and the entry
 * point with LogMonitor in front.
 *
 * @param profile where the app's logs go
 * @param config the LogMonitorConfig.json text, empty when LogMonitor adds nothing
 * @param installLines Dockerfile lines that put LogMonitor.exe and its config in the image (empty
 *     when no config)
 * @param entrypoint the entry point in exec form: wrapped by LogMonitor when a config is needed,
 *     else as given
 * @param reasons one line per decision, for people
 */
public record LogMonitorSetup(
    AppLogProfile profile,
    Optional<String> config,
    List<String> installLines,
    List<String> entrypoint,
    List<String> reasons) {

  public LogMonitorSetup {
    Objects.requireNonNull(profile, "profile");
    Objects.requireNonNull(config, "config");
    installLines = List.copyOf(installLines);
    entrypoint = List.copyOf(entrypoint);
    reasons = List.copyOf(reasons);
  }

  /** True when LogMonitor goes into the image. */
  public boolean needed() {
    return config.isPresent();
  }

  /** The ENTRYPOINT instruction in exec (JSON array) form. */
  public String entrypointInstruction() {
    return "ENTRYPOINT " + LogMonitorPlanner.jsonArray(entrypoint);
  }
}
