package dev.winfleet.registry.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.winfleet.core.image.ImageReference;
import dev.winfleet.registry.api.CredentialSource;
import dev.winfleet.registry.api.ErrorKind;
import dev.winfleet.registry.api.InspectOptions;
import dev.winfleet.registry.api.InspectionListener;
import dev.winfleet.registry.api.InspectionResult;
import dev.winfleet.registry.api.InspectorConfig;
import dev.winfleet.registry.api.InspectorStats;
import dev.winfleet.registry.api.MediaTypes;
import dev.winfleet.registry.api.Platform;
import dev.winfleet.registry.api.PlatformImage;
import dev.winfleet.registry.api.PlatformSelector;
import dev.winfleet.registry.api.RegistryCredential;
import dev.winfleet.registry.api.RegistryError;
import dev.winfleet.registry.api.RegistryException;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reads references: resolves tags (with a TTL cache, HEAD when the digest is already known),
 * fetches manifests and configs by digest (kept in a cache), and turns each into an {@link
 * InspectionResult}. One failing reference never hides the others.
 */
public final class InspectionEngine implements AutoCloseable {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Duration RESULT_GRACE = Duration.ofSeconds(1);

  record TagKey(String name, String tag, RegistryCredential credential) {}

  record TagEntry(String digest, Instant expiresAt) {}

  /** Everything one reference's calls need. */
  private record Call(
      ImageReference ref, URI base, RegistryCredential credential, Deadline deadline) {
    String registry() {
      return ref.registry();
    }

    String repository() {
      return ref.repository();
    }
  }

  private record Resolved(String digest, ParsedManifest manifest) {}

  private final InspectorConfig config;
  private final Stats stats = new Stats();
  private final HttpTransport transport;
  private final Authenticator authenticator;
  private final RegistryPolicy policy;
  private final LruCache<String, ParsedManifest> manifests;
  private final LruCache<String, Platform> configs;
  private final LruCache<TagKey, TagEntry> tags;
  private final ExecutorService referencePool;
  private final ExecutorService childPool;

  public InspectionEngine(InspectorConfig config) {
    this.config = config;
    this.transport = new HttpTransport(config, stats);
    this.authenticator = new Authenticator(config, transport, stats);
    this.policy = new RegistryPolicy(config.allowedRegistries(), config.deniedRegistries());
    this.manifests = new LruCache<>(config.maxCachedManifests());
    this.configs = new LruCache<>(config.maxCachedManifests());
    this.tags = new LruCache<>(config.maxCachedManifests());
    this.referencePool =
        Executors.newFixedThreadPool(config.maxConcurrentReferences(), daemon("winfleet-inspect"));
    this.childPool = Executors.newCachedThreadPool(daemon("winfleet-inspect-platform"));
  }

  public InspectorStats stats() {
    return stats.snapshot();
  }

  public List<InspectionResult> inspect(List<ImageReference> refs, InspectOptions options) {
    CredentialSource credentials =
        options.credentials() != null ? options.credentials() : config.credentials();
    Deadline deadline = Deadline.of(options.deadline(), config.clock());
    InspectionListener listener = options.listener();
    int total = refs.size();
    AtomicInteger done = new AtomicInteger();
    List<Future<InspectionResult>> futures = new ArrayList<>(total);
    for (ImageReference ref : refs) {
      futures.add(
          referencePool.submit(
              () -> {
                InspectionResult r = inspectSafely(ref, credentials, deadline, options.platform());
                if (listener != null) {
                  listener.finished(r, done.incrementAndGet(), total);
                }
                return r;
              }));
    }
    List<InspectionResult> results = new ArrayList<>(total);
    for (int i = 0; i < total; i++) {
      results.add(await(futures.get(i), refs.get(i), deadline));
    }
    return results;
  }

