package dev.winfleet.registry.internal;

import dev.winfleet.registry.api.Descriptor;
import dev.winfleet.registry.api.Platform;
import java.util.List;
import java.util.Map;

/** A manifest as read from the registry: an index (manifest list) or an image manifest. */
sealed interface ParsedManifest permits ParsedManifest.Index, ParsedManifest.Image {

  String mediaType();

  /** One entry of an index: the child manifest's descriptor and the platform it declares. */
  record Entry(Descriptor descriptor, Platform platform, Map<String, String> annotations) {
    public Entry {
      annotations = Map.copyOf(annotations);
    }

    /** BuildKit's attestation manifests and other entries that are not runnable images. */
    boolean isAttestation() {
      return "attestation-manifest".equals(annotations.get("vnd.docker.reference.type"))
          || (platform != null && platform.os().equals("unknown"));
    }
  }

  record Index(String mediaType, List<Entry> entries) implements ParsedManifest {
    public Index {
      entries = List.copyOf(entries);
    }
  }

  record Image(String mediaType, Descriptor config, List<Descriptor> layers)
      implements ParsedManifest {
    public Image {
      layers = List.copyOf(layers);
    }
  }
}
