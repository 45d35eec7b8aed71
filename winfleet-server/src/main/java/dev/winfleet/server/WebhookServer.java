package dev.winfleet.server;

import dev.winfleet.core.spi.FleetInventory;
import dev.winfleet.core.spi.InventoryStatus;
import dev.winfleet.server.api.AdmissionPolicy;
import dev.winfleet.server.tls.InvalidTlsMaterialException;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.FileSystemOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The admission webhook over HTTPS on Vert.x: {@code POST /mutate}, {@code POST /validate}, {@code
 * GET /healthz}, {@code GET /readyz}, {@code GET /metrics}.
 *
 * <p>Request bodies are collected on the event loop (up to a limit), parsed there, and the policy
 * runs on a worker pool under a deadline. The serving certificate is re-read from disk when its
 * files change, without dropping the listener.
 */
public final class WebhookServer implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(WebhookServer.class.getName());
  private static final String JSON = "application/json";

  /** How much of an oversized body is discarded (in limits) before the connection is cut. */
  private static final int LINGER_FACTOR = 4;

  /** How long a connection answered 413 stays open for its client to read the answer. */
  private static final long LINGER_MILLIS = 2_000;

  private static final String PROMETHEUS_TEXT = WebhookMetrics.CONTENT_TYPE;

  private final WebhookServerConfig config;
  private final FleetInventory inventory;
  private final Clock clock;
  private final WebhookMetrics metrics;
  private final RecentVerdicts recentVerdicts;
  private final AdmissionHandler handler;
  private final Vertx vertx;
  private final java.util.concurrent.ForkJoinPool policyPool;
  private final List<HttpServer> servers =
      java.util.Collections.synchronizedList(new ArrayList<>());
  private volatile ServingCertificate certificate;
  private final ReloadableKeyManager keyManager;
  private volatile int port;

  /** Set once {@link #stop} has begun: readiness fails and every answer closes its connection. */
  private volatile boolean stopping;

  /** Admission requests being decided now: received, not yet answered. */
  private final java.util.concurrent.atomic.AtomicInteger deciding =
      new java.util.concurrent.atomic.AtomicInteger();

  private WebhookServer(
      WebhookServerConfig config,
      AdmissionPolicy policy,
      FleetInventory inventory,
      Clock clock,
      ServingCertificate certificate) {
    this.config = config;
    this.inventory = inventory;
    this.clock = clock;
    this.metrics = new WebhookMetrics();
    this.recentVerdicts = new RecentVerdicts(200);
    this.handler =
        new AdmissionHandler(policy, metrics, recentVerdicts, config.validateFailureMode(), clock);
    this.certificate = certificate;
    this.keyManager = new ReloadableKeyManager(certificate);
    this.vertx =
        Vertx.vertx(
            new VertxOptions()
                // epoll on Linux when netty-transport-native-epoll loads; NIO otherwise.
                .setPreferNativeTransport(true)
                .setEventLoopPoolSize(config.eventLoops())
                .setWorkerPoolSize(2)
                // The image runs with a read-only root filesystem: no file cache under /tmp.
                .setFileSystemOptions(
                    new FileSystemOptions()
                        .setFileCachingEnabled(false)
                        .setClassPathResolvingEnabled(false)));
    if (!vertx.isNativeTransportEnabled()) {
      Throwable why = vertx.unavailableNativeTransportCause();
      LOG.log(
          Level.INFO,
          "serving with Java NIO: the native (epoll) transport is not available here"
              + (why == null ? "" : " (" + why.getMessage() + ")"));
    }
    this.policyPool = policyPool(config.policyThreads());
  }

  /**
   * The threads the policy decides on. Deciding is CPU work only (no policy thread waits on a
   * registry: docs/decisions/0017-registry-lookup-bulkhead-caffeine.md), so a work-stealing pool
   * with one thread per core: beside Vert.x's worker executor (a fixed pool on a blocking queue,
   * whose idle workers woke one another on every hand-off) it answered 12-20% more policy requests
   * per second at a lower p99 on 2 cores (docs/decisions/0021-webhook-performance.md, sixth round).
   */
  private static java.util.concurrent.ForkJoinPool policyPool(int threads) {
    // Numbered here: a worker's pool index is not assigned until it runs (every thread was -0).
    java.util.concurrent.atomic.AtomicInteger made =
        new java.util.concurrent.atomic.AtomicInteger();
    return new java.util.concurrent.ForkJoinPool(
        threads,
        pool -> {
          java.util.concurrent.ForkJoinWorkerThread t =
              java.util.concurrent.ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
          t.setName("winfleet-policy-" + made.getAndIncrement());
          t.setDaemon(true);
          return t;
        },
        null,
        true); // first in, first out: requests are independent tasks, not forks of one another
  }

  /**
   * Reads the certificate, binds the port and starts serving. Returns once the server accepts
   * connections.
   *
   * @throws ServerStartException with a message a person can act on (unreadable certificate, port
   *     in use)
   */
  public static WebhookServer start(
      WebhookServerConfig config, AdmissionPolicy policy, FleetInventory inventory, Clock clock) {
    return start(config, policy, inventory, clock, HttpRoutes.NONE);
  }

  /**
   * As {@link #start(WebhookServerConfig, AdmissionPolicy, FleetInventory, Clock)}, also serving
   * {@code routes} (the dashboard) on a listener of their own ({@link
   * WebhookServerConfig#dashboard()}), never on the webhook's port.
   */
  public static WebhookServer start(
      WebhookServerConfig config,
      AdmissionPolicy policy,
      FleetInventory inventory,
      Clock clock,
      HttpRoutes routes) {
    return start(config, policy, inventory, clock, routes, true);
  }

  /** The warm-up's throwaway server: as {@link #start}, without the "listening" line. */
  static WebhookServer startForWarmUp(
      WebhookServerConfig config, AdmissionPolicy policy, FleetInventory inventory, Clock clock) {
    return start(config, policy, inventory, clock, HttpRoutes.NONE, false);
  }

  private static WebhookServer start(
      WebhookServerConfig config,
      AdmissionPolicy policy,
      FleetInventory inventory,
      Clock clock,
      HttpRoutes routes,
      boolean announce) {
    Objects.requireNonNull(routes, "routes");
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(inventory, "inventory");
    Objects.requireNonNull(clock, "clock");
    ServingCertificate cert;
    try {
      cert = ServingCertificate.read(config.certFile(), config.keyFile());
    } catch (InvalidTlsMaterialException e) {
      throw new ServerStartException(e.getMessage(), e);
    }
    WebhookServer server = new WebhookServer(config, policy, inventory, clock, cert);
    server.extraRoutes = routes;
    server.announce = announce;
    try {
      server.listen();
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
    return server;
  }

  /**
   * Reads the configured certificate and key as {@link #start} will, so that a caller with slow
   * work to do before starting (the warm-up) can report unusable TLS files first.
   *
   * @throws ServerStartException with the message {@link #start} would give
   */
  public static void checkCertificate(WebhookServerConfig config) {
    try {
      ServingCertificate.read(config.certFile(), config.keyFile());
    } catch (InvalidTlsMaterialException e) {
      throw new ServerStartException(e.getMessage(), e);
    }
  }

  private void listen() {
    // One verticle instance per event loop, each with its own HttpServer on the same port: Vert.x
    // shares the socket between them and hands connections round-robin to the event loops. For a
    // random port, Vert.x shares one among listeners asked for the same negative port (port 0
    // would give each its own).
    router = webhookRouter();
    String what = "listen on " + config.host() + ":" + config.port();
    int bindPort = config.port() == 0 ? -1 : config.port();
    await(
        vertx.deployVerticle(
            () -> new ListenerVerticle(bindPort),
            new DeploymentOptions().setInstances(config.eventLoops())),
        what);
    int first = servers.get(0).actualPort();
    for (HttpServer server : servers) {
      if (server.actualPort() != first) {
        throw new ServerStartException(
            "cannot " + what + ": the listeners did not share one port", null);
      }
    }
    port = first;
    vertx.setPeriodic(config.certReloadInterval().toMillis(), id -> checkCertificate());
    LOG.log(
        announce ? Level.INFO : Level.DEBUG,
        "winfleet webhook listening on https://"
            + config.host()
            + ":"
            + port
            + " (TLS: "
            + (SslEngine.OPTIONS instanceof io.vertx.core.net.OpenSSLEngineOptions
                ? "OpenSSL"
                : "JDK")
            + ", transport: "
            + (vertx.isNativeTransportEnabled() ? "epoll" : "NIO")
            + ")");
    if (extraRoutes != HttpRoutes.NONE) {
      try {
        listenDashboard();
      } catch (ServerStartException e) {
        // The webhook is what the cluster depends on: it keeps serving without its dashboard.
        LOG.log(
            Level.WARNING,
            "serving the webhook without its dashboard: "
                + e.getMessage()
                + " (choose another port with --dashboard-port)");
      }
    }
  }

  private volatile int dashboardPort = -1;

  /**
   * The dashboard's own HTTPS listener (same certificate), serving only the extra routes: the
   * admission endpoints are not there, and the dashboard is not on the webhook's port.
   */
  private void listenDashboard() {
    WebhookServerConfig.Dashboard d = config.dashboard();
    HttpServerOptions options = serverOptions(d.port()).setHost(d.host());
    HttpServer server = vertx.createHttpServer(options);
    server.requestHandler(this::dashboardRoute);
    server.invalidRequestHandler(
        req -> reply(req, 400, JSON, handler.errorBody("malformed HTTP request"), true));
    HttpServer bound =
        await(server.listen(), "listen on " + d.host() + ":" + d.port() + " (dashboard)");
    servers.add(bound);
    dashboardPort = bound.actualPort();
    LOG.log(
        Level.INFO,
        "winfleet dashboard listening on https://"
            + d.host()
            + ":"
            + dashboardPort
            + "/ui/"
            + (d.bearerToken() == null ? "" : " (bearer token required)"));
  }

  private void dashboardRoute(HttpServerRequest req) {
    try {
      String token = config.dashboard().bearerToken();
      if (token != null && !bearerMatches(req.getHeader(HttpHeaders.AUTHORIZATION), token)) {
        req.response().putHeader("WWW-Authenticate", "Bearer realm=\"winfleet\"");
        reply(req, 401, JSON, handler.errorBody("this dashboard needs a bearer token"), true);
        return;
      }
      if (extraRoutes.serves(req.path())) {
        extra(req);
      } else {
        reply(req, 404, JSON, handler.errorBody("no such endpoint: " + clip(req.path())), true);
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "unexpected failure serving " + clip(req.path()), e);
      reply(req, 400, JSON, handler.errorBody("cannot handle this request"), true);
    }
  }

  /** Compares in constant time, so the answer's timing says nothing of the token. */
  static boolean bearerMatches(String header, String token) {
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return false;
    }
    return java.security.MessageDigest.isEqual(
        header.substring(7).trim().getBytes(StandardCharsets.UTF_8),
        token.getBytes(StandardCharsets.UTF_8));
  }

  /** One HTTP listener on one event loop. */
  private final class ListenerVerticle extends AbstractVerticle {
    private final int bindPort;

    ListenerVerticle(int bindPort) {
      this.bindPort = bindPort;
    }

    @Override
    public void start(Promise<Void> started) {
      HttpServer server = vertx.createHttpServer(serverOptions(bindPort));
      server.connectionHandler(WebhookServer.this::admitConnection);
      server.requestHandler(
          req -> {
            servedConnections.add(req.connection());
            HalfClose halfClose = HalfClose.of(req);
            if (halfClose != null) {
              halfClose.started();
            }
            router.handle(req);
          });
      server.invalidRequestHandler(
          req -> reply(req, 400, JSON, handler.errorBody("malformed HTTP request"), true));
      server
          .listen()
          .onSuccess(
              bound -> {
                servers.add(bound);
                started.complete();
              })
          .onFailure(started::fail);
    }
  }

  private HttpServerOptions serverOptions(int bindPort) {
    HttpServerOptions options =
        new HttpServerOptions()
            .setHost(config.host())
            .setPort(bindPort)
            .setSsl(true)
            .setKeyCertOptions(new ReloadableKeyCertOptions(keyManager))
            .setSslEngineOptions(SslEngine.OPTIONS)
            .setEnabledSecureTransportProtocols(Set.of("TLSv1.2", "TLSv1.3"))
            // BodyHandler answers Expect: 100-continue itself, after checking the declared size.
            .setHandle100ContinueAutomatically(false)
            .setIdleTimeout((int) config.connections().idleTimeout().toMillis())
            .setIdleTimeoutUnit(TimeUnit.MILLISECONDS)
            .setSslHandshakeTimeout(config.connections().tlsHandshakeTimeout().toMillis())
            .setSslHandshakeTimeoutUnit(TimeUnit.MILLISECONDS)
            // No WebSockets here: without these Netty adds a WebSocket extension handler that
            // looks at every request (seen in the no-op profile).
            .setPerMessageWebSocketCompressionSupported(false)
            .setPerFrameWebSocketCompressionSupported(false)
            .setMaxHeaderSize(16 * 1024)
            .setMaxFormAttributeSize(0)
            .setDecompressionSupported(false);
    return options;
  }

  /**
   * OpenSSL (BoringSSL from netty-tcnative) when it loads on this platform, else the JDK's engine;
   * chosen once per process, with a log line when it falls back.
   */
  static final class SslEngine {
    static final io.vertx.core.net.SSLEngineOptions OPTIONS = choose();

    private static io.vertx.core.net.SSLEngineOptions choose() {
      if (io.vertx.core.net.OpenSSLEngineOptions.isAvailable()) {
        return new io.vertx.core.net.OpenSSLEngineOptions();
      }
      Throwable why = io.netty.handler.ssl.OpenSsl.unavailabilityCause();
      LOG.log(
          Level.INFO,
          "serving TLS with the JDK's engine: OpenSSL (netty-tcnative) is not available here"
              + (why == null ? "" : " (" + why.getMessage() + ")"));
      return new io.vertx.core.net.JdkSSLEngineOptions();
    }
  }

  // ---- Connection limits: one client's idle sockets must not take the webhook down. ----

  private final java.util.concurrent.atomic.AtomicInteger openConnections =
      new java.util.concurrent.atomic.AtomicInteger();
  private final java.util.concurrent.ConcurrentHashMap<String, Integer> connectionsByClient =
      new java.util.concurrent.ConcurrentHashMap<>();
  private final Set<io.vertx.core.http.HttpConnection> servedConnections =
      java.util.concurrent.ConcurrentHashMap.newKeySet();

  /**
   * Counts the connection in (after the TLS handshake) and closes it at once when the server or
   * this client address is at its limit; closes it later if it sends no request in time.
   */
  private void admitConnection(io.vertx.core.http.HttpConnection connection) {
    WebhookServerConfig.ConnectionLimits limits = config.connections();
    String client =
        connection.remoteAddress() == null ? "?" : connection.remoteAddress().hostAddress();
    int total = openConnections.incrementAndGet();
    int mine = connectionsByClient.merge(client, 1, Integer::sum);
    connection.closeHandler(
        v -> {
          openConnections.decrementAndGet();
          connectionsByClient.computeIfPresent(client, (k, n) -> n <= 1 ? null : n - 1);
          servedConnections.remove(connection);
        });
    allowHalfClose(connection);
    if (total > limits.total() || mine > limits.perClient()) {
      metrics.recordConnectionRefused(total > limits.total() ? "total" : "per_client");
      connection.close();
      return;
    }
    vertx.setTimer(
        limits.firstRequestTimeout().toMillis(),
        id -> {
          if (!servedConnections.contains(connection)) {
            metrics.recordConnectionRefused("no_request");
            connection.close();
          }
        });
  }

  /**
   * A client may send its whole request and then shut its side down (half-close); it still waits
   * for the answer. Netty closes a channel at end of input unless half-closure is allowed, and
   * Vert.x 4 has no option for it, so it is set on the connection's channel, with a handler that
   * closes the connection once nothing is left to answer.
   */
  private static void allowHalfClose(io.vertx.core.http.HttpConnection connection) {
    if (connection instanceof io.vertx.core.net.impl.ConnectionBase base) {
      base.channel().config().setOption(io.netty.channel.ChannelOption.ALLOW_HALF_CLOSURE, true);
      base.channel().pipeline().addFirst("winfleet-half-close", new HalfClose());
    }
  }

  /**
   * Counts the requests of one connection still to answer and closes it when its client has shut
   * its side and all are answered. Touched only on the connection's event loop.
   */
  private static final class HalfClose extends io.netty.channel.ChannelInboundHandlerAdapter {
    private int inFlight;
    private boolean inputShut;
    private io.netty.channel.Channel channel;

    @Override
    public void handlerAdded(io.netty.channel.ChannelHandlerContext ctx) {
      channel = ctx.channel();
    }

    @Override
    public void userEventTriggered(io.netty.channel.ChannelHandlerContext ctx, Object event)
        throws Exception {
      if (event instanceof io.netty.channel.socket.ChannelInputShutdownEvent) {
        inputShut = true;
        // The request that came with the end of input may still be on its way up the pipeline:
        // look again shortly; answered() closes as soon as the last answer is written.
        ctx.executor()
            .schedule(
                () -> {
                  if (inFlight == 0) {
                    ctx.close();
                  }
                },
                1,
                TimeUnit.SECONDS);
        return; // not passed on: the rest of the pipeline would close the connection now
      }
      super.userEventTriggered(ctx, event);
    }

    void started() {
      inFlight++;
    }

    void answered() {
      inFlight = Math.max(0, inFlight - 1);
      if (inputShut && inFlight == 0) {
        channel.close();
      }
    }

    static HalfClose of(HttpServerRequest req) {
      return req.connection() instanceof io.vertx.core.net.impl.ConnectionBase base
          ? base.channel().pipeline().get(HalfClose.class)
          : null;
    }
  }

  /** Connections open now (for tests and metrics). */
  public int openConnections() {
    return openConnections.get();
  }

  private volatile Router router;

  /** Whether {@link #listen} says so at INFO (not for the warm-up's throwaway server). */
  private boolean announce = true;

  /**
   * The webhook port's routes. Admission takes POST only, with a body of at most {@link
   * WebhookServerConfig#maxBodyBytes()}: {@link BodyHandler} answers a larger declared
   * Content-Length before reading any of it, and cuts a chunked body at the limit. Every failure
   * ends as a JSON error below 500.
   */
  private Router webhookRouter() {
    Router r = Router.router(vertx);
    BodyHandler body =
        BodyHandler.create(false)
            .setBodyLimit(config.maxBodyBytes())
            .setPreallocateBodyBuffer(true)
            .setMergeFormAttributes(false);
    for (Endpoint endpoint : Endpoint.values()) {
      r.post(endpoint.path())
          .handler(body)
          .handler(ctx -> decide(ctx.request(), endpoint, bodyBytes(ctx)));
      r.route(endpoint.path()).handler(this::onlyPost);
    }
    r.route("/healthz")
        .handler(
            ctx -> {
              if (requireGet(ctx.request())) {
                reply(ctx.request(), 200, JSON, utf8("{\"status\":\"ok\"}"), false);
              }
            });
    r.route("/readyz")
        .handler(
            ctx -> {
              if (requireGet(ctx.request())) {
                readyz(ctx.request());
              }
            });
    r.route("/metrics")
        .handler(
            ctx -> {
              if (requireGet(ctx.request())) {
                byte[] text = utf8(metrics.render(inventoryStatus(), clock.instant()));
                reply(ctx.request(), 200, PROMETHEUS_TEXT, text, false);
              }
            });
    r.route().last().handler(this::notFound);
    r.route().failureHandler(this::failed);
    return r;
  }

  private static byte[] bodyBytes(RoutingContext ctx) {
    Buffer buffer = ctx.body().buffer();
    return buffer == null ? new byte[0] : buffer.getBytes();
  }

  private void onlyPost(RoutingContext ctx) {
    ctx.response().putHeader(HttpHeaders.ALLOW, "POST");
    reply(ctx.request(), 405, JSON, handler.errorBody("use POST with an AdmissionReview"), true);
  }

  private void notFound(RoutingContext ctx) {
    reply(
        ctx.request(),
        404,
        JSON,
        handler.errorBody("no such endpoint: " + clip(ctx.request().path())),
        true);
  }

  /** What a route failed with, as a JSON error: 413 for bodies over the limit, never a 500. */
  private void failed(RoutingContext ctx) {
    HttpServerRequest req = ctx.request();
    if (ctx.statusCode() == 413) {
      Endpoint endpoint = Endpoint.ofPath(req.path());
      if (endpoint != null) {
        metrics.recordRequest(endpoint, Verdict.INVALID);
      }
      tooLarge(req, config.maxBodyBytes());
      return;
    }
    int status = ctx.statusCode();
    if (status < 400 || status >= 500) {
      LOG.log(Level.WARNING, "unexpected failure serving " + clip(req.path()), ctx.failure());
      status = 400;
    }
    reply(req, status, JSON, handler.errorBody("cannot handle this request"), true);
  }

  // ---- Extra routes (the dashboard): GET only, answered from a worker thread. ----

  private volatile HttpRoutes extraRoutes = HttpRoutes.NONE;

  private void extra(HttpServerRequest req) {
    if (!requireGet(req)) {
      return;
    }
    java.util.Map<String, List<String>> query = new java.util.LinkedHashMap<>();
    for (String name : req.params().names()) {
      query.put(name, req.params().getAll(name));
    }
    HttpRoutes.Request request =
        new HttpRoutes.Request(
            req.path(), query, recentVerdicts, req.getHeader(HttpHeaders.AUTHORIZATION));
    HttpRoutes routes = extraRoutes;
    vertx
        .executeBlocking(() -> routes.handle(request), false)
        .onComplete(
            ar -> {
              if (ar.failed()) {
                LOG.log(Level.WARNING, "failed serving " + clip(req.path()), ar.cause());
                reply(req, 503, JSON, handler.errorBody("cannot answer this request now"), false);
                return;
              }
              HttpRoutes.Reply answer = ar.result();
              answer.headers().forEach((k, v) -> req.response().putHeader(k, v));
              reply(req, answer.status(), answer.contentType(), answer.body(), false);
            });
  }

  private void readyz(HttpServerRequest req) {
    if (stopping) {
      reply(
          req,
          503,
          JSON,
          utf8("{\"status\":\"not ready\",\"reason\":\"the server is stopping\"}"),
          false);
      return;
    }
    InventoryStatus status = inventoryStatus();
    if (status.synced()) {
      reply(req, 200, JSON, utf8("{\"status\":\"ready\"}"), false);
    } else {
      reply(
          req,
          503,
          JSON,
          utf8("{\"status\":\"not ready\",\"reason\":\"the fleet inventory is not synced yet\"}"),
          false);
    }
  }

  private InventoryStatus inventoryStatus() {
    try {
      InventoryStatus status = inventory.status();
      return status == null ? InventoryStatus.notSynced() : status;
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "the fleet inventory failed to report its status", e);
      return InventoryStatus.notSynced();
    }
  }

  private void tooLarge(HttpServerRequest req, int max) {
    // Closing at once would reset a client still sending, and most clients (the JDK's, curl)
    // then report the reset instead of the 413. So the rest of the body is discarded below TLS,
    // neither decrypted nor parsed, up to LINGER_FACTOR times the limit and LINGER_MILLIS, and
    // the connection closed after that.
    LingeringClose.install(req, (long) max * LINGER_FACTOR);
    req.response().putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
    reply(req, 413, JSON, handler.errorBody(tooLargeMessage(max)), false);
    vertx.setTimer(LINGER_MILLIS, id -> req.connection().close());
  }

  /**
   * Sits first in a connection's pipeline once it has been answered 413: releases every byte the
   * client still sends without handing it to TLS or HTTP, and closes the connection when the client
   * shuts its side or has sent more than the budget.
   */
  private static final class LingeringClose extends io.netty.channel.ChannelInboundHandlerAdapter {
    private long left;

    private LingeringClose(long budget) {
      this.left = budget;
    }

    static void install(HttpServerRequest req, long budget) {
      if (req.connection() instanceof io.vertx.core.net.impl.ConnectionBase base) {
        io.netty.channel.ChannelPipeline pipeline = base.channel().pipeline();
        if (pipeline.get(LingeringClose.class) == null) {
          pipeline.addFirst("winfleet-lingering-close", new LingeringClose(budget));
        }
      }
    }

    @Override
    public void channelRead(io.netty.channel.ChannelHandlerContext ctx, Object msg) {
      if (msg instanceof io.netty.buffer.ByteBuf bytes) {
        left -= bytes.readableBytes();
      }
      io.netty.util.ReferenceCountUtil.release(msg);
      if (left < 0) {
        ctx.channel().close();
      }
    }

    @Override
    public void userEventTriggered(io.netty.channel.ChannelHandlerContext ctx, Object event) {
      if (event instanceof io.netty.channel.socket.ChannelInputShutdownEvent) {
        ctx.channel().close();
      } else {
        ctx.fireUserEventTriggered(event);
      }
    }
  }

  private void decide(HttpServerRequest req, Endpoint endpoint, byte[] body) {
    long start = System.nanoTime();
    deciding.incrementAndGet(); // every decide ends in exactly one send
    AdmissionHandler.Step step =
        handler.prepare(endpoint, req.getHeader(HttpHeaders.CONTENT_TYPE), body);
    if (step instanceof AdmissionHandler.Done done) {
      send(req, endpoint, done.reply(), start);
      return;
    }
    AdmissionHandler.PolicyCall call = (AdmissionHandler.PolicyCall) step;
    awaitOutcome(req, endpoint, call, startDecision(call), start);
  }

  /**
   * Starts deciding {@code call} on the policy's threads. Never throws, and the stage never
   * completes exceptionally: a submission the pool refuses (only once {@link #close} has begun) is
   * a "policy error" outcome like any other failure, answered by the failure mode, never a 500.
   */
  java.util.concurrent.CompletionStage<AdmissionHandler.Outcome> startDecision(
      AdmissionHandler.PolicyCall call) {
    // The policy thread only starts the decision: a policy that waits on a registry hands the
    // wait to its lookup pool and completes later, so slow registries hold no policy thread.
    java.util.concurrent.CompletionStage<
            java.util.concurrent.CompletionStage<AdmissionHandler.Outcome>>
        started;
    try {
      started = CompletableFuture.supplyAsync(() -> handler.invokeAsync(call), policyPool);
    } catch (java.util.concurrent.RejectedExecutionException e) { // only once close() has begun
      started = CompletableFuture.failedFuture(e);
    }
    return started
        .thenCompose(s -> s)
        .exceptionally(
            e ->
                new AdmissionHandler.Failed(
                    "policy error: "
                        + (e instanceof java.util.concurrent.CompletionException
                                && e.getCause() != null
                            ? e.getCause()
                            : e)));
  }

  /** The handler that parses requests and writes answers (for tests of the policy's threads). */
  AdmissionHandler handler() {
    return handler;
  }

  /**
   * Answers when the decision completes or when the deadline (counted from {@code start}) passes,
   * whichever comes first, on this request's event loop.
   */
  private void awaitOutcome(
      HttpServerRequest req,
      Endpoint endpoint,
      AdmissionHandler.PolicyCall call,
      java.util.concurrent.CompletionStage<AdmissionHandler.Outcome> pending,
      long start) {
    boolean[] answered = {false}; // touched only on this request's event loop
    long timer =
        vertx.setTimer(
            Math.max(
                1, config.policyTimeout().toMillis() - (System.nanoTime() - start) / 1_000_000),
            id -> {
              if (!answered[0]) {
                answered[0] = true;
                send(
                    req,
                    endpoint,
                    handler.finish(call, AdmissionHandler.timedOut(config.policyTimeout())),
                    start);
              }
            });
    io.vertx.core.Context context = vertx.getOrCreateContext();
    pending.whenComplete(
        (result, error) ->
            context.runOnContext(
                v ->
                    conclude(
                        req,
                        endpoint,
                        call,
                        timer,
                        answered,
                        start,
                        result != null
                            ? result
                            : new AdmissionHandler.Failed("policy error: " + error))));
  }

  private void conclude(
      HttpServerRequest req,
      Endpoint endpoint,
      AdmissionHandler.PolicyCall call,
      long timer,
      boolean[] answered,
      long start,
      AdmissionHandler.Outcome result) {
    if (answered[0]) {
      return;
    }
    answered[0] = true;
    vertx.cancelTimer(timer);
    send(req, endpoint, handler.finish(call, result), start);
  }

  private void send(HttpServerRequest req, Endpoint endpoint, HttpReply reply, long start) {
    if (reply.verdict() != Verdict.INVALID) {
      metrics.recordLatency(endpoint, System.nanoTime() - start);
    }
    try {
      reply(req, reply.status(), JSON, reply.body(), reply.status() >= 400);
    } finally {
      deciding.decrementAndGet();
    }
  }

  /**
   * Answers; with {@code close}, or once the server is {@linkplain #stop stopping}, with {@code
   * Connection: close}, closing the connection after the answer is written, so that a client
   * keeping connections alive (the API server does) opens its next one to another replica.
   */
  private void reply(
      HttpServerRequest req, int status, String contentType, byte[] body, boolean closeAfter) {
    boolean close = closeAfter || stopping;
    HttpServerResponse response = req.response();
    if (response.ended() || response.closed()) {
      return;
    }
    response.setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, contentType);
    if (close) {
      response.putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
    }
    response
        .end(Buffer.buffer(body))
        .onComplete(
            ar -> {
              if (close) {
                req.connection().close();
              }
              HalfClose halfClose = HalfClose.of(req);
              if (halfClose != null) {
                halfClose.answered();
              }
            });
  }

  private boolean requireGet(HttpServerRequest req) {
    if (req.method() == HttpMethod.GET || req.method() == HttpMethod.HEAD) {
      return true;
    }
    req.response().putHeader(HttpHeaders.ALLOW, "GET");
    reply(req, 405, JSON, handler.errorBody("use GET"), true);
    return false;
  }

  /** Re-reads the certificate files and, when they changed and are valid, serves the new pair. */
  private void checkCertificate() {
    vertx
        .<ServingCertificate>executeBlocking(
            () -> {
              byte[] cert = ServingCertificate.readFile(config.certFile(), "--tls-cert");
              byte[] key = ServingCertificate.readFile(config.keyFile(), "--tls-key");
              java.time.Instant now = clock.instant();
              if (certificate.sameContent(cert, key) || lastRejected.sameAs(cert, key, now)) {
                return null;
              }
              ServingCertificate fresh;
              try {
                fresh =
                    ServingCertificate.of(
                        cert,
                        key,
                        "--tls-cert " + config.certFile(),
                        "--tls-key " + config.keyFile());
              } catch (InvalidTlsMaterialException e) {
                lastRejected = new Rejected(cert, key, java.time.Instant.MAX);
                throw e;
              }
              java.time.Instant notBefore = fresh.leaf().getNotBefore().toInstant();
              java.time.Instant notAfter = fresh.leaf().getNotAfter().toInstant();
              if (now.isAfter(notAfter) || now.isBefore(notBefore)) {
                boolean expired = now.isAfter(notAfter);
                // A certificate not yet valid is looked at again once it is.
                lastRejected = new Rejected(cert, key, expired ? java.time.Instant.MAX : notBefore);
                metrics.recordCertificateRefused(expired);
                throw new InvalidTlsMaterialException(
                    "--tls-cert "
                        + config.certFile()
                        + (expired
                            ? " expired at " + notAfter
                            : " is not valid before " + notBefore)
                        + " (now "
                        + now
                        + "); renew it (cert-manager, or winfleet install) and the server picks"
                        + " it up without a restart");
              }
              return fresh;
            },
            false)
        .onComplete(
            ar -> {
              if (ar.failed()) {
                metrics.recordCertificateReload(false);
                LOG.log(
                    Level.WARNING,
                    "keeping the current serving certificate: " + ar.cause().getMessage());
                return;
              }
              ServingCertificate fresh = ar.result();
              if (fresh != null) {
                apply(fresh);
              }
            });
  }

  private void apply(ServingCertificate fresh) {
    keyManager.update(fresh);
    certificate = fresh;
    metrics.recordCertificateReload(true);
    LOG.log(
        Level.INFO,
        "serving the new certificate "
            + fresh.leaf().getSubjectX500Principal().getName()
            + ", valid until "
            + fresh.leaf().getNotAfter().toInstant());
  }

  private volatile Rejected lastRejected =
      new Rejected(new byte[0], new byte[0], java.time.Instant.MAX);

  /**
   * The last file contents that failed to load, so they are not retried every tick (until {@code
   * retryAt}: a certificate not yet valid is tried again once it is).
   */
  private record Rejected(byte[] cert, byte[] key, java.time.Instant retryAt) {
    boolean sameAs(byte[] c, byte[] k, java.time.Instant now) {
      return now.isBefore(retryAt)
          && java.util.Arrays.equals(cert, c)
          && java.util.Arrays.equals(key, k);
    }
  }

  /** The dashboard's port, or -1 when the server has no dashboard. */
  public int dashboardPort() {
    return dashboardPort;
  }

  /** The port the server listens on (the chosen one when configured with port 0). */
  public int port() {
    return port;
  }

  public WebhookMetrics metrics() {
    return metrics;
  }

  public RecentVerdicts recentVerdicts() {
    return recentVerdicts;
  }

  /** The serving certificate currently in use. */
  public X509Certificate servingCertificate() {
    return certificate.leaf();
  }

  /**
   * Stops without dropping an admission request, for SIGTERM: a pod being deleted keeps getting
   * requests until every API server has seen its endpoint go, and an API server reuses its open
   * connections. So for {@code delay} the server goes on answering, {@code /readyz} fails, and
   * every answer closes its connection (the client's next request opens a new one, to a replica
   * that stays); then it waits for the requests still being decided (at most the policy timeout and
   * a second, the longest one can take), and {@linkplain #close closes}.
   *
   * @param delay how long to go on answering first; zero stops at once, after the requests already
   *     being decided
   */
  public void stop(Duration delay) {
    stopping = true;
    try {
      if (!delay.isZero() && !delay.isNegative()) {
        Thread.sleep(delay.toMillis());
      }
      long deadline = System.nanoTime() + config.policyTimeout().plusSeconds(1).toNanos();
      while (deciding.get() > 0 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      close();
    }
  }

  /** Admission requests received and not yet answered (for tests). */
  int deciding() {
    return deciding.get();
  }

  /** Stops listening at once, closing every connection, and releases the threads. */
  @Override
  public void close() {
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      LOG.log(Level.WARNING, "the server did not stop cleanly", e);
    } finally {
      policyPool.shutdownNow();
    }
  }

  private static <T> T await(Future<T> future, String what) {
    CompletableFuture<T> cf = future.toCompletionStage().toCompletableFuture();
    try {
      return cf.get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ServerStartException("interrupted while trying to " + what, e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      String message = cause.getMessage() == null ? cause.toString() : cause.getMessage();
      // With epoll the failure is Netty's NativeIoException ("bind(..) failed with error(-98):
      // Address already in use"), not a BindException.
      if (cause instanceof java.net.BindException || message.contains("Address already in use")) {
        message += " (is another process using the port? choose one with --port)";
      }
      throw new ServerStartException("cannot " + what + ": " + message, cause);
    } catch (TimeoutException e) {
      throw new ServerStartException("timed out trying to " + what, e);
    }
  }

  private static String tooLargeMessage(int max) {
    return "body is larger than " + max + " bytes: not an AdmissionReview this server accepts";
  }

  private static String clip(String path) {
    return AdmissionReviewCodec.clean(path, 100);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