  private InspectionResult await(
      Future<InspectionResult> future, ImageReference ref, Deadline deadline) {
    try {
      if (!deadline.isSet()) {
        return future.get();
      }
      long waitMs = deadline.remaining(Duration.ofDays(1)).plus(RESULT_GRACE).toMillis();
      return future.get(waitMs, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      return failed(ref, ErrorKind.TIMEOUT, "not read before the deadline");
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      return failed(ref, ErrorKind.TIMEOUT, "interrupted");
    } catch (ExecutionException e) {
      return failed(ref, ErrorKind.INVALID_RESPONSE, "unexpected failure: " + e.getCause());
    }
  }

  private static InspectionResult failed(ImageReference ref, ErrorKind kind, String message) {
    return new InspectionResult.Failed(ref, new RegistryError(kind, ref.registry(), message));
  }

  private InspectionResult inspectSafely(
      ImageReference ref, CredentialSource credentials, Deadline deadline, PlatformSelector sel) {
    try {
      return inspectOne(ref, credentials, deadline, sel);
    } catch (RegistryException e) {
      return new InspectionResult.Failed(ref, e.error());
    } catch (ManifestParser.InvalidManifestException e) {
      return failed(ref, ErrorKind.INVALID_RESPONSE, "cannot read " + ref + ": " + e.getMessage());
    } catch (RuntimeException e) {
      return failed(ref, ErrorKind.INVALID_RESPONSE, "unexpected failure: " + e);
    }
  }

  private InspectionResult inspectOne(
      ImageReference ref, CredentialSource credentials, Deadline deadline, PlatformSelector sel) {
    policy.check(ref.registry());
    if (deadline.expired()) {
      throw new RegistryException(
          ErrorKind.TIMEOUT, ref.registry(), "the deadline passed before " + ref + " was read");
    }
    URI base = baseUri(ref.registry());
    transport.checkTarget(base, ref.registry(), "registry");
    RegistryCredential credential;
    try {
      credential = credentials.find(ref.registry()).orElse(null);
    } catch (IllegalArgumentException e) {
      // Unreadable credentials (a bad config.json, a failing helper) fail this reference only.
      throw new RegistryException(ErrorKind.UNAUTHORIZED, ref.registry(), e.getMessage(), e);
    }
    Call call = new Call(ref, base, credential, deadline);
    Resolved top = resolve(call);
    List<PlatformImage> platforms = new ArrayList<>();
    if (top.manifest() instanceof ParsedManifest.Index index) {
      List<ParsedManifest.Entry> entries =
          index.entries().stream()
              .filter(e -> !e.isAttestation())
              .filter(e -> !MediaTypes.isIndex(e.descriptor().mediaType()))
              .toList();
      List<ParsedManifest.Entry> selected =
          sel == null
              ? entries
              : entries.stream()
                  .filter(e -> e.platform() != null && sel.matches(e.platform()))
                  .toList();
      if (selected.isEmpty() && sel != null) {
        throw noMatch(ref, sel, entries.stream().map(e -> String.valueOf(e.platform())).toList());
      }
      List<CompletableFuture<PlatformImage>> children = new ArrayList<>();
      for (ParsedManifest.Entry e : selected) {
        children.add(CompletableFuture.supplyAsync(() -> platformOf(call, e), childPool));
      }
      for (CompletableFuture<PlatformImage> c : children) {
        try {
          platforms.add(c.join());
        } catch (CompletionException e) {
          if (e.getCause() instanceof RuntimeException re) {
            throw re;
          }
          throw e;
        }
      }
    } else {
      ParsedManifest.Image image = (ParsedManifest.Image) top.manifest();
      Platform platform = configPlatform(call, image);
      if (sel != null && !sel.matches(platform)) {
        throw noMatch(ref, sel, List.of(platform.toString()));
      }
      platforms.add(
          new PlatformImage(
              platform, top.digest(), image.mediaType(), image.config(), image.layers()));
    }
    return new InspectionResult.Inspected(ref, top.digest(), top.manifest().mediaType(), platforms);
  }

  /** Pages of a tag list read at most, at {@link #TAGS_PAGE} tags each. */
  static final int MAX_TAG_PAGES = 50;

  static final int TAGS_PAGE = 1000;

  /**
   * The tags of a repository ({@code /v2/<name>/tags/list}, following {@code Link: rel="next"}
   * pages), in the registry's order.
   *
   * @throws RegistryException when the registry refuses or answers something unreadable
   */
  public List<String> listTags(ImageReference ref, CredentialSource credentials) {
    policy.check(ref.registry());
    URI base = baseUri(ref.registry());
    transport.checkTarget(base, ref.registry(), "registry");
    RegistryCredential credential;
    try {
      credential =
          (credentials != null ? credentials : config.credentials())
              .find(ref.registry())
              .orElse(null);
    } catch (IllegalArgumentException e) {
      throw new RegistryException(ErrorKind.UNAUTHORIZED, ref.registry(), e.getMessage(), e);
    }
    Call call = new Call(ref, base, credential, Deadline.of(null, config.clock()));
    List<String> tags = new ArrayList<>();
    String path = "/v2/" + ref.repository() + "/tags/list?n=" + TAGS_PAGE;
    for (int page = 0; page < MAX_TAG_PAGES && path != null; page++) {
      HttpResult get = request(call, "GET", path, "application/json", config.maxManifestBytes());
      checkStatus(call, get, "the tag list of " + ref.repository());
      try {
        JsonNode body = MAPPER.readTree(get.body());
        for (JsonNode t : body.path("tags")) {
          if (t.isTextual()) {
            tags.add(t.asText());
          }
        }
      } catch (java.io.IOException e) {
        throw new RegistryException(
            ErrorKind.INVALID_RESPONSE,
            ref.registry(),
            "the tag list of " + ref.repository() + " is not JSON: " + e.getMessage(),
            e);
      }
      path = get.header("Link").flatMap(InspectionEngine::nextPage).orElse(null);
    }
    return tags;
  }

  /** The path of a {@code Link: </v2/x/tags/list?n=2&last=b>; rel="next"} header. */
  static Optional<String> nextPage(String link) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"?next\"?").matcher(link);
    if (!m.find()) {
      return Optional.empty();
    }
    String target = m.group(1);
    if (target.startsWith("http://") || target.startsWith("https://")) {
      URI u = URI.create(target);
      // Stay on the registry that was asked: only its path and query are followed.
      return Optional.of(u.getRawPath() + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery()));
    }
    return Optional.of(target.startsWith("/") ? target : "/" + target);
  }

  private static RegistryException noMatch(
      ImageReference ref, PlatformSelector sel, List<String> has) {
    return new RegistryException(
        ErrorKind.NO_MATCHING_PLATFORM,
        ref.registry(),
        ref
            + " has no "
            + sel
            + " image (it has "
            + (has.isEmpty() ? "none" : String.join(", ", has))
            + ")");
  }

  private PlatformImage platformOf(Call call, ParsedManifest.Entry entry) {
    String digest = entry.descriptor().digest();
    ParsedManifest child = manifestByDigest(call, digest);
    if (!(child instanceof ParsedManifest.Image image)) {
      throw new RegistryException(
          ErrorKind.INVALID_RESPONSE,
          call.registry(),
          "the index of " + call.ref() + " lists " + digest + " as an image, but it is an index");
    }
    Platform platform = entry.platform();
    if (platform == null || (platform.isWindows() && platform.osVersion().isEmpty())) {
      // The index does not say (enough): the config blob does.
      platform = configPlatform(call, image);
    }
    return new PlatformImage(platform, digest, image.mediaType(), image.config(), image.layers());
  }

  private Resolved resolve(Call call) {
    ImageReference ref = call.ref();
    if (ref.hasDigest()) {
      return new Resolved(ref.digest(), manifestByDigest(call, ref.digest()));
    }
    String tag = ref.effectiveTag();
    TagKey key = new TagKey(ref.name(), tag, call.credential());
    TagEntry entry = tags.get(key);
    Instant now = config.clock().instant();
    if (entry != null) {
      ParsedManifest known = manifests.get(entry.digest());
      if (known != null && now.isBefore(entry.expiresAt())) {
        stats.cacheHits.increment();
        return new Resolved(entry.digest(), known);
      }
      if (known != null) {
        // The tag was read before: a HEAD tells whether it still points at the same content.
        stats.manifestHeads.increment();
        HttpResult head = request(call, "HEAD", manifestPath(call, tag), MediaTypes.ACCEPT, 0);
        Optional<String> digest =
            head.status() == 200 ? head.header("Docker-Content-Digest") : Optional.empty();
        if (digest.isPresent()) {
          ParsedManifest cached = manifests.get(digest.get());
          if (cached != null) {
            stats.cacheHits.increment();
            tags.put(key, new TagEntry(digest.get(), now.plus(config.tagCacheTtl())));
            return new Resolved(digest.get(), cached);
          }
        }
      }
    }
    stats.manifestGets.increment();
    HttpResult get =
        request(call, "GET", manifestPath(call, tag), MediaTypes.ACCEPT, config.maxManifestBytes());
    checkStatus(call, get, "tag '" + tag + "'");
    String computed = Digests.sha256(get.body());
    Optional<String> claimed = get.header("Docker-Content-Digest");
    if (claimed.isPresent()
        && claimed.get().startsWith("sha256:")
        && !claimed.get().equals(computed)) {
      throw new RegistryException(
          ErrorKind.INVALID_RESPONSE,
          call.registry(),
          "the manifest of "
              + ref
              + " does not match the digest the registry claims ("
              + claimed.get()
              + " vs "
              + computed
              + ")");
    }
    ParsedManifest parsed =
        ManifestParser.parseManifest(get.body(), get.header("Content-Type").orElse(null));
    manifests.put(computed, parsed);
    tags.put(key, new TagEntry(computed, now.plus(config.tagCacheTtl())));
    return new Resolved(computed, parsed);
  }

  private ParsedManifest manifestByDigest(Call call, String digest) {
    ParsedManifest cached = manifests.get(digest);
    if (cached != null) {
      stats.cacheHits.increment();
      return cached;
    }
    stats.manifestGets.increment();
    HttpResult get =
        request(
            call, "GET", manifestPath(call, digest), MediaTypes.ACCEPT, config.maxManifestBytes());
    checkStatus(call, get, "manifest " + digest);
    verify(call, digest, get.body(), "manifest");
    ParsedManifest parsed =
        ManifestParser.parseManifest(get.body(), get.header("Content-Type").orElse(null));
    manifests.put(digest, parsed);
    return parsed;
  }

  private Platform configPlatform(Call call, ParsedManifest.Image image) {
    String digest = image.config().digest();
    Platform cached = configs.get(digest);
    if (cached != null) {
      stats.cacheHits.increment();
      return cached;
    }
    stats.blobGets.increment();
    HttpResult get =
        request(
            call,
            "GET",
            "/v2/" + call.repository() + "/blobs/" + digest,
            "application/json, */*",
            config.maxConfigBytes());
    checkStatus(call, get, "config blob " + digest);
    verify(call, digest, get.body(), "config blob");
    Platform platform = ManifestParser.parseConfigPlatform(get.body());
    configs.put(digest, platform);
    return platform;
  }

  private void verify(Call call, String digest, byte[] body, String what) {
    Optional<String> actual = Digests.digestLike(digest, body);
    if (actual.isPresent() && !actual.get().equals(digest)) {
      throw new RegistryException(
          ErrorKind.INVALID_RESPONSE,
          call.registry(),
          "the "
              + what
              + " "
              + digest
              + " of "
              + call.ref()
              + " has other content ("
              + actual.get()
              + ")");
    }
  }

  private HttpResult request(Call call, String method, String path, String accept, long limit) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Accept", accept);
    Optional<String> auth =
        authenticator.authorization(
            call.registry(), call.repository(), call.credential(), call.deadline());
    auth.ifPresent(h -> headers.put("Authorization", h));
    HttpTransport.Request request =
        new HttpTransport.Request(
            method, call.base().resolve(path), headers, call.registry(), limit, null);
    HttpResult result = transport.send(request, call.deadline());
    if (result.status() != 401) {
      return result;
    }
    String header =
        authenticator.onUnauthorized(
            call.registry(),
            call.repository(),
            result,
            auth.orElse(null),
            call.credential(),
            call.deadline());
    headers.put("Authorization", header);
    result = transport.send(request, call.deadline());
    if (result.status() == 401) {
      throw Authenticator.unauthorized(call.registry(), call.repository(), call.credential());
    }
    return result;
  }

  private void checkStatus(Call call, HttpResult result, String what) {
    int status = result.status();
    if (status == 200) {
      return;
    }
    String where = call.registry() + "/" + call.repository();
    String detail = registryMessage(result.body());
    switch (status) {
      case 404 -> {
        String code = registryCode(result.body());
        String msg =
            code.equals("NAME_UNKNOWN")
                ? "repository " + call.repository() + " does not exist on " + call.registry()
                : what + " does not exist in " + where;
        throw new RegistryException(ErrorKind.NOT_FOUND, call.registry(), msg);
      }
      case 401 ->
          throw Authenticator.unauthorized(call.registry(), call.repository(), call.credential());
      case 403 ->
          throw new RegistryException(
              ErrorKind.DENIED,
              call.registry(),
              "registry "
                  + call.registry()
                  + " denied pulling "
                  + call.repository()
                  + " (HTTP 403"
                  + detail
                  + "); the credentials lack pull access");
      case 429 ->
          throw new RegistryException(
              ErrorKind.RATE_LIMITED,
              call.registry(),
              "registry "
                  + call.registry()
                  + " kept answering 429 Too Many Requests after "
                  + result.attempts()
                  + " attempts (a pull rate limit; log in, or use a mirror)");
      default -> {
        if (status >= 500) {
          throw new RegistryException(
              ErrorKind.REGISTRY_ERROR,
              call.registry(),
              "registry "
                  + call.registry()
                  + " failed with HTTP "
                  + status
                  + detail
                  + " after "
                  + result.attempts()
                  + " attempts, reading "
                  + what
                  + " of "
                  + where);
        }
        throw new RegistryException(
            ErrorKind.INVALID_RESPONSE,
            call.registry(),
            "registry "
                + call.registry()
                + " answered HTTP "
                + status
                + detail
                + " reading "
                + what
                + " of "
                + where);
      }
    }
  }

  private static String registryCode(byte[] body) {
    return firstError(body).map(e -> e.path("code").asText("")).orElse("");
  }

  private static String registryMessage(byte[] body) {
    return firstError(body)
        .map(e -> e.path("message").asText(""))
        .filter(m -> !m.isEmpty())
        .map(m -> ": " + m)
        .orElse("");
  }

  private static Optional<JsonNode> firstError(byte[] body) {
    if (body == null || body.length == 0) {
      return Optional.empty();
    }
    try {
      JsonNode first = MAPPER.readTree(body).path("errors").path(0);
      return first.isObject() ? Optional.of(first) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static String manifestPath(Call call, String tagOrDigest) {
    return "/v2/" + call.repository() + "/manifests/" + tagOrDigest;
  }

  private URI baseUri(String registry) {
    String host = registry.equals(ImageReference.DOCKER_HUB) ? "registry-1.docker.io" : registry;
    return URI.create((config.isInsecure(registry) ? "http://" : "https://") + host);
  }

  private static ThreadFactory daemon(String name) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  @Override
  public void close() {
    referencePool.shutdownNow();
    childPool.shutdownNow();
  }
}
