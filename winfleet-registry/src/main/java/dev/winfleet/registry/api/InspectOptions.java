package dev.winfleet.registry.api;

import java.time.Instant;

/**
 * Per-call options of {@link RegistryInspector#inspect}: whose credentials, until when, which
 * platforms. The webhook passes the pod's imagePullSecrets and its request's deadline here.
 *
 * @param credentials null for the inspector's configured credentials
 * @param deadline null for none; references not read by then fail with {@link ErrorKind#TIMEOUT}
 * @param platform null for every platform
 * @param listener null for none; told about each result as soon as it is known
 */
public record InspectOptions(
    CredentialSource credentials,
    Instant deadline,
    PlatformSelector platform,
    InspectionListener listener) {

  public static InspectOptions defaults() {
    return new InspectOptions(null, null, null, null);
  }

  public InspectOptions withCredentials(CredentialSource source) {
    return new InspectOptions(source, deadline, platform, listener);
  }

  public InspectOptions withDeadline(Instant when) {
    return new InspectOptions(credentials, when, platform, listener);
  }

  public InspectOptions withPlatform(PlatformSelector selector) {
    return new InspectOptions(credentials, deadline, selector, listener);
  }

  public InspectOptions withListener(InspectionListener l) {
    return new InspectOptions(credentials, deadline, platform, l);
  }
}
