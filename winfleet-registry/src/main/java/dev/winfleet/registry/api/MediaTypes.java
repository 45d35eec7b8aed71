package dev.winfleet.registry.api;

import java.util.Set;

/** The manifest and layer media types of the OCI image spec and Docker's schema 2. */
public final class MediaTypes {

  public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
  public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  public static final String DOCKER_MANIFEST_LIST =
      "application/vnd.docker.distribution.manifest.list.v2+json";
  public static final String DOCKER_MANIFEST =
      "application/vnd.docker.distribution.manifest.v2+json";

  /** Docker's foreign layer: a Windows base layer that registries do not store ({@code urls}). */
  public static final String DOCKER_FOREIGN_LAYER =
      "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip";

  /** OCI's non-distributable layers (deprecated), the OCI twin of Docker's foreign layers. */
  public static final Set<String> OCI_NONDISTRIBUTABLE_LAYERS =
      Set.of(
          "application/vnd.oci.image.layer.nondistributable.v1.tar",
          "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip",
          "application/vnd.oci.image.layer.nondistributable.v1.tar+zstd");

  /** What winfleet asks for, in order of preference: lists first, then single manifests. */
  public static final String ACCEPT =
      String.join(",", OCI_INDEX, DOCKER_MANIFEST_LIST, OCI_MANIFEST, DOCKER_MANIFEST);

  private MediaTypes() {}

  public static boolean isIndex(String mediaType) {
    return OCI_INDEX.equals(mediaType) || DOCKER_MANIFEST_LIST.equals(mediaType);
  }

  public static boolean isImageManifest(String mediaType) {
    return OCI_MANIFEST.equals(mediaType) || DOCKER_MANIFEST.equals(mediaType);
  }

  /** Foreign (Docker) or non-distributable (OCI) layers: counted and sized, never fetched. */
  public static boolean isForeignLayer(String mediaType) {
    return DOCKER_FOREIGN_LAYER.equals(mediaType)
        || OCI_NONDISTRIBUTABLE_LAYERS.contains(mediaType);
  }
}
