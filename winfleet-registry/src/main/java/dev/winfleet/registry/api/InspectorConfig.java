package dev.winfleet.registry.api;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;

/**
 * How a {@link RegistryInspector} talks to registries. Build with {@link #builder()}; every limit
 * has a safe default.
 *
 * @param insecureRegistries hosts ({@code host[:port]}) reached over plain HTTP; only these may
 *     name a plain-HTTP token realm, and only on their own host
 * @param allowedRegistries host patterns ({@code *.azurecr.io}, {@code mcr.microsoft.com}); empty
 *     allows every registry not denied
 * @param deniedRegistries host patterns that are never contacted (wins over the allow list)
 * @param maxConcurrentReferences references inspected at the same time
 * @param maxRequestsPerRegistry HTTP requests in flight to one registry at the same time
 * @param tagCacheTtl how long a tag-to-digest answer is trusted without asking the registry again
 * @param sslContext the TLS trust to use; null for the JVM's default
 */
public record InspectorConfig(
    Set<String> insecureRegistries,
    List<String> allowedRegistries,
    List<String> deniedRegistries,
    int maxConcurrentReferences,
    int maxRequestsPerRegistry,
    Duration connectTimeout,
    Duration requestTimeout,
    long maxManifestBytes,
    long maxConfigBytes,
    int maxRedirects,
    int maxAttempts,
    Duration initialBackoff,
    Duration maxBackoff,
    Duration tagCacheTtl,
    int maxCachedManifests,
    CredentialSource credentials,
    SSLContext sslContext,
    Clock clock,
    String userAgent) {

  public static final long DEFAULT_MAX_MANIFEST_BYTES = 4L * 1024 * 1024;

  public InspectorConfig {
    insecureRegistries =
        insecureRegistries.stream()
            .map(h -> h.trim().toLowerCase(Locale.ROOT))
            .collect(Collectors.toUnmodifiableSet());
    allowedRegistries = List.copyOf(allowedRegistries);
    deniedRegistries = List.copyOf(deniedRegistries);
    positive(maxConcurrentReferences, "maxConcurrentReferences");
    positive(maxRequestsPerRegistry, "maxRequestsPerRegistry");
    positive(maxAttempts, "maxAttempts");
    positive(maxCachedManifests, "maxCachedManifests");
    if (maxRedirects < 0) {
      throw new IllegalArgumentException("maxRedirects must be 0 or more, not " + maxRedirects);
    }
    if (maxManifestBytes <= 0 || maxConfigBytes <= 0) {
      throw new IllegalArgumentException("size limits must be positive");
    }
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    Objects.requireNonNull(initialBackoff, "initialBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    Objects.requireNonNull(tagCacheTtl, "tagCacheTtl");
    Objects.requireNonNull(credentials, "credentials");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(userAgent, "userAgent");
  }

  private static void positive(int value, String name) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be at least 1, not " + value);
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  public static InspectorConfig defaults() {
    return builder().build();
  }

  public boolean isInsecure(String registry) {
    return insecureRegistries.contains(registry.toLowerCase(Locale.ROOT));
  }

  /** Builds an {@link InspectorConfig}; each setter documents its default. */
  public static final class Builder {
    private Set<String> insecureRegistries = Set.of();
    private List<String> allowedRegistries = List.of();
    private List<String> deniedRegistries = List.of();
    private int maxConcurrentReferences = 16;
    private int maxRequestsPerRegistry = 8;
    private Duration connectTimeout = Duration.ofSeconds(5);
    private Duration requestTimeout = Duration.ofSeconds(15);
    private long maxManifestBytes = DEFAULT_MAX_MANIFEST_BYTES;
    private long maxConfigBytes = DEFAULT_MAX_MANIFEST_BYTES;
    private int maxRedirects = 5;
    private int maxAttempts = 4;
    private Duration initialBackoff = Duration.ofMillis(200);
    private Duration maxBackoff = Duration.ofSeconds(10);
    private Duration tagCacheTtl = Duration.ofMinutes(5);
    private int maxCachedManifests = 10_000;
    private CredentialSource credentials = CredentialSource.anonymous();
    private SSLContext sslContext;
    private Clock clock = Clock.systemUTC();
    private String userAgent = "winfleet";

    private Builder() {}

    /** Default none. */
    public Builder insecureRegistries(Set<String> hosts) {
      this.insecureRegistries = Set.copyOf(hosts);
      return this;
    }

    /** Default empty (all allowed). */
    public Builder allowedRegistries(List<String> patterns) {
      this.allowedRegistries = List.copyOf(patterns);
      return this;
    }

    /** Default empty. */
    public Builder deniedRegistries(List<String> patterns) {
      this.deniedRegistries = List.copyOf(patterns);
      return this;
    }

    /** Default 16. */
    public Builder maxConcurrentReferences(int n) {
      this.maxConcurrentReferences = n;
      return this;
    }

    /** Default 8. */
    public Builder maxRequestsPerRegistry(int n) {
      this.maxRequestsPerRegistry = n;
      return this;
    }

    /** Default 5 s. */
    public Builder connectTimeout(Duration d) {
      this.connectTimeout = d;
      return this;
    }

    /** Default 15 s per HTTP request (shortened by the caller's deadline). */
    public Builder requestTimeout(Duration d) {
      this.requestTimeout = d;
      return this;
    }

    /** Default 4 MiB. */
    public Builder maxManifestBytes(long n) {
      this.maxManifestBytes = n;
      return this;
    }

    /** Default 4 MiB. */
    public Builder maxConfigBytes(long n) {
      this.maxConfigBytes = n;
      return this;
    }

    /** Default 5. */
    public Builder maxRedirects(int n) {
      this.maxRedirects = n;
      return this;
    }

    /** Default 4 (one try and three retries on 429, 5xx and connection failures). */
    public Builder maxAttempts(int n) {
      this.maxAttempts = n;
      return this;
    }

    /** Default 200 ms, doubled for each retry up to {@link #maxBackoff}. */
    public Builder initialBackoff(Duration d) {
      this.initialBackoff = d;
      return this;
    }

    /** Default 10 s; also caps a registry's Retry-After. */
    public Builder maxBackoff(Duration d) {
      this.maxBackoff = d;
      return this;
    }

    /** Default 5 minutes. */
    public Builder tagCacheTtl(Duration d) {
      this.tagCacheTtl = d;
      return this;
    }

    /** Default 10,000 manifests and configs kept by digest. */
    public Builder maxCachedManifests(int n) {
      this.maxCachedManifests = n;
      return this;
    }

    /** Default anonymous; {@link InspectOptions#credentials()} overrides it per call. */
    public Builder credentials(CredentialSource source) {
      this.credentials = source;
      return this;
    }

    /** Default the JVM's trust store. */
    public Builder sslContext(SSLContext context) {
      this.sslContext = context;
      return this;
    }

    /** Default the system clock (token expiry, tag TTL, deadlines). */
    public Builder clock(Clock c) {
      this.clock = c;
      return this;
    }

    /** Default "winfleet". */
    public Builder userAgent(String ua) {
      this.userAgent = ua;
      return this;
    }

    public InspectorConfig build() {
      return new InspectorConfig(
          insecureRegistries,
          allowedRegistries,
          deniedRegistries,
          maxConcurrentReferences,
          maxRequestsPerRegistry,
          connectTimeout,
          requestTimeout,
          maxManifestBytes,
          maxConfigBytes,
          maxRedirects,
          maxAttempts,
          initialBackoff,
          maxBackoff,
          tagCacheTtl,
          maxCachedManifests,
          credentials,
          sslContext,
          clock,
          userAgent);
    }
  }
}
