package dev.winfleet.server;

import dev.winfleet.server.api.AdmissionOperation;
import dev.winfleet.server.api.AdmissionPolicy;
import dev.winfleet.server.api.AdmissionRequestView;
import dev.winfleet.server.api.MutationDecision;
import dev.winfleet.server.api.PodSpecLocator;
import dev.winfleet.server.api.ValidationDecision;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Turns request bodies into AdmissionReview answers: parses, decides whether the policy must be
 * asked, asks it, and writes the answer, counting it in the metrics. Free of HTTP and threads, so
 * the server can run the policy on a worker with a deadline and tests can call {@link #handle}
 * directly.
 *
 * <p>Whatever the input and whatever the policy does, the result is an {@link HttpReply}: 200 with
 * an AdmissionReview, or 4xx with a JSON error. Never an exception, never a stack trace.
 */
public final class AdmissionHandler {

  private static final System.Logger LOG = System.getLogger(AdmissionHandler.class.getName());

  /** The first step's result: an answer already, or a policy call still to make. */
  public sealed interface Step permits Done, PolicyCall {}

  /** Answered without the policy. */
  public record Done(HttpReply reply) implements Step {}

  /** The policy must decide this request. */
  public record PolicyCall(Endpoint endpoint, ParsedReview review) implements Step {
    public AdmissionRequestView request() {
      return review.request();
    }
  }

  /** What came of asking the policy. */
  public sealed interface Outcome permits Decided, Failed {}

  /** The policy's decision: a {@link MutationDecision} or a {@link ValidationDecision}. */
  public record Decided(Object decision) implements Outcome {}

  /** The policy threw, returned nothing, or ran out of time. */
  public record Failed(String reason) implements Outcome {}

  private final AdmissionPolicy policy;
  private final WebhookMetrics metrics;
  private final RecentVerdicts recent;
  private final ValidateFailureMode validateFailureMode;
  private final Clock clock;
  private final AdmissionReviewCodec codec = new AdmissionReviewCodec();

  public AdmissionHandler(
      AdmissionPolicy policy,
      WebhookMetrics metrics,
      RecentVerdicts recent,
      ValidateFailureMode validateFailureMode,
      Clock clock) {
    this.policy = Objects.requireNonNull(policy, "policy");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.recent = Objects.requireNonNull(recent, "recent");
    this.validateFailureMode = Objects.requireNonNull(validateFailureMode, "validateFailureMode");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Everything in one go, on the calling thread, with no deadline. */
  public HttpReply handle(Endpoint endpoint, String contentType, byte[] body) {
    Step step = prepare(endpoint, contentType, body);
    if (step instanceof Done done) {
      return done.reply();
    }
    PolicyCall call = (PolicyCall) step;
    return finish(call, invoke(call));
  }

  /** Checks and parses the body; answers at once when the policy need not be asked. */
  public Step prepare(Endpoint endpoint, String contentType, byte[] body) {
    if (!isJson(contentType)) {
      return invalid(
          endpoint,
          415,
          "Content-Type is "
              + (contentType == null ? "missing" : "'" + contentType + "'")
              + ": expected application/json");
    }
    ParsedReview review;
    try {
      review = codec.parse(body);
    } catch (BadReviewException e) {
      return invalid(endpoint, e.status(), e.getMessage());
    } catch (RuntimeException | StackOverflowError e) {
      // The codec reports bad input as BadReviewException; anything else is our bug. Answer 400
      // all the same: the body is what we could not handle.
      LOG.log(Level.WARNING, "unexpected failure parsing an AdmissionReview", e);
      return invalid(endpoint, 400, "cannot read the body as an AdmissionReview");
    }
    AdmissionRequestView request = review.request();
    boolean ask =
        PodSpecLocator.hasPodSpec(request.kind())
            && switch (endpoint) {
              case MUTATE -> request.operation() == AdmissionOperation.CREATE;
              case VALIDATE ->
                  request.operation() == AdmissionOperation.CREATE
                      || request.operation() == AdmissionOperation.UPDATE;
            };
    PolicyCall call = new PolicyCall(endpoint, review);
    if (!ask) {
      return new Done(
          finish(
              call,
              new Decided(
                  endpoint == Endpoint.MUTATE
                      ? MutationDecision.none()
                      : ValidationDecision.allow())));
    }
    return call;
  }

  /** Asks the policy. Blocks as long as the policy does; never throws. */
  public Outcome invoke(PolicyCall call) {
    try {
      Object decision =
          switch (call.endpoint()) {
            case MUTATE -> policy.mutate(call.request());
            case VALIDATE -> policy.validate(call.request());
          };
      if (decision == null) {
        return new Failed("the policy returned no decision");
      }
      return new Decided(decision);
    } catch (RuntimeException | StackOverflowError | LinkageError e) {
      LOG.log(
          Level.WARNING,
          "policy failed on " + call.endpoint().label() + " uid " + call.request().uid(),
          e);
      String message = e.getMessage();
      return new Failed(
          "policy error: "
              + e.getClass().getSimpleName()
              + (message == null || message.isBlank() ? "" : ": " + message));
    }
  }

  /**
   * Asks the policy without waiting for it: returns once the policy has either decided (requests
   * whose images need no lookup) or handed its wait to the registry lookup. The stage never
   * completes exceptionally: failures become {@link Failed}.
   */
  public CompletionStage<Outcome> invokeAsync(PolicyCall call) {
    CompletionStage<?> decision;
    try {
      decision =
          switch (call.endpoint()) {
            case MUTATE -> policy.mutateAsync(call.request());
            case VALIDATE -> policy.validateAsync(call.request());
          };
    } catch (RuntimeException | StackOverflowError | LinkageError e) {
      return CompletableFuture.completedFuture(failed(call, e));
    }
    if (decision == null) {
      return CompletableFuture.completedFuture(new Failed("the policy returned no decision"));
    }
    return decision.handle(
        (d, e) -> {
          if (e != null) {
            Throwable cause =
                e instanceof java.util.concurrent.CompletionException && e.getCause() != null
                    ? e.getCause()
                    : e;
            return failed(call, cause);
          }
          return d == null ? new Failed("the policy returned no decision") : new Decided(d);
        });
  }

  private static Failed failed(PolicyCall call, Throwable e) {
    LOG.log(
        Level.WARNING,
        "policy failed on " + call.endpoint().label() + " uid " + call.request().uid(),
        e);
    String message = e.getMessage();
    return new Failed(
        "policy error: "
            + e.getClass().getSimpleName()
            + (message == null || message.isBlank() ? "" : ": " + message));
  }

  /** The outcome when the policy did not answer within {@code budget}. */
  public static Outcome timedOut(Duration budget) {
    return new Failed("the policy did not decide within " + budget.toMillis() + " ms");
  }

  /** Writes the answer for a policy outcome and counts it. Never throws. */
  public HttpReply finish(PolicyCall call, Outcome outcome) {
    HttpReply reply;
    try {
      reply = answer(call, outcome);
    } catch (RuntimeException e) {
      // e.g. a patch value the JSON writer refuses: the decision cannot be sent.
      LOG.log(Level.WARNING, "cannot write the answer for uid " + call.request().uid(), e);
      reply =
          answer(call, new Failed("cannot write the decision: " + e.getClass().getSimpleName()));
    }
    record(call, reply, outcome);
    return reply;
  }

  private HttpReply answer(PolicyCall call, Outcome outcome) {
    String apiVersion = call.review().apiVersion();
    AdmissionRequestView request = call.request();
    String uid = request.uid();
    if (outcome instanceof Failed failed) {
      String what = describe(request);
      if (call.endpoint() == Endpoint.MUTATE || validateFailureMode == ValidateFailureMode.ALLOW) {
        String warning =
            "winfleet could not "
                + (call.endpoint() == Endpoint.MUTATE ? "place " : "check ")
                + what
                + " ("
                + failed.reason()
                + "); admitted unchanged";
        return new HttpReply(
            200, codec.allowed(apiVersion, uid, List.of(), List.of(warning)), Verdict.FAILED_OPEN);
      }
      String message =
          "winfleet could not check "
              + what
              + " ("
              + failed.reason()
              + "). Retry; if this persists, check the logs of the winfleet pods.";
      return new HttpReply(
          200, codec.denied(apiVersion, uid, message, List.of()), Verdict.FAILED_CLOSED);
    }
    Object decision = ((Decided) outcome).decision();
    if (decision instanceof MutationDecision m) {
      return new HttpReply(
          200,
          codec.allowed(apiVersion, uid, m.patch(), m.warnings()),
          m.hasPatch() ? Verdict.PATCHED : Verdict.ALLOWED);
    }
    if (decision instanceof ValidationDecision v) {
      if (v.allowed()) {
        return new HttpReply(
            200, codec.allowed(apiVersion, uid, List.of(), v.warnings()), Verdict.ALLOWED);
      }
      return new HttpReply(
          200, codec.denied(apiVersion, uid, v.message(), v.warnings()), Verdict.DENIED);
    }
    throw new IllegalStateException("unknown decision " + decision.getClass());
  }

  private void record(PolicyCall call, HttpReply reply, Outcome outcome) {
    AdmissionRequestView request = call.request();
    if (request.dryRun()) {
      metrics.recordDryRun(call.endpoint());
      return;
    }
    metrics.recordRequest(call.endpoint(), reply.verdict());
    List<String> rules = List.of();
    String message = "";
    if (outcome instanceof Decided d && d.decision() instanceof MutationDecision m) {
      rules = m.findingRules();
      message = m.warnings().isEmpty() ? "" : m.warnings().get(0);
    } else if (outcome instanceof Decided d && d.decision() instanceof ValidationDecision v) {
      rules = v.findingRules();
      message = !v.allowed() ? v.message() : v.warnings().isEmpty() ? "" : v.warnings().get(0);
    } else if (outcome instanceof Failed f) {
      message = f.reason();
    }
    metrics.recordFindings(rules);
    recent.add(
        new RecentVerdicts.Entry(
            clock.instant(),
            call.endpoint(),
            request.uid(),
            request.kind().kind(),
            request.namespace(),
            request.name(),
            reply.verdict(),
            AdmissionReviewCodec.clean(message, 512)));
  }

  private Done invalid(Endpoint endpoint, int status, String message) {
    metrics.recordRequest(endpoint, Verdict.INVALID);
    return new Done(new HttpReply(status, codec.error(message), Verdict.INVALID));
  }

  /** An error body for answers outside the admission flow (404, 405, 413). */
  public byte[] errorBody(String message) {
    return codec.error(message);
  }

  private static String describe(AdmissionRequestView request) {
    String name = request.name().isEmpty() ? "" : " " + request.name();
    String ns = request.namespace().isEmpty() ? "" : " in namespace " + request.namespace();
    return request.kind().kind() + name + ns;
  }

  static boolean isJson(String contentType) {
    if (contentType == null) {
      return false;
    }
    int semi = contentType.indexOf(';');
    String media = (semi < 0 ? contentType : contentType.substring(0, semi)).trim();
    return media.toLowerCase(Locale.ROOT).equals("application/json");
  }
}
