package dev.winfleet.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How the webhook server listens and behaves.
 *
 * @param host the address to bind ({@code 0.0.0.0} in a pod, {@code 127.0.0.1} in tests)
 * @param port 8443 by default; 0 picks a free port (tests)
 * @param certFile PEM certificate chain, serving certificate first; re-read when it changes
 * @param keyFile PEM private key (PKCS#8, PKCS#1 RSA or SEC1 EC); re-read when it changes
 * @param maxBodyBytes larger request bodies get HTTP 413
 * @param policyTimeout how long the server waits for the policy before it answers without it
 * @param validateFailureMode what {@code /validate} answers when the policy fails or times out
 * @param certReloadInterval how often the certificate files are checked for changes
 * @param eventLoops event-loop threads (and HTTP server instances sharing the port)
 * @param policyThreads threads the policy decides on; deciding is CPU work only (a registry lookup
 *     hands its wait to the lookup's own pool), so the default is one per core
 * @param connections how many connections the server keeps, and for how long idle ones
 * @param dashboard where the dashboard ({@code /ui/}, {@code /api/}) listens, apart from the
 *     webhook
 */
public record WebhookServerConfig(
    String host,
    int port,
    Path certFile,
    Path keyFile,
    int maxBodyBytes,
    Duration policyTimeout,
    ValidateFailureMode validateFailureMode,
    Duration certReloadInterval,
    int eventLoops,
    int policyThreads,
    ConnectionLimits connections,
    Dashboard dashboard) {

  /**
   * The dashboard's own listener: never on the webhook's port, so that whoever may reach the
   * dashboard cannot reach the admission endpoints through it, and the other way round.
   *
   * @param host the address to bind; loopback by default (reach it with kubectl port-forward)
   * @param port 9443 by default; 0 picks a free port (tests)
   * @param bearerToken when not null, every request must carry {@code Authorization: Bearer
   *     <token>}
   */
  public record Dashboard(String host, int port, String bearerToken) {
    public static final int DEFAULT_PORT = 9443;

    public Dashboard {
      Objects.requireNonNull(host, "host");
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("dashboard port must be 0..65535: " + port);
      }
      if (bearerToken != null && bearerToken.isBlank()) {
        throw new IllegalArgumentException("the dashboard token is empty");
      }
    }

    /** Loopback, port 9443, no token. */
    public static Dashboard defaults() {
      return new Dashboard("127.0.0.1", DEFAULT_PORT, null);
    }
  }

  /**
   * Limits that keep one client's idle connections from taking the webhook (and its health checks)
   * down.
   *
   * @param total connections open at once; a new one past it is closed at once
   * @param perClient connections open at once from one client address
   * @param tlsHandshakeTimeout a client that has not finished the TLS handshake by then is cut
   * @param firstRequestTimeout a connection that has not sent a request by then is closed
   * @param idleTimeout a connection idle that long between requests is closed
   */
  public record ConnectionLimits(
      int total,
      int perClient,
      Duration tlsHandshakeTimeout,
      Duration firstRequestTimeout,
      Duration idleTimeout) {
    public ConnectionLimits {
      if (total < 1 || perClient < 1) {
        throw new IllegalArgumentException("connection limits must be positive");
      }
      for (Duration d : List.of(tlsHandshakeTimeout, firstRequestTimeout, idleTimeout)) {
        if (d.toMillis() < 1) {
          throw new IllegalArgumentException("connection timeouts must be positive: " + d);
        }
      }
    }

    /**
     * 4096 connections, 256 per client address (an API server keeps a few dozen to a webhook), 5 s
     * to finish the TLS handshake, 10 s to send the first request, 60 s idle between requests.
     */
    public static ConnectionLimits defaults() {
      return new ConnectionLimits(
          4096, 256, Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(60));
    }
  }

  public static final int DEFAULT_PORT = 8443;

  /**
   * An object in etcd is at most 1.5 MiB by default, and a review of an UPDATE carries the object
   * twice (object and oldObject), plus the envelope.
   */
  public static final int DEFAULT_MAX_BODY_BYTES = 4 * 1024 * 1024;

  /**
   * Below the webhook's {@code timeoutSeconds: 5}, so the server answers before the API server
   * gives up.
   */
  public static final Duration DEFAULT_POLICY_TIMEOUT = Duration.ofSeconds(4);

  public static final Duration DEFAULT_CERT_RELOAD_INTERVAL = Duration.ofSeconds(10);

  public WebhookServerConfig {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(certFile, "certFile");
    Objects.requireNonNull(keyFile, "keyFile");
    Objects.requireNonNull(policyTimeout, "policyTimeout");
    Objects.requireNonNull(validateFailureMode, "validateFailureMode");
    Objects.requireNonNull(certReloadInterval, "certReloadInterval");
    Objects.requireNonNull(connections, "connections");
    Objects.requireNonNull(dashboard, "dashboard");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0..65535: " + port);
    }
    if (maxBodyBytes < 1024) {
      throw new IllegalArgumentException("maxBodyBytes must be at least 1024: " + maxBodyBytes);
    }
    if (policyTimeout.isNegative() || policyTimeout.isZero()) {
      throw new IllegalArgumentException("policyTimeout must be positive: " + policyTimeout);
    }
    if (certReloadInterval.toMillis() < 1) {
      throw new IllegalArgumentException("certReloadInterval must be positive");
    }
    if (eventLoops < 1 || policyThreads < 1) {
      throw new IllegalArgumentException("eventLoops and policyThreads must be positive");
    }
  }

  /** The defaults: all addresses, port 8443, 4 MiB bodies, 4 s policy deadline, deny on error. */
  public static WebhookServerConfig of(Path certFile, Path keyFile) {
    int cores = Runtime.getRuntime().availableProcessors();
    return new WebhookServerConfig(
        "0.0.0.0",
        DEFAULT_PORT,
        certFile,
        keyFile,
        DEFAULT_MAX_BODY_BYTES,
        DEFAULT_POLICY_TIMEOUT,
        ValidateFailureMode.DENY,
        DEFAULT_CERT_RELOAD_INTERVAL,
        Math.max(1, cores),
        Math.max(2, cores),
        ConnectionLimits.defaults(),
        Dashboard.defaults());
  }

  public WebhookServerConfig withAddress(String host, int port) {
    return new WebhookServerConfig(
        host,
        port,
        certFile,
        keyFile,
        maxBodyBytes,
        policyTimeout,
        validateFailureMode,
        certReloadInterval,
        eventLoops,
        policyThreads,
        connections,
        dashboard);
  }

  public WebhookServerConfig withPolicyTimeout(Duration timeout) {
    return new WebhookServerConfig(
        host,
        port,
        certFile,
        keyFile,
        maxBodyBytes,
        timeout,
        validateFailureMode,
        certReloadInterval,
        eventLoops,
        policyThreads,
        connections,
        dashboard);
  }

  public WebhookServerConfig withValidateFailureMode(ValidateFailureMode mode) {
    return new WebhookServerConfig(
        host,
        port,
        certFile,
        keyFile,
        maxBodyBytes,
        policyTimeout,
        mode,
        certReloadInterval,
        eventLoops,
        policyThreads,
        connections,
        dashboard);
  }

  public WebhookServerConfig withCertReloadInterval(Duration interval) {
    return new WebhookServerConfig(
        host,
        port,
        certFile,
        keyFile,
        maxBodyBytes,
        policyTimeout,
        validateFailureMode,
        interval,
        eventLoops,
        policyThreads,
        connections,
        dashboard);
  }

  public WebhookServerConfig withMaxBodyBytes(int max) {
    return new WebhookServerConfig(
        host,
        port,
        certFile,
        keyFile,
        max,
        policyTimeout,
        validateFailureMode,
        certReloadInterval,
        eventLoops,
        policyThreads,
        connections,
        dashboard);
  }

  public WebhookServerConfig withConnectionLimits(ConnectionLimits limits) {
    return new WebhookServerConfig(
        host,
        port,
        certFile,
        keyFile,
        maxBodyBytes,
        policyTimeout,
        validateFailureMode,
        certReloadInterval,
        eventLoops,
        policyThreads,
        limits,
        dashboard);
  }

  public WebhookServerConfig withDashboard(Dashboard d) {
    return new WebhookServerConfig(
        host,
        port,
        certFile,
        keyFile,
        maxBodyBytes,
        policyTimeout,
        validateFailureMode,
        certReloadInterval,
        eventLoops,
        policyThreads,
        connections,
        d);
  }

  public WebhookServerConfig withThreads(int eventLoops, int policyThreads) {
    return new WebhookServerConfig(
        host,
        port,
        certFile,
        keyFile,
        maxBodyBytes,
        policyTimeout,
        validateFailureMode,
        certReloadInterval,
        eventLoops,
        policyThreads,
        connections,
        dashboard);
  }
}
