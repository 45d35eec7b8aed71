package dev.winfleet.server.policy;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.winfleet.core.image.ImageReference;
import dev.winfleet.core.image.InspectedImage;
import dev.winfleet.core.image.InvalidImageReferenceException;
import dev.winfleet.core.spi.PullSecretSource;
import dev.winfleet.registry.api.CredentialSource;
import dev.winfleet.registry.api.DockerConfigCredentials;
import dev.winfleet.registry.api.ErrorKind;
import dev.winfleet.registry.api.InspectOptions;
import dev.winfleet.registry.api.InspectionResult;
import dev.winfleet.registry.api.PlatformImage;
import dev.winfleet.registry.api.RegistryError;
import dev.winfleet.registry.api.RegistryInspector;
import dev.winfleet.server.api.ImageLookup;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reads images through the registry inspector with the pod's pull secrets, so that one tenant's
 * unreachable registry cannot take the webhook from everyone else (a bulkhead):
 *
 * <ul>
 *   <li>Lookups run on a pool of their own, never on the caller's thread ({@link #inspectAsync}): a
 *       registry that never answers holds lookup threads only.
 *   <li>At most {@link Limits#perRegistry()} lookups in flight per registry host, {@link
 *       Limits#perNamespace()} per namespace and {@link Limits#threads()} in all. A lookup past a
 *       limit is not queued: it fails at once ("too many lookups in flight"), the pod passes
 *       unchanged with a warning, and other registries and namespaces keep their share.
 *   <li>One lookup in flight per reference and credentials: concurrent pods with the same image
 *       share it.
 *   <li>Failures are remembered for {@link Limits#failureMemory()}: per reference and credentials,
 *       and, when the registry did not answer or could not be reached, for the whole registry, so
 *       that new tags on a dead registry cost nothing either.
 * </ul>
 *
 * <p>Dry-run requests are answered from and read through, but leave no failure behind.
 */
public final class RegistryImageLookup implements ImageLookup, AutoCloseable {

  /**
   * How many lookups may run at once, and how long failures are remembered.
   *
   * @param threads lookups in flight in all (the pool's size)
   * @param perRegistry lookups in flight against one registry host
   * @param perNamespace lookups in flight for pods of one namespace
   * @param failureMemory how long a failed reference, or a registry that did not answer, is
   *     answered from memory
   */
  public record Limits(int threads, int perRegistry, int perNamespace, Duration failureMemory) {
    public Limits {
      if (threads < 1 || perRegistry < 1 || perNamespace < 1) {
        throw new IllegalArgumentException("lookup limits must be positive");
      }
      Objects.requireNonNull(failureMemory, "failureMemory");
    }

    public static Limits defaults() {
      return new Limits(32, 4, 8, FAILURE_MEMORY);
    }
  }

  static final Duration FAILURE_MEMORY = Duration.ofSeconds(30);
  private static final int MAX_REMEMBERED_FAILURES = 10_000;

  private final RegistryInspector inspector;
  private final PullSecretSource secrets;
  private final Clock clock;
  private final Limits limits;
  private final ExecutorService pool;
  private final Semaphore total;
  // Bounded too: an attacker may name any number of registries and namespaces. A semaphore evicted
  // while held only lets a few more lookups start; the total limit still holds.
  private final Cache<String, Semaphore> perRegistry =
      Caffeine.newBuilder().expireAfterAccess(Duration.ofMinutes(10)).maximumSize(10_000).build();
  private final Cache<String, Semaphore> perNamespace =
      Caffeine.newBuilder().expireAfterAccess(Duration.ofMinutes(10)).maximumSize(10_000).build();
  private final Map<String, CompletableFuture<InspectedImage>> inFlight = new ConcurrentHashMap<>();
  private final Cache<String, String> failures;
  private final Cache<String, String> deadRegistries;
  private final AtomicInteger started = new AtomicInteger();

  public RegistryImageLookup(RegistryInspector inspector, PullSecretSource secrets, Clock clock) {
    this(inspector, secrets, clock, Limits.defaults());
  }

  public RegistryImageLookup(
      RegistryInspector inspector, PullSecretSource secrets, Clock clock, Limits limits) {
    this.inspector = Objects.requireNonNull(inspector, "inspector");
    this.secrets = Objects.requireNonNull(secrets, "secrets");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.limits = Objects.requireNonNull(limits, "limits");
    this.total = new Semaphore(limits.threads());
    AtomicInteger n = new AtomicInteger();
    // Never more tasks than permits, so the queue stays at most limits.threads() long.
    this.pool =
        new ThreadPoolExecutor(
            limits.threads(),
            limits.threads(),
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            r -> {
              Thread t = new Thread(r, "winfleet-registry-lookup-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    ((ThreadPoolExecutor) pool).allowCoreThreadTimeOut(true);
    this.failures =
        Caffeine.newBuilder()
            .expireAfterWrite(limits.failureMemory())
            .maximumSize(MAX_REMEMBERED_FAILURES)
            .build();
    this.deadRegistries =
        Caffeine.newBuilder()
            .expireAfterWrite(limits.failureMemory())
            .maximumSize(MAX_REMEMBERED_FAILURES)
            .build();
  }

  @Override
  public List<InspectedImage> inspect(
      List<String> references,
      String namespace,
      List<String> pullSecrets,
      Instant deadline,
      boolean dryRun) {
    return inspectAsync(references, namespace, pullSecrets, deadline, dryRun).join();
  }

  @Override
  public CompletableFuture<List<InspectedImage>> inspectAsync(
      List<String> references,
      String namespace,
      List<String> pullSecrets,
      Instant deadline,
      boolean dryRun) {
    // Anonymous reads are the same for every namespace; with pull secrets, only for the same ones.
    String scope =
        pullSecrets.isEmpty() ? "|" : namespace + "/" + String.join(",", pullSecrets) + "|";
    Duration wait = Duration.between(clock.instant(), deadline).plusMillis(100);
    List<CompletableFuture<InspectedImage>> parts = new ArrayList<>(references.size());
    for (String ref : references) {
      parts.add(one(ref, scope, namespace, pullSecrets, deadline, dryRun, wait));
    }
    return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new))
        .thenApply(v -> parts.stream().map(CompletableFuture::join).toList());
  }

  private CompletableFuture<InspectedImage> one(
      String ref,
      String scope,
      String namespace,
      List<String> pullSecrets,
      Instant deadline,
      boolean dryRun,
      Duration wait) {
    ImageReference parsed;
    try {
      parsed = ImageReference.parse(ref);
    } catch (InvalidImageReferenceException e) {
      return CompletableFuture.completedFuture(failed(ref, "not a valid image reference"));
    }
    String dead = deadRegistries.getIfPresent(parsed.registry());
    if (dead != null) {
      return CompletableFuture.completedFuture(failed(ref, dead));
    }
    String key = scope + ref;
    String remembered = failures.getIfPresent(key);
    if (remembered != null) {
      return CompletableFuture.completedFuture(failed(ref, remembered));
    }
    CompletableFuture<InspectedImage> shared = inFlight.get(key);
    if (shared == null) {
      CompletableFuture<InspectedImage> mine = new CompletableFuture<>();
      shared = inFlight.putIfAbsent(key, mine);
      if (shared == null) {
        shared = mine;
        start(key, parsed, ref, namespace, pullSecrets, deadline, dryRun, mine);
      }
    }
    if (shared.isDone() || wait.isNegative()) {
      return shared.isDone()
          ? shared
          : CompletableFuture.completedFuture(failed(ref, "no time left to read it"));
    }
    // A shared lookup may have been started by a request with a later deadline: this request
    // stops waiting at its own.
    return shared
        .copy()
        .completeOnTimeout(
            failed(ref, "the registry did not answer within " + wait.toMillis() + " ms"),
            wait.toMillis(),
            TimeUnit.MILLISECONDS);
  }

  private void start(
      String key,
      ImageReference parsed,
      String ref,
      String namespace,
      List<String> pullSecrets,
      Instant deadline,
      boolean dryRun,
      CompletableFuture<InspectedImage> result) {
    String registry = parsed.registry();
    Semaphore byRegistry = perRegistry.get(registry, r -> new Semaphore(limits.perRegistry()));
    Semaphore byNamespace = perNamespace.get(namespace, r -> new Semaphore(limits.perNamespace()));
    List<Semaphore> held = new ArrayList<>(3);
    for (Semaphore s : List.of(total, byRegistry, byNamespace)) {
      if (!s.tryAcquire()) {
        held.forEach(Semaphore::release);
        String which =
            s == total
                ? "in all"
                : s == byRegistry ? "for registry " + registry : "for namespace " + namespace;
        inFlight.remove(key, result);
        result.complete(
            failed(
                ref,
                "too many registry lookups in flight "
                    + which
                    + " (winfleet limits them so that one slow registry or namespace cannot hold"
                    + " up the others); retry later"));
        return;
      }
      held.add(s);
    }
    started.incrementAndGet();
    Runnable task =
        () -> {
          InspectedImage image;
          try {
            image = read(parsed, ref, namespace, pullSecrets, deadline, dryRun, key);
          } catch (RuntimeException e) {
            image = failed(ref, "lookup failed: " + e.getClass().getSimpleName());
          } finally {
            held.forEach(Semaphore::release);
            inFlight.remove(key, result);
          }
          result.complete(image);
        };
    try {
      pool.execute(task);
    } catch (RejectedExecutionException e) {
      held.forEach(Semaphore::release);
      inFlight.remove(key, result);
      result.complete(failed(ref, "the registry lookup pool is shut down"));
    }
  }

  private InspectedImage read(
      ImageReference parsed,
      String ref,
      String namespace,
      List<String> pullSecrets,
      Instant deadline,
      boolean dryRun,
      String key) {
    InspectOptions options =
        InspectOptions.defaults()
            .withDeadline(deadline)
            .withCredentials(credentials(namespace, pullSecrets, deadline));
    InspectionResult r = inspector.inspect(parsed, options);
    if (r instanceof InspectionResult.Inspected ok) {
      return inspected(ref, ok);
    }
    RegistryError error = ((InspectionResult.Failed) r).error();
    if (!dryRun) {
      if (error.kind() == ErrorKind.TIMEOUT || error.kind() == ErrorKind.UNREACHABLE) {
        deadRegistries.put(
            parsed.registry(),
            error.message()
                + " (winfleet will ask registry "
                + parsed.registry()
                + " again after "
                + limits.failureMemory().toSeconds()
                + " s)");
      } else {
        failures.put(key, error.message());
      }
    }
    return failed(ref, error.message());
  }

  /** How many lookups reached the network (not answered from memory, not shared, not refused). */
  int lookupsStarted() {
    return started.get();
  }

  private CredentialSource credentials(String namespace, List<String> names, Instant deadline) {
    if (names.isEmpty() || namespace.isEmpty()) {
      return CredentialSource.anonymous();
    }
    List<CredentialSource> sources = new ArrayList<>();
    for (PullSecretSource.PullSecret s : secrets.read(namespace, names, deadline)) {
      try {
        sources.add(
            s.legacyDockercfg()
                ? DockerConfigCredentials.fromLegacyDockercfg(s.json())
                : DockerConfigCredentials.fromKubernetesSecret(s.json()));
      } catch (IllegalArgumentException e) {
        // A broken secret is skipped, as the kubelet would fail to use it too.
      }
    }
    return sources.isEmpty() ? CredentialSource.anonymous() : CredentialSource.firstOf(sources);
  }

  private static InspectedImage failed(String ref, String error) {
    return new InspectedImage(ref, null, null, List.of(), error);
  }

  private static InspectedImage inspected(String ref, InspectionResult.Inspected ok) {
    List<InspectedImage.InspectedPlatform> platforms = new ArrayList<>();
    for (PlatformImage p : ok.platforms()) {
      platforms.add(
          new InspectedImage.InspectedPlatform(
              p.platform().os(),
              p.platform().architecture(),
              p.platform().osVersion().isEmpty() ? null : p.platform().osVersion(),
              p.digest(),
              p.layerCount(),
              p.compressedSize(),
              p.foreignLayerCount()));
    }
    return new InspectedImage(ref, ok.digest(), ok.mediaType(), platforms, null);
  }

  /** Stops the lookup threads; lookups in flight finish on their own deadline. */
  @Override
  public void close() {
    pool.shutdownNow();
  }
}
