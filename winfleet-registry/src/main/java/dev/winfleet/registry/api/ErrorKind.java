package dev.winfleet.registry.api;

/** Why a registry call failed, for front ends that turn failures into advice. */
public enum ErrorKind {
  /** The repository, tag or digest does not exist. */
  NOT_FOUND,
  /** The registry wants credentials, or rejected the ones given. */
  UNAUTHORIZED,
  /** The credentials were accepted but do not allow pulling this repository. */
  DENIED,
  /** The registry kept answering 429 Too Many Requests. */
  RATE_LIMITED,
  /** No answer within the timeout or the caller's deadline. */
  TIMEOUT,
  /** The registry could not be reached (DNS, connection refused, TLS). */
  UNREACHABLE,
  /** winfleet's policy forbids the call (deny list, unsafe address or realm, redirects). */
  BLOCKED,
  /** A manifest or config was larger than the limit. */
  TOO_LARGE,
  /** The registry answered something that is not a valid image (bad JSON, digest mismatch). */
  INVALID_RESPONSE,
  /** The registry failed (5xx after retries). */
  REGISTRY_ERROR,
  /** The image has no platform matching the requested selector. */
  NO_MATCHING_PLATFORM
}
