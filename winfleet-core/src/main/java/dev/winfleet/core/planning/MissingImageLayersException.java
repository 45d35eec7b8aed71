package dev.winfleet.core.planning;

import java.util.List;

/**
 * Images to pre-pull whose layers were not given: the plan cannot size them. Each front end says in
 * its own words how to give them (the command line: a registry lookup or a saved inspection).
 */
public final class MissingImageLayersException extends PlanningException {

  private static final long serialVersionUID = 1L;

  private final List<String> images;

  public MissingImageLayersException(List<String> images) {
    super(
        "no layer information for "
            + String.join(", ", images)
            + "; read the images' layers from their registries or from a saved inspection of"
            + " them");
    this.images = List.copyOf(images);
  }

  /** The references whose layers are missing, as given. */
  public List<String> images() {
    return images;
  }
}
