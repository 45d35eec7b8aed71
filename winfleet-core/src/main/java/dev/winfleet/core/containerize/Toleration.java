package dev.winfleet.core.containerize;

import dev.winfleet.core.fleet.Taint;
import java.util.Objects;

/** A pod toleration with operator Equal. */
public record Toleration(String key, String value, String effect) {

  public Toleration {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(effect, "effect");
  }

  /** The toleration that matches this taint exactly. */
  public static Toleration of(Taint taint) {
    return new Toleration(taint.key(), taint.value(), taint.effect().wireName());
  }
}
