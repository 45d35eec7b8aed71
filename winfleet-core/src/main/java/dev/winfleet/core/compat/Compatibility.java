package dev.winfleet.core.compat;

import java.util.Objects;

/** The answer for one host and one image: process isolation and Hyper-V isolation, separately. */
public record Compatibility(
    HostPlatform host, ImagePlatform image, Verdict process, Verdict hyperv) {

  public Compatibility {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(process, "process");
    Objects.requireNonNull(hyperv, "hyperv");
  }

  /** The best way to run the image: process, Hyper-V only, or none. */
  public Mode mode() {
    if (process.supported()) {
      return Mode.PROCESS;
    }
    return hyperv.supported() ? Mode.HYPERV_ONLY : Mode.NONE;
  }

  /** How an image can run on a host, for matrices and dashboards. */
  public enum Mode {
    PROCESS,
    HYPERV_ONLY,
    NONE
  }
}
