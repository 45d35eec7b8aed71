import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * The traffic of bench/soak.sh: java bench/Soak.java BASE DEAD_REGISTRY SECONDS RATE BUDGET_MS PID.
 * One request in five is a valid pod (timed against the budget), two in five a pod on the dead
 * registry (a new tag each time), two in five hostile; 20 idle TLS connections are kept open.
 */
public class Soak {
  static final AtomicLong validOk = new AtomicLong();
  static final AtomicLong validLate = new AtomicLong();
  static final AtomicLong validWrong = new AtomicLong();
  static final AtomicLong deadAnswered = new AtomicLong();
  static final AtomicLong hostileAnswered = new AtomicLong();
  static final AtomicLong errors = new AtomicLong();
  static final AtomicLong serverErrors = new AtomicLong();
  static final ConcurrentLinkedQueue<Long> validMillis = new ConcurrentLinkedQueue<>();
  /** When (seconds after the start) each late valid pod was sent, and how late: to line up with GC logs. */
  static final ConcurrentLinkedQueue<String> lateAt = new ConcurrentLinkedQueue<>();
  static volatile long startNanos;
  /** Past the server's 4 MiB limit; built once, sent once in 40 requests. */
  static final String OVERSIZED = "x".repeat(5 * 1024 * 1024);

