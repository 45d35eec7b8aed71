package dev.winfleet.core.containerize;

import java.util.List;

/**
 * What {@link ProjectDetector} found: the deployable apps, and the projects it passed over with the
 * reason (libraries, tests, desktop apps).
 */
public record Detection(List<DetectedApp> apps, List<String> skipped, List<String> notes) {

  public Detection {
    apps = List.copyOf(apps);
    skipped = List.copyOf(skipped);
    notes = List.copyOf(notes);
  }
}
