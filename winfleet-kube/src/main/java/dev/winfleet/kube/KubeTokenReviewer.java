package dev.winfleet.kube;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.winfleet.core.spi.BearerTokenReviewer;
import io.fabric8.kubernetes.api.model.authentication.TokenReview;
import io.fabric8.kubernetes.api.model.authentication.TokenReviewBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenReviewStatus;
import io.fabric8.kubernetes.api.model.authentication.UserInfo;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Reviews dashboard bearer tokens with the API server, as kube-apiserver's own delegated
 * authentication does: a TokenReview says who the token belongs to, then a SubjectAccessReview
 * whether that user may {@code get} the non-resource URL {@code path} (RBAC grants it with {@code
 * nonResourceURLs}). Winfleet's service account needs {@code create} on {@code tokenreviews} and
 * {@code subjectaccessreviews}, which the built-in ClusterRole {@code system:auth-delegator}
 * grants.
 *
 * <p>Answers are kept for a short time (10 s by default, up to 10,000 tokens) so a page that loads
 * its assets and API in a burst costs one review; a failure to ask is never kept. Tokens are kept
 * only as their SHA-256 digest.
 */
public final class KubeTokenReviewer implements BearerTokenReviewer {

  /** How long an answer is kept by default. */
  public static final Duration DEFAULT_TTL = Duration.ofSeconds(10);

  private final KubernetesClient client;
  private final String path;
  private final Cache<String, Review> answers;

  /**
   * @param path the non-resource URL a user needs {@code get} on
   */
  public KubeTokenReviewer(KubernetesClient client, String path) {
    this(client, path, DEFAULT_TTL, Ticker.systemTicker());
  }

  KubeTokenReviewer(KubernetesClient client, String path, Duration ttl, Ticker ticker) {
    this.client = Objects.requireNonNull(client, "client");
    this.path = Objects.requireNonNull(path, "path");
    this.answers =
        Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(10_000).ticker(ticker).build();
  }

  @Override
  public Review review(String token) {
    String key = digest(token);
    Review kept = answers.getIfPresent(key);
    if (kept != null) {
      return kept;
    }
    Review fresh = ask(token);
    if (fresh.outcome() != Outcome.UNAVAILABLE) {
      answers.put(key, fresh);
    }
    return fresh;
  }

  private Review ask(String token) {
    try {
      TokenReview review =
          client
              .authentication()
              .v1()
              .tokenReviews()
              .create(new TokenReviewBuilder().withNewSpec().withToken(token).endSpec().build());
      TokenReviewStatus status = review == null ? null : review.getStatus();
      if (status == null || !Boolean.TRUE.equals(status.getAuthenticated())) {
        String why = status == null || status.getError() == null ? "" : ": " + status.getError();
        return new Review(Outcome.UNAUTHENTICATED, null, "the token is not valid" + why);
      }
      UserInfo user = status.getUser();
      String name = user == null || user.getUsername() == null ? "" : user.getUsername();
      SubjectAccessReview access =
          client
              .authorization()
              .v1()
              .subjectAccessReview()
              .create(
                  new SubjectAccessReviewBuilder()
                      .withNewSpec()
                      .withUser(name)
                      .withGroups(user == null ? null : user.getGroups())
                      .withUid(user == null ? null : user.getUid())
                      .withExtra(user == null ? null : user.getExtra())
                      .withNewNonResourceAttributes()
                      .withPath(path)
                      .withVerb("get")
                      .endNonResourceAttributes()
                      .endSpec()
                      .build());
      SubjectAccessReviewStatus verdict = access == null ? null : access.getStatus();
      if (verdict != null
          && Boolean.TRUE.equals(verdict.getAllowed())
          && !Boolean.TRUE.equals(verdict.getDenied())) {
        return new Review(Outcome.ALLOWED, name, "");
      }
      String why =
          verdict == null || verdict.getReason() == null || verdict.getReason().isBlank()
              ? ""
              : " (" + verdict.getReason() + ")";
      return new Review(Outcome.FORBIDDEN, name, name + " may not get " + path + why);
    } catch (KubernetesClientException e) {
      if (e.getCode() == 401 || e.getCode() == 403) {
        return new Review(
            Outcome.UNAVAILABLE,
            null,
            "the API server refused winfleet's review (HTTP "
                + e.getCode()
                + "): bind winfleet's service account to the ClusterRole system:auth-delegator");
      }
      return new Review(
          Outcome.UNAVAILABLE,
          null,
          "cannot reach the API server to review a token: " + e.getMessage());
    }
  }

  private static String digest(String token) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }
}
