package dev.winfleet.core.cluster;

import java.util.Objects;

/**
 * A value read from the cluster, with where it was found, for messages such as {@code 10.244.0.0/16
 * (ConfigMap kube-flannel/kube-flannel-cfg, net-conf.json)}.
 */
public record Setting(String value, String source) {

  public Setting {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(source, "source");
  }

  @Override
  public String toString() {
    return value + " (" + source + ")";
  }
}