  public static void main(String[] a) throws Exception {
    // The soak's certificate is made on the spot for localhost; trust it, whatever the name.
    System.setProperty("jdk.internal.httpclient.disableHostnameVerification", "true");
    String base = a[0];
    String dead = a[1];
    int seconds = Integer.parseInt(a[2]);
    int rate = Integer.parseInt(a[3]);
    long budget = Long.parseLong(a[4]);
    long pid = Long.parseLong(a[5]);
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(null, new TrustManager[] {new TrustAll()}, null);
    HttpClient client =
        HttpClient.newBuilder()
            .sslContext(tls)
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .executor(Executors.newFixedThreadPool(16))
            .build();
    URI uri = URI.create(base);
    List<SSLSocket> idle = new ArrayList<>();
    ScheduledExecutorService ticker = Executors.newScheduledThreadPool(2);
    AtomicLong n = new AtomicLong();
    long warmup = Math.min(30, Math.max(5, seconds / 10));
    List<long[]> rss = Collections.synchronizedList(new ArrayList<>());
    long start = System.nanoTime();
    startNanos = start;
    ticker.scheduleAtFixedRate(
        () -> {
          long i = n.getAndIncrement();
          try {
            fire(client, base, dead, i, budget);
          } catch (RuntimeException e) {
            errors.incrementAndGet();
          }
        },
        0,
        1_000_000 / rate,
        TimeUnit.MICROSECONDS);
    ticker.scheduleAtFixedRate(
        () -> {
          long t = (System.nanoTime() - start) / 1_000_000_000L;
          rss.add(new long[] {t, rssKib(pid)});
          // Keep about 20 idle TLS connections open; the server closes them after 10 s.
          synchronized (idle) {
            idle.removeIf(s -> s.isClosed());
            while (idle.size() < 20) {
              try {
                SSLSocket s =
                    (SSLSocket) tls.getSocketFactory().createSocket(uri.getHost(), uri.getPort());
                s.startHandshake();
                idle.add(s);
              } catch (Exception e) {
                break;
              }
            }
          }
        },
        1,
        5,
        TimeUnit.SECONDS);
    Thread.sleep(warmup * 1000L);
    long liveAtWarmup = liveHeapBytes(pid);
    Thread.sleep(Math.max(0, seconds - warmup) * 1000L);
    ticker.shutdownNow();
    Thread.sleep(3000);
    List<Long> ms = new ArrayList<>(validMillis);
    Collections.sort(ms);
    long first = rss.stream().filter(r -> r[0] >= warmup).findFirst().map(r -> r[1]).orElse(0L);
    long last = rss.isEmpty() ? 0 : rss.get(rss.size() - 1)[1];
    long max = rss.stream().mapToLong(r -> r[1]).max().orElse(0);
    System.out.printf(
        "requests sent %d; valid pods %d (allowed in budget %d, late %d, wrong answer %d);"
            + " dead-registry pods answered %d; hostile answered %d; 5xx %d; client errors %d%n",
        n.get(), ms.size(), validOk.get(), validLate.get(), validWrong.get(), deadAnswered.get(),
        hostileAnswered.get(), serverErrors.get(), errors.get());
    if (!ms.isEmpty()) {
      System.out.printf(
          "valid-pod latency ms: p50 %d, p99 %d, max %d (budget %d)%n",
          ms.get(ms.size() / 2), ms.get((int) Math.min(ms.size() - 1, ms.size() * 0.99)),
          ms.get(ms.size() - 1), budget);
    }
    System.out.printf(
        "server RSS KiB: after %ds warm-up %d, at the end %d, max %d (growth %.1f %%)%n",
        warmup, first, last, max, first == 0 ? 0.0 : 100.0 * (last - first) / first);
    boolean ok =
        validLate.get() == 0
            && validWrong.get() == 0
            && serverErrors.get() == 0
            && (first == 0 || last <= first * 1.25);
    long liveAtEnd = liveHeapBytes(pid);
    System.out.printf(
        "server live heap after a full GC (jcmd GC.class_histogram): after warm-up %d KiB, at the end %d KiB%n",
        liveAtWarmup / 1024, liveAtEnd / 1024);
    if (!lateAt.isEmpty()) {
      System.out.println("  late valid pods (sent at, took): " + String.join(" ", lateAt));
    }
    notes.forEach(x -> System.out.println("  first surprises: " + x));
    // The server's own view: latency of all admission answers and connections it closed.
    try {
      String metrics =
          client
              .send(
                  HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      metrics
          .lines()
          .filter(
              l ->
                  l.startsWith("winfleet_admission_duration_seconds_bucket")
                          && (l.contains("le=\"0.05\"") || l.contains("le=\"1\"") || l.contains("le=\"+Inf\""))
                      || l.startsWith("winfleet_connections_closed_total{"))
          .forEach(l -> System.out.println("  server: " + l));
    } catch (Exception e) {
      System.out.println("  server metrics unavailable: " + e);
    }
    System.out.println(ok ? "SOAK OK" : "SOAK FAILED");
    System.exit(ok ? 0 : 1);
  }

  static void fire(HttpClient client, String base, String dead, long i, long budget) {
    int kind = (int) (i % 5);
    switch (kind) {
      case 0 -> {
        long t0 = System.nanoTime();
        String path = i % 2 == 0 ? "/mutate" : "/validate";
        send(client, base + path, review("shop", "mcr.microsoft.com/windows/servercore:ltsc2022"))
            .whenComplete(
                (r, e) -> {
                  long ms = (System.nanoTime() - t0) / 1_000_000;
                  if (e != null) {
                    errors.incrementAndGet();
                    note("valid pod, client error: " + e);
                    return;
                  }
                  validMillis.add(ms);
                  if (r.statusCode() != 200 || !r.body().contains("\"allowed\":true")) {
                    validWrong.incrementAndGet();
                    note("valid pod, answer " + r.statusCode() + ": " + r.body());
                  } else if (ms > budget) {
                    validLate.incrementAndGet();
                    lateAt.add(
                        String.format(
                            "%.1fs:%dms", (t0 - startNanos) / 1e9, ms));
                  } else {
                    validOk.incrementAndGet();
                  }
                });
      }
      case 1, 2 ->
          send(client, base + (i % 2 == 0 ? "/mutate" : "/validate"),
                  review("tenant-" + (i % 7), dead + "/app/svc:v" + i))
              .whenComplete((r, e) -> count(r, e, deadAnswered));
      default -> {
        String body =
            switch ((int) (i % 4)) {
              case 0 -> "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":{";
              case 1 -> "[" + "[".repeat(5000);
              case 2 -> i % 40 == 18 ? OVERSIZED : "{\"apiVersion\":" + "1".repeat(2000) + "}";
              default -> new String(review("evil", "nginx"), StandardCharsets.UTF_8).replace("Pod", "P\u0000d");
            };
        HttpRequest.Builder b =
            HttpRequest.newBuilder(URI.create(base + "/validate"))
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        b.header("Content-Type", i % 3 == 0 ? "text/plain" : "application/json");
        client.sendAsync(b.build(), HttpResponse.BodyHandlers.ofString())
            .whenComplete((r, e) -> count(r, e, hostileAnswered));
      }
    }
  }

  static final ConcurrentLinkedQueue<String> notes = new ConcurrentLinkedQueue<>();

  /** The live heap of the server: jcmd's class histogram runs a full GC first; its last line is the total. */
  static long liveHeapBytes(long pid) {
    try {
      Process p = new ProcessBuilder("jcmd", Long.toString(pid), "GC.class_histogram").start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      p.waitFor();
      String total = out.lines().filter(l -> l.startsWith("Total")).findFirst().orElse("");
      String[] f = total.trim().split("\\s+");
      return f.length >= 3 ? Long.parseLong(f[2]) : 0;
    } catch (Exception e) {
      return 0;
    }
  }

  /** Keeps the first few surprises, to print at the end. */
  static void note(String what) {
    if (notes.size() < 5) {
      notes.add(what.length() > 400 ? what.substring(0, 400) + "..." : what);
    }
  }

  static void count(HttpResponse<String> r, Throwable e, AtomicLong answered) {
    if (e != null) {
      errors.incrementAndGet();
    } else if (r.statusCode() >= 500) {
      serverErrors.incrementAndGet();
    } else {
      answered.incrementAndGet();
    }
  }

  static java.util.concurrent.CompletableFuture<HttpResponse<String>> send(
      HttpClient client, String url, byte[] body) {
    return client.sendAsync(
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static byte[] review(String namespace, String image) {
    String uid = UUID.randomUUID().toString();
    return ("{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":{"
            + "\"uid\":\"" + uid + "\",\"kind\":{\"group\":\"\",\"version\":\"v1\",\"kind\":\"Pod\"},"
            + "\"resource\":{\"group\":\"\",\"version\":\"v1\",\"resource\":\"pods\"},"
            + "\"name\":\"p\",\"namespace\":\"" + namespace + "\",\"operation\":\"CREATE\","
            + "\"userInfo\":{\"username\":\"soak\"},\"object\":{\"apiVersion\":\"v1\",\"kind\":\"Pod\","
            + "\"metadata\":{\"name\":\"p\",\"namespace\":\"" + namespace + "\"},"
            + "\"spec\":{\"containers\":[{\"name\":\"a\",\"image\":\"" + image + "\"}]}},"
            + "\"dryRun\":false}}")
        .getBytes(StandardCharsets.UTF_8);
  }

  static long rssKib(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (Exception e) {
      // the server is gone
    }
    return 0;
  }

  static final class TrustAll implements X509TrustManager {
    public void checkClientTrusted(X509Certificate[] c, String a) {}

    public void checkServerTrusted(X509Certificate[] c, String a) {}

    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
