package dev.winfleet.core.containerize;

import java.util.List;
import java.util.Optional;

/**
 * The decisions for one app: its name, images and where its files go.
 *
 * @param app what was detected
 * @param name the Kubernetes name
 * @param directory the app's folder in the output ("" when the folder has one app)
 * @param buildImage the SDK image of the build stage; empty for published output and static sites
 * @param runtimeImage the image the app runs on
 * @param appImage the image reference the Deployment runs
 * @param nanoserver whether the runtime image is Nano Server (smaller resources)
 * @param reasons why, one line each
 * @param port the HTTP port of a web app (container and Service); 0 for apps without HTTP
 * @param placement the nodes its pods go to: the builds that run the runtime image's build
 */
public record AppPlan(
    DetectedApp app,
    String name,
    String directory,
    Optional<ImageChoice> buildImage,
    ImageChoice runtimeImage,
    String appImage,
    boolean nanoserver,
    List<String> reasons,
    int port,
    AppPlacement placement) {

  public AppPlan {
    reasons = List.copyOf(reasons);
    java.util.Objects.requireNonNull(placement, "placement");
  }
}
