package dev.winfleet.registry.api;

/** Told about each reference as soon as it is read or fails (for progress reports). */
@FunctionalInterface
public interface InspectionListener {

  /**
   * Called from the inspector's threads; must be quick and thread-safe.
   *
   * @param done how many references of this call are finished, this one included
   * @param total how many references the call has
   */
  void finished(InspectionResult result, int done, int total);
}
